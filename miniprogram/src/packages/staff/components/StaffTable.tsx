import type { ReactNode } from 'react';
import type { PagedList } from '../../../hooks/usePagedList';
import type { CellKind, CellValue, SortState } from '../utils/staff-table';

export interface TableColumn<T> {
  key: string;
  label: string;
  kind: CellKind;
  /** What the column sorts by (a date as ISO text, a number, text). */
  value: (row: T) => CellValue;
  /** What the cell shows; the value as text when absent. */
  render?: (row: T) => ReactNode;
  /** Classes of the cell (test hooks, widths). */
  className?: string;
  sortable?: boolean;
}

export interface TableSelection<T> {
  /** Whether this row may be picked for the bulk actions. */
  selectable: (row: T) => boolean;
  selected: ReadonlySet<string | number>;
  onChange: (next: Set<string | number>) => void;
}

export interface StaffTableProps<T> {
  /** Names the table's test hooks: `e2e-table e2e-table-<name>`. */
  name: string;
  /** Says what the table lists, for screen readers. */
  caption: string;
  rows: readonly T[];
  columns: readonly TableColumn<T>[];
  rowKey: (row: T) => string | number;
  onOpen: (row: T) => void;
  /** The page's own hooks on each row (e.g. `e2e-queue-item`), kept from its phone cards. */
  rowClassName?: (row: T) => string;
  rowData?: (row: T) => Record<string, string | number | undefined>;
  /** The row's text the filter box searches; no filter box without it. */
  searchText?: (row: T) => string;
  /** A status filter over the loaded rows' statuses. */
  status?: { value: (row: T) => string; label: (row: T) => string };
  selection?: TableSelection<T>;
  /** Shown above the table, beside the filters (bulk actions). */
  toolbar?: ReactNode;
  /** Shown under the table (load more). */
  footer?: ReactNode;
  /** More rows exist than are loaded: the count, the sorting and the filter cover the loaded ones only, and say so. */
  partial?: boolean;
  emptyText: string;
  initialSort?: SortState | null;
}

/** weapp: no tables (the pages show their cards); H5 draws them at ≥ 1024 px (StaffTable.h5.tsx). */
export function StaffTable<T>(_props: StaffTableProps<T>): ReactNode {
  return null;
}

export type PagedTableProps<T> = Omit<StaffTableProps<T>, 'rows' | 'footer'> & { list: PagedList<T> };

/** weapp: no tables (PagedTable.h5 in StaffTable.h5.tsx draws a paged list as a table). */
export function PagedTable<T>(_props: PagedTableProps<T>): ReactNode {
  return null;
}
