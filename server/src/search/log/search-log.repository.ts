import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { Db } from '../../database/db';
import { SearchQueryDay } from '../entities/search-query-day.entity';

/** What one flush adds for a day and query: searches counted in memory since the last flush. */
export interface QueryDayIncrement {
  /** YYYY-MM-DD, Shanghai. */
  day: string;
  /** Masked, at most SEARCH_LOG_QUERY_MAX characters. */
  query: string;
  /** SHA-256 of the query (hex): the unique key with the day. */
  queryHash: string;
  searches: number;
  zeroResults: number;
}

/** A query's counts summed over days. */
export interface QueryTotals {
  query: string;
  searches: number;
  zeroResults: number;
  lastDay: string;
}

/** Rows per statement: 5 parameters each, well under either database's limit of bound parameters. */
const CHUNK = 200;

/** Every query of search_query_day: the flush's upserts, staff's insight, suggestions, retention. */
@Injectable()
export class SearchLogRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds a flush's counts: one atomic upsert per row (counts add up in the database, so two
   * instances flushing the same query never lose a search), several rows per statement, in key
   * order so two instances' statements lock rows in the same order (no deadlock on MySQL).
   */
  async add(increments: QueryDayIncrement[]): Promise<void> {
    const rows = [...increments].sort((a, b) => compare(a.day, b.day) || compare(a.queryHash, b.queryHash));
    const onConflict = this.db.sqlite
      ? 'ON CONFLICT (day, query_hash) DO UPDATE SET searches = search_query_day.searches + excluded.searches, zero_results = search_query_day.zero_results + excluded.zero_results'
      : 'ON DUPLICATE KEY UPDATE searches = searches + VALUES(searches), zero_results = zero_results + VALUES(zero_results)';
    // One transaction for every chunk: a flush that fails is put back whole, so none of it may have
    // been committed (else the next flush would count it twice).
    await this.db.write(async (m) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const params: Record<string, unknown> = {};
        const values = chunk.map((r, j) => {
          Object.assign(params, { [`d${j}`]: r.day, [`q${j}`]: r.query, [`h${j}`]: r.queryHash, [`s${j}`]: r.searches, [`z${j}`]: r.zeroResults });
          return `(:d${j}, :q${j}, :h${j}, :s${j}, :z${j})`;
        });
        await this.db.query(m, `INSERT INTO search_query_day (day, query, query_hash, searches, zero_results) VALUES ${values.join(', ')} ${onConflict}`, params);
      }
    });
  }

  /** Searches and searches that found nothing, from `from` to `to` (inclusive). */
  async totals(from: string, to: string): Promise<{ searches: number; zeroResults: number }> {
    const row = await this.db.dataSource.manager
      .createQueryBuilder(SearchQueryDay, 'q')
      .select('COALESCE(SUM(q.searches), 0)', 'searches')
      .addSelect('COALESCE(SUM(q.zeroResults), 0)', 'zeroResults')
      .where('q.day >= :from AND q.day <= :to', { from, to })
      .getRawOne<{ searches: unknown; zeroResults: unknown }>();
    return { searches: Number(row?.searches ?? 0), zeroResults: Number(row?.zeroResults ?? 0) };
  }

  /**
   * Queries summed over the days from `from` to `to`, most searched first (`by: 'searches'`) or
   * only those that found nothing at least once, most such searches first (`by: 'zeroResults'`).
   * Ties: the one searched more recently, then by hash (the same order on both databases).
   */
  async top(from: string, to: string, by: 'searches' | 'zeroResults', limit: number): Promise<QueryTotals[]> {
    const qb = this.db.dataSource.manager
      .createQueryBuilder(SearchQueryDay, 'q')
      .select('q.query', 'query')
      .addSelect('SUM(q.searches)', 'searches')
      .addSelect('SUM(q.zeroResults)', 'zeroResults')
      .addSelect('MAX(q.day)', 'lastDay')
      .where('q.day >= :from AND q.day <= :to', { from, to })
      .groupBy('q.queryHash')
      .addGroupBy('q.query');
    if (by === 'zeroResults') qb.having('SUM(q.zeroResults) > 0').orderBy('SUM(q.zeroResults)', 'DESC').addOrderBy('SUM(q.searches)', 'DESC');
    else qb.orderBy('SUM(q.searches)', 'DESC');
    const rows = await qb.addOrderBy('MAX(q.day)', 'DESC').addOrderBy('q.queryHash', 'ASC').limit(limit).getRawMany<{ query: string; searches: unknown; zeroResults: unknown; lastDay: string }>();
    return rows.map((r) => ({ query: r.query, searches: Number(r.searches), zeroResults: Number(r.zeroResults), lastDay: r.lastDay }));
  }

  /** Each day from `from` to `to` that has searches, oldest first. */
  async perDay(from: string, to: string): Promise<{ day: string; searches: number; zeroResults: number }[]> {
    const rows = await this.db.dataSource.manager
      .createQueryBuilder(SearchQueryDay, 'q')
      .select('q.day', 'day')
      .addSelect('SUM(q.searches)', 'searches')
      .addSelect('SUM(q.zeroResults)', 'zeroResults')
      .where('q.day >= :from AND q.day <= :to', { from, to })
      .groupBy('q.day')
      .having('SUM(q.searches) > 0')
      .orderBy('q.day', 'ASC')
      .getRawMany<{ day: string; searches: unknown; zeroResults: unknown }>();
    return rows.map((r) => ({ day: r.day, searches: Number(r.searches), zeroResults: Number(r.zeroResults) }));
  }

  /**
   * Queries searched since `since` at least `minSearches` times, on two days or more, that found
   * something at least once (searches > zeroResults), without a masked part (`maskMark`); most
   * searched first.
   */
  async popular(since: string, minSearches: number, maskMark: string, limit: number): Promise<string[]> {
    const rows = await this.db.dataSource.manager
      .createQueryBuilder(SearchQueryDay, 'q')
      .select('q.query', 'query')
      .where('q.day >= :since', { since })
      .andWhere('q.query NOT LIKE :masked', { masked: `%${maskMark}%` })
      .groupBy('q.queryHash')
      .addGroupBy('q.query')
      // On two days at least: one parent repeating a query in one sitting does not make it public.
      .having('SUM(q.searches) >= :minSearches AND SUM(q.searches) > SUM(q.zeroResults) AND COUNT(DISTINCT q.day) >= 2', { minSearches })
      .orderBy('SUM(q.searches)', 'DESC')
      .addOrderBy('MAX(q.day)', 'DESC')
      .addOrderBy('q.queryHash', 'ASC')
      .limit(limit)
      .getRawMany<{ query: string }>();
    return rows.map((r) => r.query);
  }

  /** Retention: deletes at most `limit` rows of days before `cutoff` (YYYY-MM-DD); answers how many. */
  async deleteBefore(cutoff: string, limit: number): Promise<number> {
    return this.db.write(async (m) => {
      const ids = (await m.find(SearchQueryDay, { select: { id: true }, where: { day: LessThan(cutoff) }, order: { id: 'ASC' }, take: limit })).map((r) => r.id);
      if (!ids.length) return 0;
      const result = await m.delete(SearchQueryDay, { id: In(ids) });
      return result.affected ?? ids.length;
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
