import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { inquiryNoticeData, inquiryReminderTemplate, may, shanghaiDate } from '@gongkai/shared';
import { CalendarService } from '../../calendar/calendar.service';
import { AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { EventBus } from '../../common/events/event-bus';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { StaffOaBindings } from '../../wechat/official-account/staff-oa-bindings.service';
import { WechatClient } from '../../wechat/wechat-client';
import { DisclosureSteps } from '../disclosure-steps.service';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { DisclosureHandlingRepository } from './disclosure-handling.repository';
import { chineseDate } from './disclosure-handling.service';

const BATCH = 100;
/** A warning when the due day is within this many working days. */
const DUE_SOON_WORKING_DAYS = 3;
const NO_META = { ip: null, requestId: null };

/**
 * The clock's work on every instance (the periodic task 'disclosure-deadlines', at start and every
 * SCHEDULE_POLL_MS): a 补正 nobody answered by its day closes the request (art. 30: 视为放弃申请,
 * counted as 其他处理 / 逾期不补正); staff are warned once when a request is due within 3 working
 * days and once when it is overdue, as template messages on the official account to those who
 * linked it (the handler, or before anyone accepted, everyone who may handle requests) — the
 * warning is claimed by a conditional update of `lastWarning`, so of several instances one sends
 * it; and when staff change the calendar, the deadlines counted through a year without data are
 * counted again.
 */
@Injectable()
export class DisclosureDeadlines implements OnModuleInit {
  private readonly logger = new Logger('DisclosureDeadlines');

  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly handling: DisclosureHandlingRepository,
    private readonly steps: DisclosureSteps,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly wechat: WechatClient,
    private readonly bindings: StaffOaBindings,
    tasks: PeriodicTasks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    tasks.register('disclosure-deadlines', { everyMs: config.schedulePollMs, atStart: true }, () => this.sweep());
  }

  onModuleInit(): void {
    this.events.on('calendar.changed', async () => void (await this.recomputeFlagged()));
  }

  async sweep(): Promise<void> {
    await this.db.settled();
    await this.lapseSupplements();
    await this.warn();
  }

  /** Closes the requests whose 补正 was not supplied by its last day (the day after it, Shanghai). */
  async lapseSupplements(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    let closed = 0;
    for (const candidate of await this.handling.supplementsLapsedBefore(today, BATCH)) {
      try {
        await this.db.transaction(async (m) => {
          const r = await this.repo.find(candidate.id, m);
          if (!r || r.status !== 'supplement_requested' || !r.supplementDueDate || r.supplementDueDate >= today) return;
          const next = await this.steps.apply(m, r, { kind: 'system' }, 'supplement_lapsed', {
            set: { outcome: 'other_no_supplement' },
            events: [{ action: 'supplement_lapsed', text: `未在 ${chineseDate(r.supplementDueDate)} 前补正，视为放弃申请（其他处理：逾期不补正）`, applicantVisible: true }],
          });
          await this.audit.record(m, null, NO_META, { action: 'disclosure.supplement_lapsed', entityType: 'disclosure_request', entityId: r.id, before: { status: r.status, version: r.version }, after: { status: next.status, version: next.version, outcome: next.outcome } });
          closed++;
        });
      } catch (error) {
        // Another instance (or a supplement arriving this instant) won the row: nothing to do.
        if (error instanceof ApiError && error.getStatus() === 409) continue;
        throw error;
      }
    }
    return closed;
  }

  /** Overdue warnings first (an overdue request needs no due-soon one any more), then the due-soon ones. */
  async warn(): Promise<void> {
    const now = this.clock.now();
    for (const r of await this.handling.dueBy(now, 'overdue', BATCH)) {
      if (await this.handling.claimWarning(r.id, 'overdue')) await this.send(r, 'overdue');
    }
    const soon = new Date(this.calendar.current().deadline(shanghaiDate(now), DUE_SOON_WORKING_DAYS).dueAt.getTime() + 1);
    for (const r of await this.handling.dueBy(soon, 'due_soon', BATCH)) {
      if (await this.handling.claimWarning(r.id, 'due_soon')) await this.send(r, 'due_soon');
    }
  }

  /** The warning to the staff who must act, as an official-account template message; the outcome goes to the audit log (no personal data). */
  private async send(r: DisclosureRequest, kind: 'due_soon' | 'overdue'): Promise<void> {
    const staff = r.handlerId ? await this.handling.activeHandlers([r.handlerId]) : (await this.handling.activeHandlers()).filter((s) => may(s.roles, 'disclosure.handle'));
    const openids = await this.bindings.openids(staff.map((s) => s.id));
    const template = inquiryReminderTemplate(this.config.push.oaTemplates);
    let sent = 0;
    let detail: string | null = null;
    if (!openids.size) detail = 'no staff linked to the official account';
    else if (!template) detail = 'no official-account template configured';
    else if (!this.wechat.oaConfigured) detail = 'official account not configured';
    else {
      const data = inquiryNoticeData(template.fields, { kind, kindLabel: '依申请公开', trackingNo: r.trackingNo, subject: r.trackingNo, at: r.dueAt!, unitName: this.config.disclosure.agency }, 'template');
      const mini = this.config.wechat.mini;
      for (const [staffId, openid] of openids) {
        try {
          await this.wechat.sendMessage('oa', '/cgi-bin/message/template/send', {
            touser: openid,
            template_id: template.id,
            ...(mini ? { miniprogram: { appid: mini.appId, pagepath: `packages/staff/pages/disclosure/detail?id=${r.id}` } } : {}),
            client_msg_id: `disclosure-${r.id}-${kind}-${staffId}`,
            data,
          });
          sent++;
        } catch (error) {
          detail = String((error as Error).message).slice(0, 200);
        }
      }
    }
    if (detail) this.logger.warn(`deadline warning ${kind} of disclosure request ${r.id}: ${detail}`);
    await this.db.write((m) =>
      this.audit.record(m, null, NO_META, { action: `disclosure.warning_${kind}`, entityType: 'disclosure_request', entityId: r.id, after: { dueDate: r.dueDate, recipients: openids.size, sent, detail } }),
    );
  }

  /** Recounts the open requests counted through a year without calendar data, each in its own transaction. */
  async recomputeFlagged(): Promise<number> {
    let changed = 0;
    const now = this.clock.now();
    for (const r of await this.handling.flaggedOpen()) {
      const d = this.steps.deadlineFields(r, now);
      if (d.dueDate === r.dueDate && d.flagged === r.flagged) continue;
      await this.db.transaction(async (m) => {
        await this.repo.patch(m, r.id, d);
        await this.audit.record(m, null, NO_META, { action: 'disclosure.deadline_recomputed', entityType: 'disclosure_request', entityId: r.id, before: { dueDate: r.dueDate, flagged: r.flagged }, after: { dueDate: d.dueDate, flagged: d.flagged } });
      });
      changed++;
    }
    return changed;
  }
}
