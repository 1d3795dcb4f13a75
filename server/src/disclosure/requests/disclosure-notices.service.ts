import { Inject, Injectable, Logger } from '@nestjs/common';
import { DISCLOSURE_APPLICANT_STATUS_LABELS, disclosureNoticeData, disclosureNoticeTemplate } from '@gongkai/shared';
import { Clock } from '../../common/clock/clock';
import { EventBus } from '../../common/events/event-bus';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { SubscriptionsService } from '../../push/subscriptions.service';
import { WechatClient } from '../../wechat/wechat-client';
import { WechatApiError } from '../../wechat/wechat-errors';
import type { DisclosureEvent } from '../entities/disclosure-event.entity';
import { DisclosureApplicantRepository } from './disclosure-applicant.repository';
import { DisclosureRequestsRepository } from './disclosure-requests.repository';

export const DISCLOSURE_NOTICES_TASK = 'disclosure-notices';
/** Steps further back are not told any more (a server down for days does not send a burst of stale news). */
const LOOK_BACK_MS = 3 * 24 * 3600_000;
/** A claim still `sending` this long after its step: its instance stopped mid-send. */
const STUCK_MS = 10 * 60_000;
/** A wake runs the round this soon (the step's transaction has committed by then; several steps share one round). */
const WAKE_DELAY_MS = 500;
const BATCH = 50;

/**
 * The applicant's subscribe message at each step of their request, from the timeline's outbox:
 * DisclosureSteps marks every applicant-visible event of a signed-in applicant's request
 * `pending`; this task (every SCHEDULE_POLL_MS on every instance, and `wake()`n right after a
 * step) claims each by a conditional update (`pending` → `sending`: of two instances exactly one
 * wins), sends it with one of the parent's acceptances of the template, and marks it `sent`,
 * `skipped` (no template, no acceptance, no openid or WeChat not configured) or `failed`. At most
 * once: a claim whose instance stopped mid-send becomes `failed`, not a second message.
 */
@Injectable()
export class DisclosureNotices {
  private readonly logger = new Logger('DisclosureNotices');
  private woken: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly outbox: DisclosureApplicantRepository,
    private readonly wechat: WechatClient,
    private readonly quotas: SubscriptionsService,
    private readonly clock: Clock,
    private readonly tasks: PeriodicTasks,
    bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    tasks.register(DISCLOSURE_NOTICES_TASK, { everyMs: config.schedulePollMs, atStart: true }, () => this.sweep());
    bus.on('disclosure.applicant_notice', () => this.wake());
  }

  /** Runs a round shortly (on `disclosure.applicant_notice`, after a step's transaction commits); wakes within the delay share it. */
  wake(): void {
    if (this.woken) return;
    this.woken = setTimeout(() => {
      this.woken = null;
      this.tasks.run(DISCLOSURE_NOTICES_TASK).catch((error: unknown) => this.logger.warn(`round failed: ${error instanceof Error ? error.message : String(error)}`));
    }, WAKE_DELAY_MS);
    this.woken.unref();
  }

  async sweep(): Promise<void> {
    const now = this.clock.now();
    await this.db.write(async (m) => {
      await this.outbox.failStuck(m, new Date(now.getTime() - STUCK_MS));
      await this.outbox.skipStale(m, new Date(now.getTime() - LOOK_BACK_MS));
    });
    await this.db.settled();
    for (const event of await this.outbox.pendingNotices(BATCH)) {
      if (!(await this.db.write((m) => this.outbox.claimNotice(m, event.id)))) continue;
      let state: 'sent' | 'skipped' | 'failed';
      try {
        state = await this.send(event);
      } catch (error) {
        // Never the message body in the log: it names the applicant's request.
        this.logger.warn(`notice of event ${event.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        state = 'failed';
      }
      await this.db.write((m) => this.outbox.finishNotice(m, event.id, state));
    }
  }

  private async send(event: DisclosureEvent): Promise<'sent' | 'skipped' | 'failed'> {
    const request = await this.repo.find(event.requestId);
    if (!request?.parentId || request.parentCancelledAt) return 'skipped';
    const template = disclosureNoticeTemplate(this.config.push.subscribeTemplates);
    if (!template) return 'skipped';
    const openid = await this.outbox.parentOpenid(request.parentId);
    if (!openid || !this.wechat.configured) return 'skipped';
    // One acceptance, one message: without one the applicant reads the step in the app.
    if (!(await this.quotas.takeOne(request.parentId, template.id))) return 'skipped';
    const body = {
      touser: openid,
      template_id: template.id,
      page: `packages/services/pages/disclosure/detail?id=${request.id}`,
      data: disclosureNoticeData(template.fields, {
        trackingNo: request.trackingNo,
        stepLabel: event.label,
        statusLabel: DISCLOSURE_APPLICANT_STATUS_LABELS[request.status],
        at: event.createdAt,
        agency: this.config.disclosure.agency,
      }),
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    };
    try {
      await this.wechat.sendMessage('mini', '/cgi-bin/message/subscribe/send', body);
      return 'sent';
    } catch (error) {
      if (error instanceof WechatApiError) await this.quotas.settleRefused(request.parentId, template.id, error.errcode);
      this.logger.warn(`subscribe message for event ${event.id} refused: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed';
    }
  }
}
