import { Inject, Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  inquiryKind,
  inquiryNoticeData,
  inquiryReminderTemplate,
  inquiryReplyTemplate,
  may,
  type InquiryNoticeKind,
} from '@gongkai/shared';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock/clock';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db, isDuplicateKey } from '../database/db';
import { SubscriptionsService } from '../push/subscriptions.service';
import { WechatClient } from '../wechat/wechat-client';
import { WechatApiError } from '../wechat/wechat-errors';
import { StaffOaBindings } from '../wechat/official-account/staff-oa-bindings.service';
import type { InquiryNotice } from './entities/inquiry-notice.entity';
import type { Inquiry } from './entities/inquiry.entity';
import { InquiryNoticesRepository, type NoticeOutcome } from './inquiry-notices.repository';

/** Reminders are sent from 08:30 Shanghai time of the working day before the due day (office hours, not midnight). */
const REMIND_AT = 'T08:30:00+08:00';
/** Notices about things further back are not sent any more (a server down for days does not spam on start). */
const LOOK_BACK_MS = 3 * 24 * 3600_000;
/** A notice still `sending` this long after it began: its instance died mid-send. */
const STUCK_MS = 10 * 60_000;
const BATCH = 50;

/**
 * Notices about inquiries, swept on every instance (the periodic task 'inquiry-notices': at start
 * and every SCHEDULE_POLL_MS), each
 * sent once: the parent gets a subscribe message when the reply is out (if they accepted one:
 * it uses that acceptance; otherwise they see it in the app), and the handler (or, before one is
 * assigned, the unit's handlers and head) a template message on the official account one working
 * day before the deadline and when it passes, if they linked it. A notice is claimed by inserting
 * its row (unique per inquiry, kind and the instant it is about), so of several instances one
 * sends it, and a restart sends nothing again. Sends are at most once: one that died mid-way is
 * marked `unknown`, not repeated.
 */
@Injectable()
export class InquiryNotices {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiryNoticesRepository,
    private readonly calendar: CalendarService,
    private readonly wechat: WechatClient,
    private readonly bindings: StaffOaBindings,
    private readonly quotas: SubscriptionsService,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    tasks.register('inquiry-notices', { everyMs: config.schedulePollMs, atStart: true }, () => this.sweep());
  }

  /** One round: replies to tell parents of, reminders due, and notices left hanging by a crash. */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    await this.db.write((m) => this.repo.markStuck(m, new Date(now.getTime() - STUCK_MS), now));
    await this.db.settled();
    const since = new Date(now.getTime() - LOOK_BACK_MS);
    for (const inquiry of await this.repo.repliedUntold(since, BATCH)) await this.once(inquiry, 'reply', inquiry.repliedAt!, now);
    // Open ones due within two weeks (the reminder time needs the calendar, so it is decided here).
    for (const inquiry of await this.repo.openToRemind(since, new Date(now.getTime() + 14 * 24 * 3600_000), now, BATCH * 4)) {
      if (now > inquiry.dueAt) await this.once(inquiry, 'overdue', inquiry.dueAt, now);
      else if (now >= this.remindAt(inquiry.dueDate)) await this.once(inquiry, 'due_soon', inquiry.dueAt, now);
    }
  }

  /** 08:30 of the working day before the due day. */
  remindAt(dueDate: string): Date {
    const calendar = this.calendar.current();
    let day = addCalendarDays(dueDate, -1);
    for (let i = 0; i < 40 && !calendar.isWorkingDay(day); i++) day = addCalendarDays(day, -1);
    return new Date(`${day}${REMIND_AT}`);
  }

  /** Claims the notice (its row), sends it, records what happened; nothing if another instance or an earlier round had it. */
  private async once(inquiry: Inquiry, kind: InquiryNoticeKind, about: Date, now: Date): Promise<void> {
    let noticeId: number;
    try {
      noticeId = await this.db.write((m) => this.repo.claim(m, inquiry.id, kind, about, now));
    } catch (error) {
      if (isDuplicateKey(error)) return;
      throw error;
    }
    let result: NoticeOutcome;
    try {
      result = kind === 'reply' ? await this.sendReply(inquiry) : await this.sendReminder(inquiry, kind, noticeId);
    } catch (error) {
      result = { status: 'failed', recipients: 0, sent: 0, detail: String((error as Error)?.message ?? error).slice(0, 300) };
    }
    await this.db.write((m) => this.repo.finish(m, noticeId, result, this.clock.now()));
  }

  private async facts(inquiry: Inquiry, kind: InquiryNoticeKind) {
    await this.db.settled();
    const unitName = await this.repo.unitName(inquiry.replyUnitId ?? inquiry.unitId);
    return { kind, kindLabel: inquiryKind(inquiry.kind).label, trackingNo: inquiry.trackingNo, subject: inquiry.subject, at: kind === 'reply' ? inquiry.repliedAt! : inquiry.dueAt, unitName: unitName ?? '' };
  }

  /** The parent's reply notice: a subscribe message using one of their acceptances of the reply template. */
  private async sendReply(inquiry: Inquiry) {
    const template = inquiryReplyTemplate(this.config.push.subscribeTemplates);
    if (!template) return { status: 'skipped' as const, recipients: 1, sent: 0, detail: 'no subscribe template configured' };
    const openid = await this.repo.parentOpenid(inquiry.parentId);
    // One acceptance, one message: without one the parent reads the reply in the app.
    if (!(await this.quotas.takeOne(inquiry.parentId, template.id))) return { status: 'skipped' as const, recipients: 1, sent: 0, detail: 'no_quota' };
    const body = {
      touser: openid ?? `demo-parent-${inquiry.parentId}`,
      template_id: template.id,
      page: `packages/services/pages/inquiry/detail?id=${inquiry.id}`,
      data: inquiryNoticeData(template.fields, await this.facts(inquiry, 'reply'), 'subscribe'),
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    };
    if (!this.wechat.configured || !openid) return { status: 'dry_run' as const, recipients: 1, sent: 0, detail: JSON.stringify(body) };
    try {
      await this.wechat.sendMessage('mini', '/cgi-bin/message/subscribe/send', body);
      return { status: 'sent' as const, recipients: 1, sent: 1, detail: null };
    } catch (error) {
      if (error instanceof WechatApiError) await this.quotas.settleRefused(inquiry.parentId, template.id, error.errcode);
      return { status: 'failed' as const, recipients: 1, sent: 0, detail: String((error as Error).message) };
    }
  }

  /** A deadline reminder to the staff who must act: the handler, or before one is assigned the unit's handlers and head. */
  private async sendReminder(inquiry: Inquiry, kind: InquiryNoticeKind, noticeId: number) {
    await this.db.settled();
    const staff = inquiry.handlerId
      ? await this.repo.activeStaff({ handlerId: inquiry.handlerId })
      : (await this.repo.activeStaff({ unitId: inquiry.unitId })).filter((s) => may(s.roles, 'inquiry.deadlineReminders'));
    const openids = await this.bindings.openids(staff.map((s) => s.id));
    if (!openids.size) return { status: 'skipped' as const, recipients: staff.length, sent: 0, detail: 'no staff linked to the official account' };
    const template = inquiryReminderTemplate(this.config.push.oaTemplates);
    if (!template) return { status: 'skipped' as const, recipients: openids.size, sent: 0, detail: 'no official-account template configured' };
    const data = inquiryNoticeData(template.fields, await this.facts(inquiry, kind), 'template');
    const mini = this.config.wechat.mini;
    let sent = 0;
    const errors: string[] = [];
    for (const [staffId, openid] of openids) {
      const body = {
        touser: openid,
        template_id: template.id,
        ...(mini ? { miniprogram: { appid: mini.appId, pagepath: `packages/staff/pages/inquiry/index?id=${inquiry.id}` } } : {}),
        // A repeat within 10 minutes is dropped by WeChat.
        client_msg_id: `inquiry-${noticeId}-${staffId}`,
        data,
      };
      if (!this.wechat.oaConfigured) {
        errors.push(JSON.stringify(body));
        continue;
      }
      try {
        await this.wechat.sendMessage('oa', '/cgi-bin/message/template/send', body);
        sent++;
      } catch (error) {
        errors.push(`${staffId}: ${String((error as Error).message)}`);
      }
    }
    if (!this.wechat.oaConfigured) return { status: 'dry_run' as const, recipients: openids.size, sent: 0, detail: errors[0] ?? null };
    return { status: sent ? ('sent' as const) : ('failed' as const), recipients: openids.size, sent, detail: errors.length ? errors.join('; ') : null };
  }

  /** The notices of one inquiry (for tests and the staff detail later). */
  async of(inquiryId: number): Promise<InquiryNotice[]> {
    await this.db.settled();
    return this.repo.of(inquiryId);
  }
}
