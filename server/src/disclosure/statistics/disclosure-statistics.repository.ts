import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';

/** One counted group of table 三: `col` is a Table3Column (`total` for the row counted on its own). */
export interface Table3StatusRow {
  col: string;
  received: number | string | null;
  carried_in: number | string | null;
  concluded: number | string | null;
  carried_out: number | string | null;
}
export interface Table3OutcomeRow {
  col: string;
  outcome: string | null;
  n: number | string;
}
export interface Table4Row {
  kind: string;
  result: string;
  n: number | string;
}

/** The bounds of a year: receipt and filing dates as `YYYY-MM-DD`, conclusions as the UTC instants of Shanghai midnights. */
export interface YearBounds {
  /** `YYYY-01-01`. */
  from: string;
  /** `YYYY-12-31`. */
  to: string;
  /** 1 January 00:00 Shanghai, as UTC. */
  start: Date;
  /** 1 January of the next year 00:00 Shanghai, as UTC. */
  end: Date;
}

/**
 * Table 三's column of a request: 自然人, or the organisation's kind. An organisation whose kind is
 * missing (intake requires one, so only a hand-edited row) counts as 其他, never nowhere.
 */
const COLUMN = `CASE WHEN r.applicant_type = 'natural_person' THEN 'natural_person'
  WHEN r.organization_kind IN ('commercial', 'research', 'public_welfare', 'legal_service') THEN r.organization_kind
  ELSE 'other_org' END`;

/**
 * Only requests with a receipt date are counted, and none received after the year: a request
 * concluded by the year's end is concluded as of its Shanghai day (concluded_at < the next
 * 1 January 00:00 +08:00).
 */
const COUNTED = `r.received_date IS NOT NULL AND r.received_date <= :to`;

const STATUS_SUMS = `
  SUM(CASE WHEN r.received_date >= :from THEN 1 ELSE 0 END) AS received,
  SUM(CASE WHEN r.received_date < :from AND (r.concluded_at IS NULL OR r.concluded_at >= :start) THEN 1 ELSE 0 END) AS carried_in,
  SUM(CASE WHEN r.concluded_at >= :start AND r.concluded_at < :end THEN 1 ELSE 0 END) AS concluded,
  SUM(CASE WHEN r.concluded_at IS NULL OR r.concluded_at >= :end THEN 1 ELSE 0 END) AS carried_out`;

/** The result of a challenge as of the year's end: one decided after it (or not yet) was still pending then. */
const RESULT_AT_YEAR_END = `CASE WHEN c.decided_date IS NULL OR c.decided_date > :to THEN 'pending' ELSE c.result END`;

/**
 * The yearly report's counts of requests and challenges, each grouped in SQL. Every query is a
 * per-column GROUP BY and, in the same statement (UNION ALL), the 总计 counted on its own over the
 * same rows, so the report's balance checks compare two real counts, not a sum with itself.
 */
@Injectable()
export class DisclosureStatisticsRepository {
  constructor(private readonly db: Db) {}

  /** Rows 一 (received), 二 (carried in), 三·总计 (concluded) and 四 (carried out), by column and in total. */
  async table3Status(b: YearBounds): Promise<Table3StatusRow[]> {
    await this.db.settled();
    return this.db.query<Table3StatusRow[]>(
      this.db.dataSource.manager,
      `SELECT ${COLUMN} AS col, ${STATUS_SUMS} FROM disclosure_request r WHERE ${COUNTED} GROUP BY ${COLUMN}
       UNION ALL
       SELECT 'total' AS col, ${STATUS_SUMS} FROM disclosure_request r WHERE ${COUNTED}`,
      { ...b },
    );
  }

  /** Requests concluded within the year, by column and outcome, and by outcome in total. */
  async table3Outcomes(b: YearBounds): Promise<Table3OutcomeRow[]> {
    await this.db.settled();
    const where = `${COUNTED} AND r.concluded_at >= :start AND r.concluded_at < :end`;
    return this.db.query<Table3OutcomeRow[]>(
      this.db.dataSource.manager,
      `SELECT ${COLUMN} AS col, r.outcome AS outcome, COUNT(*) AS n FROM disclosure_request r WHERE ${where} GROUP BY ${COLUMN}, r.outcome
       UNION ALL
       SELECT 'total' AS col, r.outcome AS outcome, COUNT(*) AS n FROM disclosure_request r WHERE ${where} GROUP BY r.outcome`,
      { ...b },
    );
  }

  /** Challenges filed within the year, by kind and result as of its end; and by kind in total (result `total`). */
  async table4(b: YearBounds): Promise<Table4Row[]> {
    await this.db.settled();
    const where = `c.filed_date >= :from AND c.filed_date <= :to`;
    return this.db.query<Table4Row[]>(
      this.db.dataSource.manager,
      `SELECT c.kind AS kind, ${RESULT_AT_YEAR_END} AS result, COUNT(*) AS n FROM disclosure_challenge c WHERE ${where} GROUP BY c.kind, ${RESULT_AT_YEAR_END}
       UNION ALL
       SELECT c.kind AS kind, 'total' AS result, COUNT(*) AS n FROM disclosure_challenge c WHERE ${where} GROUP BY c.kind`,
      { from: b.from, to: b.to },
    );
  }
}
