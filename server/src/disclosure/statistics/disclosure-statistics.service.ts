import { Injectable } from '@nestjs/common';
import {
  CHALLENGE_KINDS,
  CHALLENGE_RESULTS,
  TABLE3_COLUMNS,
  TABLE3_COUNTED_ROWS,
  isDisclosureOutcome,
  shanghaiYearRange,
  type Table3Column,
  type Table3CountedRow,
  type Table3Counts,
  type Table4Counts,
} from '@gongkai/shared';
import { DisclosureStatisticsRepository, type YearBounds } from './disclosure-statistics.repository';

const isColumn = (value: string): value is Table3Column => (TABLE3_COLUMNS as readonly string[]).includes(value);
const zeroRow = (): Table3Counts => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Table3Counts;

function bounds(year: number): YearBounds {
  const { start, end } = shanghaiYearRange(year);
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31`, start, end };
}

/**
 * Tables 三 and 四 of a year, counted in SQL (GROUP BY), each row and column on its own (the
 * checks compare them). A request counts from its receipt date (`receivedDate`, the statutory
 * date; never received: not counted at all) and ends on the Shanghai day of `concludedAt` (the
 * approved letter, a lapse, a withdrawal):
 * - 一 received: received within the year;
 * - 二 carriedIn: received before the year and not concluded before its 1 January;
 * - 三 each outcome: received by the year's end and concluded within it with that outcome;
 *   三·总计 (concluded): all of those, counted on its own;
 * - 四 carriedOut: received by the year's end and not concluded by it.
 * So 一 + 二 = 三·总计 + 四 holds by construction, and a year's 四 is the next year's 二.
 */
@Injectable()
export class DisclosureStatisticsService {
  constructor(private readonly repo: DisclosureStatisticsRepository) {}

  /** Table 三 of `year` (calendar year, receipt and conclusion dates in Asia/Shanghai). */
  async table3(year: number): Promise<Record<Table3CountedRow, Table3Counts>> {
    const b = bounds(year);
    const [status, outcomes] = await Promise.all([this.repo.table3Status(b), this.repo.table3Outcomes(b)]);
    const table = Object.fromEntries(TABLE3_COUNTED_ROWS.map((row) => [row, zeroRow()])) as Record<Table3CountedRow, Table3Counts>;
    for (const r of status) {
      if (!isColumn(r.col)) continue;
      table.received[r.col] = Number(r.received ?? 0);
      table.carriedIn[r.col] = Number(r.carried_in ?? 0);
      table.concluded[r.col] = Number(r.concluded ?? 0);
      table.carriedOut[r.col] = Number(r.carried_out ?? 0);
    }
    // A concluded request without a known outcome stays out of the outcome rows: the results-sum check then names the column.
    for (const r of outcomes) if (isColumn(r.col) && isDisclosureOutcome(r.outcome)) table[r.outcome][r.col] = Number(r.n);
    return table;
  }

  /** Table 四 of `year`: the challenges filed in it, each by its result as of the year's end (尚未审结 if decided later). */
  async table4(year: number): Promise<Table4Counts> {
    const rows = await this.repo.table4(bounds(year));
    const table = Object.fromEntries(CHALLENGE_KINDS.map((k) => [k, Object.fromEntries([...CHALLENGE_RESULTS, 'total'].map((r) => [r, 0]))])) as Table4Counts;
    for (const r of rows) {
      const kind = CHALLENGE_KINDS.find((k) => k === r.kind);
      const result = [...CHALLENGE_RESULTS, 'total' as const].find((x) => x === r.result);
      if (kind && result) table[kind][result] = Number(r.n);
    }
    return table;
  }
}
