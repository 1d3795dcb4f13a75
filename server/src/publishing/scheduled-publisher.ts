import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/**
 * Publishes scheduled notices when their time comes: once at start (so a time that passed while
 * the server was down is caught up) and then every SCHEDULE_POLL_MS. State lives in the database
 * only, so it survives restarts; each notice is published in its own transaction with a
 * conditional update, so with several instances polling exactly one publishes it.
 */
@Injectable()
export class ScheduledPublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScheduledPublisher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReviewRepository,
    private readonly reviews: ReviewService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.config.schedulePollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due notices; a pass still running is not started twice. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.publishDue().finally(() => (this.running = null));
    return this.running;
  }

  private async publishDue(): Promise<void> {
    let ids: number[];
    try {
      ids = await this.repo.dueScheduled(this.clock.now());
    } catch (error) {
      this.logger.warn(`looking for due scheduled notices failed: ${String(error)}`);
      return;
    }
    for (const id of ids) {
      if (this.stopped) return;
      try {
        if (await this.reviews.publishDue(id)) this.logger.log(`scheduled notice ${id} published`);
      } catch (error) {
        // Another instance may hold it (SQLite busy, MySQL lock wait): the next pass sees it published or retries.
        this.logger.warn(`publishing scheduled notice ${id} failed: ${String(error)}`);
      }
    }
  }
}
