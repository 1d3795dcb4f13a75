import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SHANGHAI_OFFSET_MS, shanghaiDate, type ViewChannel } from '@gongkai/shared';
import { Clock } from '../../common/clock/clock';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ViewsRepository, type ViewIncrement } from './views.repository';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Counts notice views in memory, per notice, Asia/Shanghai day and channel, and adds them to the
 * database every VIEW_FLUSH_MS (the periodic task 'view-counter'): a busy notice costs one row of
 * one upsert per interval instead of a write per reader. Views are flushed on shutdown; a crash
 * loses at most one interval's views.
 */
@Injectable()
export class ViewCounter implements OnApplicationShutdown {
  private readonly logger = new Logger(ViewCounter.name);
  /** By `id|day|channel`. */
  private pending = new Map<string, ViewIncrement>();
  private pendingById = new Map<number, number>();
  /** Views this process has counted since start, per notice; never reset. */
  private readonly seen = new Map<number, number>();
  private flushing: Promise<void> = Promise.resolve();
  /** The current Shanghai day and when it ends (ms), so a hit formats a date once a day, not per view. */
  private day = '';
  private dayEndsMs = 0;

  constructor(
    private readonly views: ViewsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('view-counter', { everyMs: config.viewFlushMs }, () => this.flush());
  }

  /** The periodic rounds stop at shutdown; what they had not flushed yet is written here. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Records one view of notice `id` through `channel`; returns this process's running total for the notice. */
  hit(id: number, channel: ViewChannel): number {
    const day = this.today();
    const key = `${id}|${day}|${channel}`;
    const entry = this.pending.get(key);
    if (entry) entry.views += 1;
    else this.pending.set(key, { noticeId: id, day, channel, views: 1 });
    this.pendingById.set(id, (this.pendingById.get(id) ?? 0) + 1);
    const total = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, total);
    return total;
  }

  seenCount(id: number): number {
    return this.seen.get(id) ?? 0;
  }

  pendingCount(id: number): number {
    return this.pendingById.get(id) ?? 0;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = this.pending;
      const batchById = this.pendingById;
      this.pending = new Map();
      this.pendingById = new Map();
      try {
        await this.views.add([...batch.values()]);
      } catch (error) {
        // Put them back; the next flush tries again.
        for (const [key, row] of batch) {
          const entry = this.pending.get(key);
          if (entry) entry.views += row.views;
          else this.pending.set(key, row);
        }
        for (const [id, n] of batchById) this.pendingById.set(id, (this.pendingById.get(id) ?? 0) + n);
        this.logger.warn(`view flush failed: ${String(error)}`);
      }
    });
    return this.flushing;
  }

  private today(): string {
    const now = this.clock.nowMs();
    // A clock moved back (tests) recomputes too.
    if (now >= this.dayEndsMs || now < this.dayEndsMs - DAY_MS) {
      this.day = shanghaiDate(new Date(now));
      this.dayEndsMs = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - SHANGHAI_OFFSET_MS;
    }
    return this.day;
  }
}
