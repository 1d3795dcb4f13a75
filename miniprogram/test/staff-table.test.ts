import { ariaSort, filterRows, foldText, nextSort, sortRows, statusChoices, type SortColumn } from '../src/packages/staff/utils/staff-table';

interface Row {
  id: number;
  title: string;
  status: string;
  updatedAt: string | null;
  dueDate: string | null;
  round: number;
}

const ROWS: Row[] = [
  { id: 1, title: '2026年城区义务教育学校划片招生方案', status: 'published', updatedAt: '2026-06-16T01:33:00.000Z', dueDate: '2026-12-20', round: 1 },
  { id: 2, title: '关于做好2026年冬季校园安全工作的通知', status: 'draft', updatedAt: '2026-11-26T03:22:00.000Z', dueDate: null, round: 0 },
  { id: 3, title: '中小学生学籍转出转入办理指南', status: 'published', updatedAt: '2025-08-15T07:45:00.000Z', dueDate: '2026-12-09', round: 2 },
  { id: 4, title: '2025年城区义务教育学校划片招生方案', status: 'draft', updatedAt: '2026-11-26T03:22:00.000Z', dueDate: '2026-12-09', round: 10 },
];

const ids = (rows: Row[]) => rows.map((r) => r.id);
const updated: SortColumn<Row> = { key: 'updated', kind: 'date', value: (r) => r.updatedAt };
const due: SortColumn<Row> = { key: 'due', kind: 'date', value: (r) => r.dueDate };
const round: SortColumn<Row> = { key: 'round', kind: 'number', value: (r) => r.round };
const title: SortColumn<Row> = { key: 'title', kind: 'text', value: (r) => r.title };

describe('sortRows', () => {
  it('orders dates by time, ties keeping their order in both directions', () => {
    expect(ids(sortRows(ROWS, updated, 'asc'))).toEqual([3, 1, 2, 4]);
    expect(ids(sortRows(ROWS, updated, 'desc'))).toEqual([2, 4, 1, 3]);
  });

  it('puts rows without a deadline last whichever way', () => {
    expect(ids(sortRows(ROWS, due, 'asc'))).toEqual([3, 4, 1, 2]);
    expect(ids(sortRows(ROWS, due, 'desc'))).toEqual([1, 3, 4, 2]);
  });

  it('compares bare dates and ISO times on one time line (a bare date is a Shanghai day)', () => {
    const mixed = [
      { id: 1, at: '2026-12-09T16:30:00.000Z' }, // 10 December, 00:30 in Shanghai
      { id: 2, at: '2026-12-10' },
      { id: 3, at: '2026-12-09T15:30:00.000Z' }, // 9 December, 23:30 in Shanghai
    ];
    expect(sortRows(mixed, { key: 'at', kind: 'date', value: (r) => r.at }, 'asc').map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('orders numbers as numbers, not as text (10 after 2)', () => {
    expect(ids(sortRows(ROWS, round, 'asc'))).toEqual([2, 1, 3, 4]);
  });

  it('orders text with the numbers in it compared as numbers', () => {
    expect(ids(sortRows(ROWS, title, 'asc')).slice(0, 2)).toEqual([4, 1]);
  });

  it('leaves the rows it was given alone', () => {
    const before = ids(ROWS);
    sortRows(ROWS, updated, 'desc');
    expect(ids(ROWS)).toEqual(before);
  });
});

describe('header clicks', () => {
  it('sorts a new column ascending and flips the same one', () => {
    expect(nextSort(null, 'due')).toEqual({ key: 'due', dir: 'asc' });
    expect(nextSort({ key: 'due', dir: 'asc' }, 'due')).toEqual({ key: 'due', dir: 'desc' });
    expect(nextSort({ key: 'due', dir: 'desc' }, 'due')).toEqual({ key: 'due', dir: 'asc' });
    expect(nextSort({ key: 'due', dir: 'desc' }, 'title')).toEqual({ key: 'title', dir: 'asc' });
  });

  it('says the order on the sorted header only', () => {
    expect(ariaSort({ key: 'due', dir: 'asc' }, 'due')).toBe('ascending');
    expect(ariaSort({ key: 'due', dir: 'desc' }, 'due')).toBe('descending');
    expect(ariaSort({ key: 'due', dir: 'desc' }, 'title')).toBe('none');
    expect(ariaSort(null, 'title')).toBe('none');
  });
});

describe('filterRows', () => {
  const text = (r: Row) => r.title;
  const statusOf = (r: Row) => r.status;

  it('keeps the rows containing every word typed', () => {
    expect(ids(filterRows(ROWS, { query: '划片 2025', text }))).toEqual([4]);
    expect(ids(filterRows(ROWS, { query: '划片招生', text }))).toEqual([1, 4]);
    expect(ids(filterRows(ROWS, { query: '  ', text }))).toEqual([1, 2, 3, 4]);
  });

  it('folds full-width digits and letters typed by a Chinese keyboard', () => {
    expect(foldText('２０２５ Ａb')).toBe('2025ab');
    expect(ids(filterRows(ROWS, { query: '２０２５年', text }))).toEqual([4]);
  });

  it('keeps one status when asked, with the words too', () => {
    expect(ids(filterRows(ROWS, { query: '', text, status: 'draft', statusOf }))).toEqual([2, 4]);
    expect(ids(filterRows(ROWS, { query: '安全', text, status: 'draft', statusOf }))).toEqual([2]);
    expect(ids(filterRows(ROWS, { query: '安全', text, status: 'published', statusOf }))).toEqual([]);
  });

  it('offers the statuses of the loaded rows, in the order first seen', () => {
    expect(statusChoices(ROWS, statusOf, (r) => (r.status === 'draft' ? '草稿' : '已发布'))).toEqual([
      { value: 'published', label: '已发布' },
      { value: 'draft', label: '草稿' },
    ]);
  });
});
