import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/**
 * Publishes scheduled notices when their time (by the clock) comes: the periodic task
 * 'scheduled-publisher', once at start (so a time that passed while the server was down is caught
 * up) and then every SCHEDULE_POLL_MS. State lives in the database only, so it survives restarts;
 * each notice is published in its own transaction with a conditional update, so with several
 * instances polling exactly one publishes it.
 */
@Injectable()
export class ScheduledPublisher {
  private readonly logger = new Logger(ScheduledPublisher.name);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: ReviewRepository,
    private readonly reviews: ReviewService,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
  ) {
    tasks.register('scheduled-publisher', { everyMs: config.schedulePollMs, atStart: true }, () => this.publishDue());
  }

  private async publishDue(): Promise<void> {
    const ids = await this.repo.dueScheduled(this.clock.now());
    for (const id of ids) {
      try {
        if (await this.reviews.publishDue(id)) this.logger.log(`scheduled notice ${id} published`);
      } catch (error) {
        // Another instance may hold it (SQLite busy, MySQL lock wait): the next round sees it published or retries.
        this.logger.warn(`publishing scheduled notice ${id} failed: ${String(error)}`);
      }
    }
  }
}
