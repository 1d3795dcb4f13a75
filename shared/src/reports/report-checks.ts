import { CHALLENGE_KINDS, CHALLENGE_RESULTS } from '../disclosure/challenges';
import { DISCLOSURE_OUTCOME_CODES } from '../disclosure/outcomes';
import {
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COUNTED_ROWS,
  TABLE3_ROWS,
  TABLE4_COLUMN_LABELS,
  YEARLY_FIGURE_KEYS,
  YEARLY_FIGURE_LABELS,
  type Table3Column,
  type Table3CountedRow,
  type Table3Counts,
  type Table4Counts,
  type YearlyFigureKey,
} from './annual-report-format';
import { CHALLENGE_KIND_LABELS } from '../disclosure/challenges';

/** One check the report must pass before it may be published; a failed one names its cell. */
export interface ReportCheck {
  code: ReportCheckCode;
  ok: boolean;
  /** The cell that fails (or the first of them): table, row key, column. */
  cell: { table: '二' | '三' | '四'; row: string; column: string } | null;
  /** In words a staff member reads, e.g. `表三“自然人”列：一（3）+ 二（1）≠ 三·总计（2）+ 四（1）`. */
  message: string;
}
export type ReportCheckCode = 'table3_balance' | 'table3_results_sum' | 'table3_total_column' | 'table3_carry_over' | 'table4_totals' | 'table2_entered';

export interface ReportCheckInput {
  table3: Record<Table3CountedRow, Table3Counts>;
  table4: Table4Counts;
  /** Table 二's figures from other systems; null where nobody has entered one yet. */
  yearlyFigures: Record<YearlyFigureKey, string | null>;
  /**
   * Row 四 (结转下年度) of the previous year's report: of the published one when there is one (the
   * figures as they were published), else as the previous year's data reads now; null when the
   * previous year had no requests at all to carry (then 二 must be 0).
   */
  previousCarriedOut: Table3Counts | null;
}

const rowLabel = (row: Table3CountedRow): string => TABLE3_ROWS.find((r) => r.key === row)!.label;
const short = (row: Table3CountedRow): string => rowLabel(row).split('、')[0]!;

/**
 * The balance checks of the national format, each reported (passing ones too, so the page can
 * show every table balancing): for every column of table 三, 一 + 二 = 三(总计) + 四; 三(总计) is
 * the sum of its outcome rows; 总计 is the sum of the six applicant columns; 二 equals last year's
 * 四; table 四's 总计 is the sum of its results; table 二's figures from other systems are entered.
 */
export function checkAnnualReport(input: ReportCheckInput): ReportCheck[] {
  const t3 = input.table3;
  const checks: ReportCheck[] = [];
  const columns = TABLE3_COLUMNS;

  const firstBad = <T>(items: readonly T[], bad: (item: T) => boolean): T | undefined => items.find(bad);

  // 一 + 二 = 三(总计) + 四, per column.
  const unbalanced = firstBad(columns, (c) => t3.received[c] + t3.carriedIn[c] !== t3.concluded[c] + t3.carriedOut[c]);
  checks.push(
    unbalanced
      ? {
          code: 'table3_balance',
          ok: false,
          cell: { table: '三', row: 'concluded', column: unbalanced },
          message: `表三“${TABLE3_COLUMN_LABELS[unbalanced]}”列不平衡：一（${t3.received[unbalanced]}）+ 二（${t3.carriedIn[unbalanced]}）≠ 三·总计（${t3.concluded[unbalanced]}）+ 四（${t3.carriedOut[unbalanced]}）`,
        }
      : { code: 'table3_balance', ok: true, cell: null, message: '表三各列：一 + 二 = 三（总计）+ 四' },
  );

  // 三(总计) = the sum of the outcome rows, per column.
  const sumOf = (c: Table3Column) => DISCLOSURE_OUTCOME_CODES.reduce((n, o) => n + t3[o][c], 0);
  const badSum = firstBad(columns, (c) => sumOf(c) !== t3.concluded[c]);
  checks.push(
    badSum
      ? {
          code: 'table3_results_sum',
          ok: false,
          cell: { table: '三', row: 'concluded', column: badSum },
          message: `表三“${TABLE3_COLUMN_LABELS[badSum]}”列：各项办理结果之和（${sumOf(badSum)}）≠ 三·总计（${t3.concluded[badSum]}）`,
        }
      : { code: 'table3_results_sum', ok: true, cell: null, message: '表三各列：各项办理结果之和 = 三（总计）' },
  );

  // 总计 column = the six applicant columns, per row.
  const parts = columns.filter((c) => c !== 'total');
  const rowSum = (row: Table3CountedRow) => parts.reduce((n, c) => n + t3[row][c], 0);
  const badRow = firstBad(TABLE3_COUNTED_ROWS, (row) => rowSum(row) !== t3[row].total);
  checks.push(
    badRow
      ? {
          code: 'table3_total_column',
          ok: false,
          cell: { table: '三', row: badRow, column: 'total' },
          message: `表三“${rowLabel(badRow)}”行：各类申请人之和（${rowSum(badRow)}）≠ 总计（${t3[badRow].total}）`,
        }
      : { code: 'table3_total_column', ok: true, cell: null, message: '表三各行：自然人与各类法人或其他组织之和 = 总计' },
  );

  // 二 = last year's 四.
  const previous = input.previousCarriedOut;
  const badCarry = firstBad(columns, (c) => t3.carriedIn[c] !== (previous ? previous[c] : 0));
  checks.push(
    badCarry
      ? {
          code: 'table3_carry_over',
          ok: false,
          cell: { table: '三', row: 'carriedIn', column: badCarry },
          message: `表三“${TABLE3_COLUMN_LABELS[badCarry]}”列：${short('carriedIn')}、上年结转（${t3.carriedIn[badCarry]}）≠ 上年报告“四、结转下年度继续办理”（${previous ? previous[badCarry] : 0}）`,
        }
      : { code: 'table3_carry_over', ok: true, cell: null, message: '表三：上年结转 = 上年报告的结转下年度继续办理' },
  );

  // Table 四: 总计 = the four results, per kind.
  const t4 = input.table4;
  const badKind = firstBad(CHALLENGE_KINDS, (k) => CHALLENGE_RESULTS.reduce((n, r) => n + t4[k][r], 0) !== t4[k].total);
  checks.push(
    badKind
      ? {
          code: 'table4_totals',
          ok: false,
          cell: { table: '四', row: badKind, column: 'total' },
          message: `表四“${CHALLENGE_KIND_LABELS[badKind]}”：各项结果之和（${CHALLENGE_RESULTS.reduce((n, r) => n + t4[badKind][r], 0)}）≠ ${TABLE4_COLUMN_LABELS.total}（${t4[badKind].total}）`,
        }
      : { code: 'table4_totals', ok: true, cell: null, message: '表四：各项结果之和 = 总计' },
  );

  // Table 二: the figures other systems hold are entered (0 is an entry).
  const missing = YEARLY_FIGURE_KEYS.filter((k) => input.yearlyFigures[k] === null);
  checks.push(
    missing.length
      ? {
          code: 'table2_entered',
          ok: false,
          cell: { table: '二', row: missing[0]!, column: 'value' },
          message: `表二尚未填报：${missing.map((k) => YEARLY_FIGURE_LABELS[k]).join('、')}（没有的填 0）`,
        }
      : { code: 'table2_entered', ok: true, cell: null, message: '表二：行政许可、行政处罚、行政强制、行政事业性收费均已填报' },
  );
  return checks;
}
