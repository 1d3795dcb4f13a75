import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Page, ZoningMissView } from '@gongkai/shared';
import { Clock } from '../../common/clock/clock';
import { decodeCursor, encodeCursor } from '../../common/paging/cursor';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ZoningMissesRepository, type MissIncrement } from './zoning-misses.repository';

/** Distinct year + text pairs held between flushes; searches of further texts are dropped (and counted). */
export const MISSES_PENDING_MAX = 10_000;

const isMissCursor = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n >= 0);

/**
 * The addresses parents searched that found nothing, so staff can add rules. Counted in memory per
 * year and text (the text `ZoningIndex.missText` keeps: no unit, no room, no one's identity) and
 * added to `zoning_miss` by the periodic task `zoning-misses` and at shutdown. A crash loses at most
 * one interval's counts. The text is personal data: it is never logged.
 */
@Injectable()
export class ZoningMisses implements OnApplicationShutdown {
  private readonly logger = new Logger('ZoningMisses');
  /** By `year|text`. */
  private pending = new Map<string, MissIncrement>();
  /** Searches not kept because `pending` was full, since the last flush. */
  private dropped = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: ZoningMissesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('zoning-misses', { everyMs: config.zoning.missFlushMs, jitter: 0.2 }, () => this.flush());
  }

  /** The periodic rounds stop at shutdown; what they had not written yet is written here. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Counts one search of `text` in `year` that found nothing. */
  record(year: number, text: string): void {
    const key = `${year}|${text}`;
    const now = this.clock.now();
    const entry = this.pending.get(key);
    if (entry) {
      entry.count += 1;
      entry.lastAt = now;
      return;
    }
    if (this.pending.size >= MISSES_PENDING_MAX) {
      this.dropped += 1;
      return;
    }
    this.pending.set(key, { year, text, textHash: createHash('sha256').update(text).digest('hex'), count: 1, firstAt: now, lastAt: now });
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.dropped) {
        // Counts only: the texts dropped are not known here, and would be personal data in a log.
        this.logger.warn(`${this.dropped} searches that found nothing were not kept: more than ${MISSES_PENDING_MAX} different addresses since the last flush`);
        this.dropped = 0;
      }
      if (!this.pending.size) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.repo.add([...batch.values()]);
      } catch (error) {
        // Put them back (within the cap); the next flush tries again.
        for (const [key, row] of batch) {
          const entry = this.pending.get(key);
          if (entry) {
            entry.count += row.count;
            if (row.firstAt < entry.firstAt) entry.firstAt = row.firstAt;
          } else if (this.pending.size < MISSES_PENDING_MAX) this.pending.set(key, row);
          else this.dropped += row.count;
        }
        this.logger.warn(`zoning misses flush failed: ${error instanceof Error ? error.name : 'error'}`);
      }
    });
    return this.flushing;
  }

  /** For staff: most searched first. */
  async list(query: { year?: number; cursor?: string; limit: number }): Promise<Page<ZoningMissView>> {
    const after = query.cursor ? decodeCursor(query.cursor, isMissCursor) : undefined;
    const rows = await this.repo.page({ year: query.year, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ text: r.text, year: r.year, count: r.count, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.count, last.id]) : null,
    };
  }
}
