/**
 * Sorting and filtering of the desktop tables (我的稿件, 待我审核, 咨询办理, 依申请公开). Pure, so jest
 * checks them with literal rows; they work on what is loaded (the server's pages stay as they are).
 */

/** How a column's values compare: text by the Chinese collation, numbers numerically, dates chronologically. */
export type CellKind = 'text' | 'number' | 'date';
export type CellValue = string | number | null | undefined;
export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: string;
  dir: SortDir;
}

export interface SortColumn<T> {
  key: string;
  kind: CellKind;
  value: (row: T) => CellValue;
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

/** A value's sort key, or null when it has none (empty text, a date that does not parse). */
function sortKey(value: CellValue, kind: CellKind): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'text') return String(value);
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'number') return value;
  // A bare date (YYYY-MM-DD) is a Shanghai day: the same instant as its midnight there.
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
  return Number.isNaN(t) ? null : t;
}

/** Compares two present sort keys ascending. */
function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows ordered by `column` in `dir`; rows without a value go last either way, and rows that
 * compare equal keep their order (a stable sort, also when descending).
 */
export function sortRows<T>(rows: readonly T[], column: SortColumn<T>, dir: SortDir): T[] {
  const keyed = rows.map((row, index) => ({ row, index, key: sortKey(column.value(row), column.kind) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === null && b.key === null) return a.index - b.index;
      return a.key === null ? 1 : -1;
    }
    const c = compareKeys(a.key, b.key);
    if (c !== 0) return dir === 'asc' ? c : -c;
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** A click on a header: a new column sorts ascending, the same column flips its direction. */
export function nextSort(current: SortState | null, key: string): SortState {
  if (current && current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: 'asc' };
}

/** The header's aria-sort for `key`. */
export function ariaSort(current: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  if (!current || current.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}

/** Lower case, full-width letters and digits folded to ASCII, spaces removed: what a filter compares. */
export function foldText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

export interface RowFilter<T> {
  /** What the reader typed: every word (split on spaces) must occur in the row's text. */
  query: string;
  text: (row: T) => string;
  /** Only rows whose status is this one; '' for every status. */
  status?: string;
  statusOf?: (row: T) => string;
}

/** The rows that pass the text and status filters, in their order. */
export function filterRows<T>(rows: readonly T[], filter: RowFilter<T>): T[] {
  const words = filter.query.split(/[\s\u3000]+/).map(foldText).filter(Boolean);
  return rows.filter((row) => {
    if (filter.status && filter.statusOf && filter.statusOf(row) !== filter.status) return false;
    if (!words.length) return true;
    const hay = foldText(filter.text(row));
    return words.every((w) => hay.includes(w));
  });
}

/** The distinct statuses of the loaded rows, in first-seen order, with their labels (a status filter's choices). */
export function statusChoices<T>(rows: readonly T[], statusOf: (row: T) => string, labelOf: (row: T) => string): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const v = statusOf(row);
    if (!seen.has(v)) seen.set(v, labelOf(row));
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}
