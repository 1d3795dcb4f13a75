import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NoticesRepository } from '../notices.repository';

/**
 * Counts notice views in memory and adds them to the database every VIEW_FLUSH_MS (the periodic
 * task 'view-counter'), so a busy notice costs one UPDATE per interval instead of one per reader.
 * Views are flushed on shutdown; a crash loses at most one interval's views.
 */
@Injectable()
export class ViewCounter implements OnApplicationShutdown {
  private readonly logger = new Logger(ViewCounter.name);
  private pending = new Map<number, number>();
  /** Views this process has counted since start, per notice; never reset. */
  private readonly seen = new Map<number, number>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly notices: NoticesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('view-counter', { everyMs: config.viewFlushMs }, () => this.flush());
  }

  /** The periodic rounds stop at shutdown; what they had not flushed yet is written here. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Records one view; returns this process's running total for the notice. */
  hit(id: number): number {
    this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    const total = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, total);
    return total;
  }

  seenCount(id: number): number {
    return this.seen.get(id) ?? 0;
  }

  pendingCount(id: number): number {
    return this.pending.get(id) ?? 0;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.notices.addViews(batch);
      } catch (error) {
        // Put them back; the next flush tries again.
        for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
        this.logger.warn(`view flush failed: ${String(error)}`);
      }
    });
    return this.flushing;
  }
}
