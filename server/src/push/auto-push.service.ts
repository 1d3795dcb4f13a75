import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { AutoPushSetting } from '@gongkai/shared';
import { Clock } from '../common/clock/clock';
import { EventBus } from '../common/events/event-bus';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AutoPushSettingsRepository } from './auto-push-settings.repository';
import { AUTO_PUSH_WINDOW_MS, PushCampaignsService, type AutoPushOutcome } from './push-campaigns.service';
import { PushWorker } from './push-worker';

/** Notices one sweep looks at, oldest first; the next pass takes the rest. */
const SWEEP_BATCH = 100;

/**
 * Automatic announcement pushes: when a 主动公开 notice is published in a category whose
 * automatic push is set (push_auto_setting), a campaign goes to the category's subscribers (PushCampaignsService.createAutomatic,
 * exactly once per notice through the unique `push_campaign.auto_notice_id`).
 *
 * `notice.published` starts it at once, on the instance that published. The event is in-process,
 * so a campaign is lost if that instance stops between the publish commit and the campaign; a
 * sweep (the periodic task 'auto-push') therefore makes the missing ones for notices published in
 * the last 24 h: once at start and then every SCHEDULE_POLL_MS, the interval at which every
 * instance already polls for publishing work (scheduled notices). The push worker's PUSH_POLL_MS is not used: it is tuned
 * for claiming deliveries (1 s) and the worker may be off on an instance, while campaigns
 * should be made wherever notices are published. A pass is one indexed anti-join query.
 */
@Injectable()
export class AutoPushService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AutoPush');
  private sweeping: Promise<void> | null = null;
  /** Attempts under way, by notice: an event and a sweep for the same notice do not both run here. */
  private readonly attempts = new Map<number, Promise<void>>();
  /** Notices whose category setting did not fit, with that setting: not tried (nor logged) again until it changes. */
  private readonly unfit = new Map<number, string>();
  private off: (() => void) | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly settings: AutoPushSettingsRepository,
    private readonly bus: EventBus,
    private readonly campaigns: PushCampaignsService,
    private readonly worker: PushWorker,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
  ) {
    tasks.register('auto-push', { everyMs: config.schedulePollMs, atStart: true }, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.off = this.bus.on('notice.published', ({ noticeId }) => void this.attempt(noticeId));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.off?.();
    await this.idle();
  }

  /** Resolves when no attempt or sweep of this instance is running. */
  async idle(): Promise<void> {
    while (this.sweeping || this.attempts.size) await Promise.allSettled([this.sweeping, ...this.attempts.values()]);
  }

  /** One pass over the published notices missing their automatic campaign; a pass still running is not started twice. */
  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    let due: { id: number; setting: string }[];
    try {
      due = (await this.settings.missing(new Date(this.clock.nowMs() - AUTO_PUSH_WINDOW_MS), SWEEP_BATCH)).map((d) => ({ id: d.id, setting: settingKey(d.setting) }));
    } catch (error) {
      this.logger.warn(`looking for notices missing their auto push failed: ${String(error)}`);
      return;
    }
    const seen = new Set(due.map((d) => d.id));
    for (const id of this.unfit.keys()) if (!seen.has(id)) this.unfit.delete(id);
    for (const { id, setting } of due) {
      if (this.stopped) return;
      if (this.unfit.get(id) === setting) continue;
      await this.attempt(id);
    }
  }

  /** Makes the notice's campaign if it is due one; failures are logged (the sweep tries again). */
  private attempt(noticeId: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const running = this.attempts.get(noticeId);
    if (running) return running;
    const work = this.run(noticeId).finally(() => this.attempts.delete(noticeId));
    this.attempts.set(noticeId, work);
    return work;
  }

  private async run(noticeId: number): Promise<void> {
    let outcome: AutoPushOutcome;
    try {
      outcome = await this.campaigns.createAutomatic(noticeId);
    } catch (error) {
      // SQLite busy, a lost MySQL connection …: nothing was written; the next sweep tries again.
      this.logger.warn(`auto push of notice ${noticeId} failed, to be retried: ${String(error)}`);
      return;
    }
    if (outcome.kind === 'created') {
      this.unfit.delete(noticeId);
      this.logger.log(`auto push of notice ${noticeId}: campaign ${outcome.campaignId} with ${outcome.total} deliveries`);
      this.worker.poke();
    } else if (outcome.kind === 'unfit') {
      this.unfit.set(noticeId, settingKey(outcome.setting));
      const problems = outcome.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      this.logger.warn(`auto push of notice ${noticeId} not made: the category's setting no longer fits the configured templates (${problems})`);
    }
  }
}

function settingKey(setting: AutoPushSetting): string {
  return JSON.stringify(setting);
}
