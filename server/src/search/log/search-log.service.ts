import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { addCalendarDays, isCalendarDate, MASK_PHONE, maskSearchQuery, shanghaiDate, type SearchInsight } from '@gongkai/shared';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { SearchLogRepository, type QueryDayIncrement } from './search-log.repository';

/** Longest query kept, in characters after masking (what the search box takes). */
export const SEARCH_LOG_QUERY_MAX = 60;
/** Distinct day + query pairs held between flushes; searches of further queries are dropped (and counted). */
export const SEARCH_LOG_PENDING_MAX = 10_000;
/** Staff's insight: queries listed in each of the two tables. */
export const INSIGHT_TOP = 50;
/** Staff's insight: the longest range, in days, and the default one. */
export const INSIGHT_DAYS_MAX = 366;
export const INSIGHT_DAYS_DEFAULT = 30;
/** Suggestions come from the last this many Shanghai days. */
const POPULAR_DAYS = 30;
/**
 * A query is suggested to other parents only once searched this often: what one parent typed once
 * (a child's name beside a school) is never offered to everyone.
 */
export const POPULAR_MIN_SEARCHES = 3;
/** Suggestions read this many queries, kept in memory this long (read on every keystroke's suggestion). */
const POPULAR_KEPT = 100;
const POPULAR_TTL_MS = 60_000;
/** Retention deletes this many rows per statement. */
const RETENTION_BATCH = 1000;
/** Every mask begins with it (〔电话〕, 〔证件号〕, 〔门牌号〕, 〔邮箱〕). */
const MASK_MARK = MASK_PHONE.charAt(0);
/** Input cut before masking, so a query of any length costs the same (the engine refuses more than 60 characters anyway). */
const RAW_MAX = 4 * SEARCH_LOG_QUERY_MAX;
/** With the u flag a surrogate pair is one code point: this matches only halves without their other half. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * A query as the log keeps it: phones, ID numbers, e-mail addresses and house numbers masked
 * (`maskSearchQuery`), white space collapsed, at most SEARCH_LOG_QUERY_MAX characters, well-formed
 * (a lone surrogate would stop MySQL's insert). Null when nothing is left.
 */
export function searchLogText(query: string): string | null {
  const masked = maskSearchQuery(query.slice(0, RAW_MAX).replace(LONE_SURROGATE, '\uFFFD')).replace(/\s+/gu, ' ').trim();
  if (!masked) return null;
  const chars = Array.from(masked);
  return chars.length > SEARCH_LOG_QUERY_MAX ? chars.slice(0, SEARCH_LOG_QUERY_MAX).join('').trimEnd() : masked;
}

export function searchLogHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Pending = Omit<QueryDayIncrement, 'queryHash'>;

/**
 * What parents searched, masked and counted per Shanghai day, without identity. Counted in memory
 * (the query masked before it is kept) and added to `search_query_day` by the periodic task
 * `search-log` (SEARCH_LOG_FLUSH_MS) and at shutdown; a crash loses at most one interval's counts,
 * and counts not flushed yet are not in staff's insight. The same task deletes days older than
 * SEARCH_LOG_RETAIN_DAYS, once per Shanghai day per instance. Queries are never logged.
 */
@Injectable()
export class SearchLog implements OnApplicationShutdown {
  private readonly logger = new Logger('SearchLog');
  /** By `day|query`. */
  private pending = new Map<string, Pending>();
  /** Searches not kept because `pending` was full, since the last flush. */
  private dropped = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** The Shanghai day retention last ran on (this instance). */
  private prunedOn: string | null = null;
  private popularKept: { at: number; queries: string[] } | null = null;
  private popularLoading: Promise<string[]> | null = null;

  constructor(
    private readonly db: Db,
    private readonly repo: SearchLogRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('search-log', { everyMs: config.searchLog.flushMs, jitter: 0.2 }, async () => {
      await this.flush();
      await this.prune();
    });
  }

  /** The periodic rounds stop at shutdown; what they had not written yet is written here. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Counts one search (the folded query; masked before it is kept) and how many results it found. Never throws, never awaits. */
  record(query: string, found: number): void {
    try {
      if (typeof query !== 'string' || !query.trim()) return;
      const text = searchLogText(query);
      if (text === null) return;
      const day = shanghaiDate(this.clock.now());
      const key = `${day}|${text}`;
      let entry = this.pending.get(key);
      if (!entry) {
        if (this.pending.size >= SEARCH_LOG_PENDING_MAX) {
          this.dropped += 1;
          return;
        }
        entry = { day, query: text, searches: 0, zeroResults: 0 };
        this.pending.set(key, entry);
      }
      entry.searches += 1;
      if (found === 0) entry.zeroResults += 1;
    } catch {
      // A search never fails because of its statistics.
    }
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.dropped) {
        // Counts only: the queries dropped are not known here, and a log holds no query.
        this.logger.warn(`${this.dropped} searches were not counted: more than ${SEARCH_LOG_PENDING_MAX} different queries since the last flush`);
        this.dropped = 0;
      }
      if (!this.pending.size) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.repo.add([...batch.values()].map((r) => ({ ...r, queryHash: searchLogHash(r.query) })));
      } catch (error) {
        // Put them back (within the cap); the next flush tries again.
        for (const [key, row] of batch) {
          const entry = this.pending.get(key);
          if (entry) {
            entry.searches += row.searches;
            entry.zeroResults += row.zeroResults;
          } else if (this.pending.size < SEARCH_LOG_PENDING_MAX) this.pending.set(key, row);
          else this.dropped += row.searches;
        }
        this.logger.warn(`search log flush failed: ${error instanceof Error ? error.name : 'error'}`);
      }
    });
    return this.flushing;
  }

  /** Deletes the days older than SEARCH_LOG_RETAIN_DAYS; once per Shanghai day (the first round of a day). */
  private async prune(): Promise<void> {
    const today = shanghaiDate(this.clock.now());
    if (this.prunedOn === today) return;
    const cutoff = addCalendarDays(today, -this.config.searchLog.retainDays);
    while ((await this.repo.deleteBefore(cutoff, RETENTION_BATCH)) === RETENTION_BATCH);
    this.prunedOn = today;
  }

  /**
   * Queries others searched over the last 30 Shanghai days that found something, most searched
   * first (suggestions while typing): only those searched at least POPULAR_MIN_SEARCHES times,
   * none with a masked part. At most 100; the answer is kept for a minute by the clock. A failed
   * read answers what was kept (or nothing) and is logged.
   */
  async popular(limit: number): Promise<string[]> {
    const count = Math.min(Math.floor(limit), POPULAR_KEPT);
    if (!(count > 0)) return [];
    const now = this.clock.nowMs();
    const kept = this.popularKept;
    if (kept && now >= kept.at && now - kept.at < POPULAR_TTL_MS) return kept.queries.slice(0, count);
    this.popularLoading ??= this.loadPopular(now).finally(() => {
      this.popularLoading = null;
    });
    return (await this.popularLoading).slice(0, count);
  }

  private async loadPopular(now: number): Promise<string[]> {
    try {
      await this.db.settled();
      const since = addCalendarDays(shanghaiDate(new Date(now)), -(POPULAR_DAYS - 1));
      const queries = await this.repo.popular(since, POPULAR_MIN_SEARCHES, MASK_MARK, POPULAR_KEPT);
      this.popularKept = { at: now, queries };
      return queries;
    } catch (error) {
      this.logger.warn(`popular searches not read: ${error instanceof Error ? error.name : 'error'}`);
      return this.popularKept?.queries ?? [];
    }
  }

  /**
   * Staff's view of `from` … `to` (Shanghai dates, inclusive; the last 30 days when both are left
   * out): totals, the most searched queries, those that found nothing, and each day with searches.
   * Only flushed counts: what this and other instances counted since their last flush is not in it.
   */
  async insight(from: string | undefined, to: string | undefined): Promise<SearchInsight> {
    const range = this.range(from, to);
    await this.db.settled();
    const [totals, top, zeroResults, perDay] = await Promise.all([
      this.repo.totals(range.from, range.to),
      this.repo.top(range.from, range.to, 'searches', INSIGHT_TOP),
      this.repo.top(range.from, range.to, 'zeroResults', INSIGHT_TOP),
      this.repo.perDay(range.from, range.to),
    ]);
    return { ...range, searches: totals.searches, zeroResultSearches: totals.zeroResults, top, zeroResults, perDay };
  }

  private range(from: string | undefined, to: string | undefined): { from: string; to: string } {
    if (from === undefined && to === undefined) {
      const today = shanghaiDate(this.clock.now());
      return { from: addCalendarDays(today, -(INSIGHT_DAYS_DEFAULT - 1)), to: today };
    }
    if (from === undefined) throw ApiError.field('from', '请同时填写开始日期和结束日期');
    if (to === undefined) throw ApiError.field('to', '请同时填写开始日期和结束日期');
    if (!isCalendarDate(from)) throw ApiError.field('from', '开始日期须为 YYYY-MM-DD 格式的有效日期');
    if (!isCalendarDate(to)) throw ApiError.field('to', '结束日期须为 YYYY-MM-DD 格式的有效日期');
    if (from > to) throw ApiError.field('from', '开始日期不能晚于结束日期');
    if (addCalendarDays(from, INSIGHT_DAYS_MAX - 1) < to) throw ApiError.field('to', `查询范围最长 ${INSIGHT_DAYS_MAX} 天`);
    return { from, to };
  }
}
