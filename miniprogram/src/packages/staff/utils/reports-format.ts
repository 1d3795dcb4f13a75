import {
  CHALLENGE_KINDS,
  CHALLENGE_KIND_LABELS,
  TABLE2_DOCUMENT_COLUMNS,
  TABLE2_DOCUMENT_COLUMN_LABELS,
  TABLE2_DOCUMENT_ROWS,
  TABLE2_DOCUMENT_ROW_LABELS,
  TABLE4_COLUMN_LABELS,
  TABLE4_RESULT_COLUMNS,
  YEARLY_AMOUNT_PATTERN,
  YEARLY_COUNT_PATTERN,
  YEARLY_FIGURE_LABELS,
  YEARLY_FIGURE_UNITS,
  TABLE2_CONTENT_HEADING,
  TABLE2_DOCUMENTS_ITEM,
  TABLE2_YEARLY_ITEMS,
  defaultReportYear,
  type AnnualReportState,
  type AnnualReportView,
  type ChallengeKind,
  type ErrorDetail,
  type NoticeStatus,
  type ReportCheck,
  type ReportExportFormat,
  type ReportYears,
  type Table2,
  type Table4Column,
  type YearlyFigureKey,
} from '@gongkai/shared';

/** Pure helpers of the staff 年度报告 pages (no Taro, so jest loads them). */

/** The pages, here rather than in the main package's route list: both live in the staff subpackage. */
export const REPORT_ROUTES = {
  report: '/packages/staff/pages/reports/index',
  records: '/packages/staff/pages/reports/records',
} as const;

export const REPORT_STATE_LABELS: Record<AnnualReportState, string> = {
  draft: '草稿',
  in_review: '审核中',
  scheduled: '已排期',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Where the bureau usually files its yearly report: the catalogue's 政策文件 column (any of the ten may be chosen). */
export const DEFAULT_REPORT_CATEGORY = 'ZCWJ';

export const EXPORT_LABELS: Record<ReportExportFormat, string> = { pdf: 'PDF', docx: 'Word（DOCX）', md: 'Markdown', html: '网页（HTML）' };

/** What `wx.openDocument` can show (it reads PDF and Office files, not Markdown or HTML). */
export function weappDocumentType(format: ReportExportFormat): 'pdf' | 'docx' | null {
  return format === 'pdf' || format === 'docx' ? format : null;
}

/** The years to offer: the listed ones and the default (which may have no records yet), newest first. */
export function yearChoices(years: ReportYears | undefined, today: string): number[] {
  const set = new Set<number>([years?.defaultYear ?? defaultReportYear(today)]);
  for (const y of years?.years ?? []) set.add(y.year);
  return [...set].sort((a, b) => b - a);
}

/** A rate (0–1) as the report says it: `95%`, `93.3%`; `—` when there is none. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const tenths = Math.round(rate * 1000);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}

/** `1,234`: figures read with thousands separators. */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// ── cells the failed checks name ────────────────────────────────────────

const cellKey = (table: string, row: string, column: string) => `${table}|${row}|${column}`;

/** The cells of the failed checks, to highlight in the tables. */
export function failedCells(checks: readonly ReportCheck[]): Set<string> {
  return new Set(checks.filter((c) => !c.ok && c.cell).map((c) => cellKey(c.cell!.table, c.cell!.row, c.cell!.column)));
}

export function isFailed(cells: Set<string>, table: '二' | '三' | '四', row: string, column: string): boolean {
  return cells.has(cellKey(table, row, column));
}

/**
 * What 409 REPORT_UNBALANCED lists: the error's details (a cell and what is wrong with it), or,
 * when it has none, the report's own failed checks.
 */
export function unbalancedLines(details: readonly ErrorDetail[] | undefined, checks: readonly ReportCheck[] | undefined): string[] {
  const fromDetails = (details ?? []).map((d) => d.message).filter((m) => m && m.trim());
  if (fromDetails.length) return fromDetails;
  return (checks ?? []).filter((c) => !c.ok).map((c) => c.message);
}

// ── table 二 as the national format lays it out ─────────────────────────

export interface PlainCell {
  text: string;
  /** A figure not entered, or a cell a failed check names. */
  bad?: boolean;
  /** data-row / data-column of a figure cell. */
  row?: string;
  column?: string;
}
export interface Table2Section {
  /** The article of the Regulation the block reports on, e.g. `第二十条第（一）项`. */
  heading: string;
  columns: string[];
  rows: PlainCell[][];
}

/** The four blocks of table 二 (第二十条 (一), (五), (六), (八)), from the report's table. */
export function table2Sections(table: Table2, cells: Set<string> = new Set()): Table2Section[] {
  const doc = table.documents;
  const yearly = (key: YearlyFigureKey): PlainCell[] => {
    const figure = table.yearly.find((f) => f.key === key);
    const value = figure?.value ?? null;
    return [
      { text: YEARLY_FIGURE_LABELS[key] },
      { text: value ?? '未填报', bad: value === null || isFailed(cells, '二', key, 'value'), row: key, column: 'value' },
    ];
  };
  return [
    {
      heading: TABLE2_DOCUMENTS_ITEM,
      columns: [TABLE2_CONTENT_HEADING, ...TABLE2_DOCUMENT_COLUMNS.map((c) => TABLE2_DOCUMENT_COLUMN_LABELS[c])],
      rows: TABLE2_DOCUMENT_ROWS.map((r) => [
        { text: TABLE2_DOCUMENT_ROW_LABELS[r] },
        ...TABLE2_DOCUMENT_COLUMNS.map((c) => ({ text: String(doc[r]?.[c] ?? 0), row: r, column: c })),
      ]),
    },
    // Each block's unit column is its first figure's (the figures of one block share it).
    ...TABLE2_YEARLY_ITEMS.map(({ item, keys }) => ({ heading: item, columns: [TABLE2_CONTENT_HEADING, YEARLY_FIGURE_UNITS[keys[0]!]], rows: keys.map(yearly) })),
  ];
}

// ── table 四 ────────────────────────────────────────────────────────────

/** `行政诉讼（复议后起诉）` → `复议后起诉`: the sub-heading under 行政诉讼. */
export function lawsuitHeading(kind: ChallengeKind): string {
  const label = CHALLENGE_KIND_LABELS[kind];
  return /（(.+)）/.exec(label)?.[1] ?? label;
}

/** Table 四's blocks: 行政复议 on its own, then the two kinds of 行政诉讼 under one heading. */
export const TABLE4_LAYOUT: { reconsideration: ChallengeKind; lawsuits: ChallengeKind[]; columns: { key: Table4Column; label: string }[] } = {
  reconsideration: CHALLENGE_KINDS[0],
  lawsuits: CHALLENGE_KINDS.slice(1),
  columns: TABLE4_RESULT_COLUMNS.map((key) => ({ key, label: TABLE4_COLUMN_LABELS[key] })),
};

// ── the notice ──────────────────────────────────────────────────────────

/**
 * Whether 生成公告 is offered: no notice yet, or the one written is still the author's (草稿,
 * 已退回) and may be rewritten, or it was withdrawn. The server decides; this only hides a button
 * it would refuse.
 */
export function canGenerateNotice(view: Pick<AnnualReportView, 'state' | 'notice'>): boolean {
  if (!view.notice) return true;
  if (view.state === 'withdrawn') return true;
  return (['draft', 'returned'] as NoticeStatus[]).includes(view.notice.status);
}

// ── the narrative ───────────────────────────────────────────────────────

/** `以上年（2025）文本为起点`: said while the text offered is an earlier year's. */
export function startedFromNote(startedFrom: number | null, saved: boolean): string | null {
  return !saved && startedFrom !== null ? `以上年（${startedFrom}）文本为起点` : null;
}

export function narrativeChanged<K extends string>(draft: Record<K, string>, saved: Record<K, string>): boolean {
  return (Object.keys(saved) as K[]).some((k) => (draft[k] ?? '') !== (saved[k] ?? ''));
}

// ── files ───────────────────────────────────────────────────────────────

/** The name to save an export under when the server gives none. */
export function exportFileName(title: string, format: ReportExportFormat): string {
  return `${title || '政府信息公开工作年度报告'}.${format}`;
}

// ── the records' forms ──────────────────────────────────────────────────

/** The server's complaints (400 details) per field of a form, first one each; fields the form lacks go to `other`. */
export function fieldErrors<F extends string>(details: readonly ErrorDetail[] | undefined, fields: readonly F[]): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const d of details ?? []) {
    const field = (d.field ?? '').split('.')[0] as F;
    if ((fields as readonly string[]).includes(field)) {
      if (!byField[field]) byField[field] = d.message;
    } else if (d.message) {
      other.push(d.message);
    }
  }
  return { byField, other };
}

/** A figure as typed: `null` when fine (or left empty: not entered), else what is wrong, in the server's terms. */
export function figureProblem(key: YearlyFigureKey, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (key === 'charges') return YEARLY_AMOUNT_PATTERN.test(v) ? null : '请填写金额（万元），最多4位小数，如 12.5';
  return YEARLY_COUNT_PATTERN.test(v) ? null : '请填写不小于0的整数（没有的填 0）';
}

/** The figures to send: those typed that differ from what is saved. */
export function changedFigures(draft: Partial<Record<YearlyFigureKey, string>>, saved: Partial<Record<YearlyFigureKey, string | null>>): Partial<Record<YearlyFigureKey, string>> {
  const out: Partial<Record<YearlyFigureKey, string>> = {};
  for (const [key, raw] of Object.entries(draft) as [YearlyFigureKey, string | undefined][]) {
    const v = (raw ?? '').trim();
    if (v && v !== (saved[key] ?? '')) out[key] = v;
  }
  return out;
}

/** `张三 2026-03-02 10:30 录入`, and who changed it last when someone else did or later. */
export function stampLine(stamp: { createdBy: string; createdAt: string; updatedBy: string; updatedAt: string }, format: (iso: string) => string): string {
  const created = `${stamp.createdBy} ${format(stamp.createdAt)} 录入`;
  return stamp.updatedAt !== stamp.createdAt ? `${created}；${stamp.updatedBy} ${format(stamp.updatedAt)} 修改` : created;
}
