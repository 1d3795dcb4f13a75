import { Injectable } from '@nestjs/common';
import { shanghaiStartOfDay, type InfoType } from '@gongkai/shared';
import { Db } from '../../database/db';
import { Category } from '../entities/category.entity';
import { Notice } from '../entities/notice.entity';

/** One group of the year's count: a category, an info type and a month (1–12, Shanghai time). */
export interface PublishedGroup {
  categoryId: number;
  infoType: InfoType;
  month: number;
  count: number;
}

/** 00:00 Shanghai of the 1st of each month of `year` and of the next January: 13 UTC instants. */
function shanghaiMonthStarts(year: number): Date[] {
  return Array.from({ length: 13 }, (_, i) => shanghaiStartOfDay(`${year + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`));
}

/**
 * The month of `column` within the year as a CASE over the month starts (bound as parameters
 * `m1` … `m11`): the same SQL on SQLite and MySQL, and the Shanghai offset stays in shared.
 */
function monthCase(column: string, prefix: string): string {
  const whens = Array.from({ length: 11 }, (_, i) => `WHEN ${column} < :${prefix}${i + 1} THEN ${i + 1}`).join(' ');
  return `CASE ${whens} ELSE 12 END`;
}
function monthParameters(starts: Date[], prefix: string): Record<string, Date> {
  return Object.fromEntries(starts.slice(1, 12).map((d, i) => [`${prefix}${i + 1}`, d]));
}

/** The yearly report's queries over notices. */
@Injectable()
export class PublicationStatisticsRepository {
  constructor(private readonly db: Db) {}

  /**
   * 主动公开 notices whose publication falls in [start of January, start of next January), counted
   * by category, info type and month in one GROUP BY. Whatever the status now: a notice withdrawn
   * (or under correction) later was still published then; `published_at` is set only by publishing.
   */
  async publishedGroups(year: number): Promise<PublishedGroup[]> {
    await this.db.settled();
    const starts = shanghaiMonthStarts(year);
    const rows = await this.db.dataSource
      .createQueryBuilder(Notice, 'n')
      .select('n.categoryId', 'categoryId')
      .addSelect('n.infoType', 'infoType')
      .addSelect(monthCase('n.publishedAt', 'm'), 'month')
      .addSelect('COUNT(*)', 'count')
      .where('n.disclosure = :proactive', { proactive: 'proactive' })
      .andWhere('n.publishedAt >= :yearStart AND n.publishedAt < :yearEnd', { yearStart: starts[0], yearEnd: starts[12] })
      .setParameters(monthParameters(starts, 'm'))
      .groupBy('n.categoryId')
      .addGroupBy('n.infoType')
      .addGroupBy('month')
      .getRawMany<{ categoryId: number | string; infoType: InfoType; month: number | string; count: number | string }>();
    return rows.map((r) => ({ categoryId: Number(r.categoryId), infoType: r.infoType, month: Number(r.month), count: Number(r.count) }));
  }

  /** The catalogue's categories in its order. */
  categories(): Promise<Pick<Category, 'id' | 'code' | 'name'>[]> {
    return this.db.dataSource.getRepository(Category).find({ select: { id: true, code: true, name: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }
}
