import { Injectable } from '@nestjs/common';
import { shanghaiStartOfDay, type InquiryKindCode } from '@gongkai/shared';
import { Db } from '../database/db';
import { Inquiry } from './entities/inquiry.entity';

/** One kind's counts among the inquiries received in one month of the year. */
export interface InquiryMonthGroup {
  kind: InquiryKindCode;
  /** 1–12, Shanghai time. */
  month: number;
  received: number;
  replied: number;
  repliedOnTime: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** 00:00 Shanghai of the 1st of each month of `year` and of the next January: 13 UTC instants. */
function monthStarts(year: number): Date[] {
  return Array.from({ length: 13 }, (_, i) => shanghaiStartOfDay(`${year + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`));
}

/**
 * The month as a CASE over the month starts bound as parameters: the same SQL on SQLite and
 * MySQL, with the Shanghai offset kept in shared's calendar rather than in each database's functions.
 */
function monthCase(column: string): string {
  return `CASE ${Array.from({ length: 11 }, (_, i) => `WHEN ${column} < :m${i + 1} THEN ${i + 1}`).join(' ')} ELSE 12 END`;
}

/** The yearly report's query over inquiries. */
@Injectable()
export class InquiryYearFiguresRepository {
  constructor(private readonly db: Db) {}

  /**
   * The inquiries received in `year`, counted by kind and month of receipt in one GROUP BY, as the
   * statistics page counts them: replied when `replied_at` is set, on time when replied by
   * `due_at`, rated by the parent's latest rating.
   */
  async monthGroups(year: number): Promise<InquiryMonthGroup[]> {
    await this.db.settled();
    const starts = monthStarts(year);
    const rows = await this.db.dataSource
      .createQueryBuilder(Inquiry, 'i')
      .select('i.kind', 'kind')
      .addSelect(monthCase('i.receivedAt'), 'month')
      .addSelect('COUNT(*)', 'received')
      .addSelect('SUM(CASE WHEN i.repliedAt IS NOT NULL THEN 1 ELSE 0 END)', 'replied')
      .addSelect('SUM(CASE WHEN i.repliedAt IS NOT NULL AND i.repliedAt <= i.dueAt THEN 1 ELSE 0 END)', 'repliedOnTime')
      .addSelect(`SUM(CASE WHEN i.rating = 'satisfied' THEN 1 ELSE 0 END)`, 'satisfied')
      .addSelect(`SUM(CASE WHEN i.rating = 'basically_satisfied' THEN 1 ELSE 0 END)`, 'basicallySatisfied')
      .addSelect(`SUM(CASE WHEN i.rating = 'unsatisfied' THEN 1 ELSE 0 END)`, 'unsatisfied')
      .where('i.receivedAt >= :yearStart AND i.receivedAt < :yearEnd', { yearStart: starts[0], yearEnd: starts[12] })
      .setParameters(Object.fromEntries(starts.slice(1, 12).map((d, i) => [`m${i + 1}`, d])))
      .groupBy('i.kind')
      .addGroupBy('month')
      .getRawMany<Record<keyof InquiryMonthGroup, string | number>>();
    return rows.map((r) => ({
      kind: r.kind as InquiryKindCode,
      month: Number(r.month),
      received: Number(r.received),
      replied: Number(r.replied),
      repliedOnTime: Number(r.repliedOnTime),
      satisfied: Number(r.satisfied),
      basicallySatisfied: Number(r.basicallySatisfied),
      unsatisfied: Number(r.unsatisfied),
    }));
  }
}
