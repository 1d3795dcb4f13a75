import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ariaSort, filterRows, nextSort, sortRows, statusChoices, type SortState } from '../utils/staff-table';
import { ErrorState, ListSkeleton } from '../../../components/States';
import type { PagedTableProps, StaffTableProps } from './StaffTable';
import './staff.scss';

/**
 * H5, desk-wide: a list as a real table. Headers sort what is loaded (aria-sort), a filter box and
 * a status choice narrow it, rows open their item by click or Enter, and with `selection` a column
 * of check boxes picks rows for the page's bulk actions.
 */
export function StaffTable<T>({
  name,
  caption,
  rows,
  columns,
  rowKey,
  onOpen,
  rowClassName,
  rowData,
  searchText,
  status,
  selection,
  toolbar,
  footer,
  emptyText,
  initialSort = null,
  partial = false,
}: StaffTableProps<T>) {
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const [query, setQuery] = useState('');
  const [statusValue, setStatusValue] = useState('');
  const choices = useMemo(() => (status ? statusChoices(rows, status.value, status.label) : []), [rows, status]);
  // A status no longer among the loaded rows (another tab) filters nothing.
  const activeStatus = choices.some((c) => c.value === statusValue) ? statusValue : '';
  const shown = useMemo(() => {
    const filtered = filterRows(rows, { query, text: searchText ?? (() => ''), status: activeStatus, ...(status ? { statusOf: status.value } : {}) });
    const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
    return column && sort ? sortRows(filtered, column, sort.dir) : filtered;
  }, [rows, query, searchText, activeStatus, status, sort, columns]);

  // Picks the filter now hides are dropped, so a bulk action only ever acts on rows in view.
  useEffect(() => {
    if (!selection || !selection.selected.size) return;
    const inView = new Set(shown.map(rowKey));
    const kept = [...selection.selected].filter((key) => inView.has(key));
    if (kept.length !== selection.selected.size) selection.onChange(new Set(kept));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);

  const selectable = selection ? shown.filter(selection.selectable) : [];
  const allPicked = selection ? selectable.length > 0 && selectable.every((r) => selection.selected.has(rowKey(r))) : false;
  const toggle = (key: string | number) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };
  const toggleAll = () => {
    if (!selection) return;
    selection.onChange(allPicked ? new Set() : new Set(selectable.map(rowKey)));
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      onOpen(row);
    }
  };

  return (
    <div className={`gk-table e2e-table e2e-table-${name}`}>
      <div className='gk-table__bar'>
        {searchText ? (
          <input
            className='gk-table__filter e2e-table-filter'
            type='search'
            value={query}
            placeholder='筛选：输入关键词'
            aria-label='按关键词筛选'
            onChange={(e) => setQuery(e.target.value)}
          />
        ) : null}
        {status && choices.length > 1 ? (
          <select className='gk-table__status e2e-table-status' value={activeStatus} aria-label='按状态筛选' onChange={(e) => setStatusValue(e.target.value)}>
            <option value=''>全部状态</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : null}
        <span className='gk-table__count e2e-table-count' aria-live='polite'>
          {countText(shown.length, rows.length, partial)}
        </span>
        {toolbar}
      </div>
      {/* A narrow window scrolls the table sideways rather than cutting its last columns. */}
      <div className='gk-table__scroll'>
      <table className='gk-table__table'>
        <caption className='gk-table__caption'>{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th className='gk-table__pick' scope='col'>
                <input type='checkbox' className='e2e-table-select-all' aria-label='全选' checked={allPicked} disabled={!selectable.length} onChange={toggleAll} />
              </th>
            ) : null}
            {columns.map((c) =>
              c.sortable === false ? (
                <th key={c.key} scope='col' className={`gk-table__th ${c.className ?? ''}`}>
                  <span className='e2e-table-heading'>{c.label}</span>
                </th>
              ) : (
                <th key={c.key} scope='col' className={`gk-table__th ${c.className ?? ''}`} aria-sort={ariaSort(sort, c.key)}>
                  <button type='button' className={`gk-table__sort e2e-table-sort e2e-table-sort-${c.key}`} onClick={() => setSort(nextSort(sort, c.key))}>
                    <span className='e2e-table-heading'>{c.label}</span>
                    <span className='gk-table__arrow' aria-hidden='true'>
                      {ariaSort(sort, c.key) === 'ascending' ? '▲' : ariaSort(sort, c.key) === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const key = rowKey(row);
            const data = rowData ? rowData(row) : {};
            const attrs = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined).map(([k, v]) => [`data-${k}`, String(v)]));
            const picked = selection?.selected.has(key) ?? false;
            return (
              <tr
                key={key}
                className={`gk-table__row e2e-table-row ${picked ? 'gk-table__row--picked' : ''} ${rowClassName ? rowClassName(row) : ''}`}
                tabIndex={0}
                onClick={() => onOpen(row)}
                onKeyDown={(e) => onKey(e, row)}
                {...attrs}
              >
                {selection ? (
                  <td className='gk-table__pick' onClick={(e) => e.stopPropagation()}>
                    {selection.selectable(row) ? (
                      <input type='checkbox' className='e2e-table-select' aria-label='选择' checked={picked} onChange={() => toggle(key)} />
                    ) : null}
                  </td>
                ) : null}
                {columns.map((c) => {
                  const v = c.value(row);
                  return (
                    <td key={c.key} className={`gk-table__td ${c.className ?? ''}`}>
                      {c.render ? c.render(row) : v === null || v === undefined ? '' : String(v)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {!shown.length ? <p className='gk-table__empty e2e-table-empty'>{rows.length ? '没有符合筛选条件的条目' : emptyText}</p> : null}
      {footer}
    </div>
  );
}

function countText(shown: number, loaded: number, partial: boolean): string {
  const total = partial ? `已加载 ${loaded} 条，还有更多` : `共 ${loaded} 条`;
  return shown === loaded ? total : `显示 ${shown} / ${partial ? `已加载 ${loaded}` : loaded} 条`;
}

/** A paged list (usePagedList) as a table: its first-page states, then the rows and a 加载更多 under them. */
export function PagedTable<T>({ list, ...table }: PagedTableProps<T>) {
  if (list.loading) return <ListSkeleton />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.retry()} />;
  const footer = list.done ? null : (
    <div className='gk-table__more'>
      {list.loadingMore ? (
        <span>正在加载…</span>
      ) : (
        <button type='button' className='gk-table__action e2e-table-more' onClick={() => void list.loadMore()}>
          {list.moreError ? '加载失败，重试' : '加载更多'}
        </button>
      )}
    </div>
  );
  return <StaffTable {...table} rows={list.items} footer={footer} partial={!list.done} />;
}
