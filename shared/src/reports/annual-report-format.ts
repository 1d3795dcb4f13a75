import { DISCLOSURE_OUTCOMES, DISCLOSURE_OUTCOME_CODES, OUTCOME_GROUPS, OUTCOME_GROUP_LABELS, type DisclosureOutcome, type DisclosureOutcomeGroup } from '../disclosure/outcomes';
import { CHALLENGE_KINDS, CHALLENGE_KIND_LABELS, CHALLENGE_RESULTS, CHALLENGE_RESULT_LABELS, type ChallengeKind, type ChallengeResult } from '../disclosure/challenges';

/**
 * The yearly 政府信息公开工作年度报告 in the 2021 national format (国办公开办函〔2021〕30号):
 * six sections, with tables 二, 三 and 四 laid out as the format lays them out. The server fills
 * the tables from live data, the renderers (HTML, Markdown, DOCX, PDF) and the staff page read
 * these labels, so a column or a row is named once.
 */

export const REPORT_SECTIONS = ['overview', 'proactive', 'requests', 'challenges', 'problems', 'other'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_TITLES: Record<ReportSection, string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  challenges: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

/** The parts staff write in their own words, saved per year (the previous year's text is offered as a start). */
export const NARRATIVE_PARTS = ['preface', 'overview', 'problems', 'other'] as const;
export type NarrativePart = (typeof NARRATIVE_PARTS)[number];
export const NARRATIVE_PART_LABELS: Record<NarrativePart, string> = {
  preface: '前言（编制依据与统计期限）',
  overview: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};
/** Characters per part (the 2017 report's longest section is about 2,500). */
export const NARRATIVE_PART_MAX = 20_000;

// ---- Table 二 -------------------------------------------------------------------------------

/** The rows of table 二 with 制发 / 废止 / 现行有效 counts (规章 is 0 for a county bureau, which makes none). */
export const TABLE2_DOCUMENT_ROWS = ['regulations', 'normative'] as const;
export type Table2DocumentRow = (typeof TABLE2_DOCUMENT_ROWS)[number];
export const TABLE2_DOCUMENT_ROW_LABELS: Record<Table2DocumentRow, string> = { regulations: '规章', normative: '行政规范性文件' };
export const TABLE2_DOCUMENT_COLUMNS = ['issued', 'repealed', 'inForce'] as const;
export type Table2DocumentColumn = (typeof TABLE2_DOCUMENT_COLUMNS)[number];
export const TABLE2_DOCUMENT_COLUMN_LABELS: Record<Table2DocumentColumn, string> = { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' };

/** Table 二's blocks as the format heads them: the item of the Regulation's 第二十条 each reports on. */
export const TABLE2_DOCUMENTS_ITEM = '第二十条第（一）项';
export const TABLE2_YEARLY_ITEMS: readonly { item: string; keys: readonly YearlyFigureKey[] }[] = [
  { item: '第二十条第（五）项', keys: ['licensing'] },
  { item: '第二十条第（六）项', keys: ['penalty', 'enforcement'] },
  { item: '第二十条第（八）项', keys: ['charges'] },
];
/** The heading over each block's row labels. */
export const TABLE2_CONTENT_HEADING = '信息内容';

/** The figures of table 二 that other systems hold: the bureau enters them once a year (who entered each is kept). */
export const YEARLY_FIGURE_KEYS = ['licensing', 'penalty', 'enforcement', 'charges'] as const;
export type YearlyFigureKey = (typeof YEARLY_FIGURE_KEYS)[number];
export const YEARLY_FIGURE_LABELS: Record<YearlyFigureKey, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  charges: '行政事业性收费',
};
/** What table 二 counts for each: decisions made this year, or the amount charged in 万元. */
export const YEARLY_FIGURE_UNITS: Record<YearlyFigureKey, string> = {
  licensing: '本年处理决定数量',
  penalty: '本年处理决定数量',
  enforcement: '本年处理决定数量',
  charges: '本年收费金额（单位：万元）',
};
/** Counts: a whole number up to 10^7. The amount: 万元 with up to 4 decimals (down to the 元). */
export const YEARLY_COUNT_PATTERN = /^(0|[1-9]\d{0,6})$/;
export const YEARLY_AMOUNT_PATTERN = /^(0|[1-9]\d{0,7})(\.\d{1,4})?$/;

// ---- Table 三 -------------------------------------------------------------------------------

/** Table 三's columns: 自然人, the five kinds of 法人或其他组织, and 总计. */
export const TABLE3_COLUMNS = ['natural_person', 'commercial', 'research', 'public_welfare', 'legal_service', 'other_org', 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
  total: '总计',
};
/** The heading over the five organisation columns. */
export const TABLE3_ORGANIZATION_HEADING = '法人或其他组织';

/** One row of table 三: a count per column (the 总计 column included, counted on its own, not summed). */
export type Table3Counts = Record<Table3Column, number>;

/**
 * Table 三's rows in the format's order. `outcome` rows count one outcome; `subtotal` rows sum a
 * group's outcomes (不予公开 · 无法提供 · 不予处理 · 其他处理 have a 小计… in the format they are
 * listed with their reasons; 予以公开 and 部分公开 are single rows).
 */
export type Table3RowKey = Table3CountedRow | `group:${DisclosureOutcomeGroup}`;
/** The rows that hold counts (a group of several reasons is a heading over them, as in the format). */
export type Table3CountedRow = 'received' | 'carriedIn' | DisclosureOutcome | 'concluded' | 'carriedOut';

export interface Table3RowInfo {
  key: Table3RowKey;
  /** False for a group's heading over its reasons (no counts of its own: the format has none). */
  counted: boolean;
  /** The row heading as the format prints it, e.g. `一、本年新收政府信息公开申请数量`, `（三）不予公开`, `1.属于国家秘密`. */
  label: string;
  /** How deep it sits under 三、本年度办理结果 (0: the four top rows, 1: the groups, 2: the reasons). */
  depth: 0 | 1 | 2;
}

const GROUP_NUMERALS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];

/** The rows of table 三, top to bottom. */
export const TABLE3_ROWS: readonly Table3RowInfo[] = (() => {
  const rows: Table3RowInfo[] = [
    { key: 'received', label: '一、本年新收政府信息公开申请数量', depth: 0, counted: true },
    { key: 'carriedIn', label: '二、上年结转政府信息公开申请数量', depth: 0, counted: true },
  ];
  OUTCOME_GROUPS.forEach((group, g) => {
    const outcomes = DISCLOSURE_OUTCOME_CODES.filter((o) => DISCLOSURE_OUTCOMES[o].group === group);
    if (outcomes.length === 1) {
      // The format's own wording for 部分公开: a request partly granted counts here only.
      const label = group === 'partial' ? '部分公开（区分处理的，只计这一情形，不计其他情形）' : OUTCOME_GROUP_LABELS[group];
      rows.push({ key: outcomes[0]!, label: `${GROUP_NUMERALS[g]}${label}`, depth: 1, counted: true });
      return;
    }
    rows.push({ key: `group:${group}`, label: `${GROUP_NUMERALS[g]}${OUTCOME_GROUP_LABELS[group]}`, depth: 1, counted: false });
    outcomes.forEach((o, i) => rows.push({ key: o, label: `${i + 1}.${DISCLOSURE_OUTCOMES[o].label}`, depth: 2, counted: true }));
  });
  rows.push({ key: 'concluded', label: '（七）总计', depth: 1, counted: true });
  rows.push({ key: 'carriedOut', label: '四、结转下年度继续办理', depth: 0, counted: true });
  return rows;
})();
/** The rows holding counts, in order. */
export const TABLE3_COUNTED_ROWS: readonly Table3CountedRow[] = TABLE3_ROWS.filter((r) => r.counted).map((r) => r.key as Table3CountedRow);
/** The heading of the block of outcome rows. */
export const TABLE3_RESULTS_HEADING = '三、本年度办理结果';

// ---- Table 四 -------------------------------------------------------------------------------

export const TABLE4_RESULT_COLUMNS = [...CHALLENGE_RESULTS, 'total'] as const;
export type Table4Column = (typeof TABLE4_RESULT_COLUMNS)[number];
export const TABLE4_COLUMN_LABELS: Record<Table4Column, string> = { ...CHALLENGE_RESULT_LABELS, total: '总计' };
export const TABLE4_GROUPS: readonly { kind: ChallengeKind; label: string }[] = CHALLENGE_KINDS.map((kind) => ({ kind, label: CHALLENGE_KIND_LABELS[kind] }));
export type Table4Counts = Record<ChallengeKind, Record<ChallengeResult | 'total', number>>;

// ---- The year -------------------------------------------------------------------------------

/**
 * Which year's report the staff page opens on: the year just ended (due by 31 January, then kept
 * as published). The current year's report can be drafted but is written into its notice only
 * after the year ends, so it is opened by choice.
 */
export function defaultReportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** The earliest year a report can be asked for (the Regulation took effect in 2008; the format is the 2021 one whatever the year), and the latest: this year. */
export const REPORT_FIRST_YEAR = 2008;

/** The report's title for a year. */
export function annualReportTitle(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}
