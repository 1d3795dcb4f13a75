import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  INQUIRY_ACTION_LABELS,
  INQUIRY_KIND_CODES,
  INQUIRY_RATINGS,
  INQUIRY_LIMITS,
  INQUIRY_MAX_REOPENS,
  INQUIRY_PARENT_STATUS_LABELS,
  INQUIRY_RATING_LABELS,
  INQUIRY_STATUS_LABELS,
  REPLY_REVIEWER_LABELS,
  inquiryActionsFor,
  inquiryKind,
  inquiryRefusal,
  inquiryTransition,
  replyReviewerFor,
  maskPhone,
  shanghaiDate,
  trackingNumber,
  addCalendarDays,
  isCalendarDate,
  type InquiryAction,
  type InquiryAlerts,
  type InquiryKindCode,
  type InquiryRating,
  type InquiryStats,
  type InquiryDeadline,
  type InquiryStatus,
  type InquiryTimelineEntry,
  type ReplyReviewContext,
  type Page,
  type ParentInquiryListItem,
  type ParentInquiryView,
  type QaItem,
  type StaffInquiryListItem,
  type StaffInquiryView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { AuditService } from '../common/audit/audit.service';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { hasRole, type StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { EventBus } from '../common/events/event-bus';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import type { Unit } from '../identity/entities/unit.entity';
import { Db } from '../database/db';
import { WechatClient, type ContentVerdict } from '../wechat/wechat-client';
import type {
  CreateInquiryDto,
  InquiryNoteDto,
  PublishQaDto,
  QaQueryDto,
  RateInquiryDto,
  RejectInquiryDto,
  ReopenInquiryDto,
  ReplyInquiryDto,
  ReviewReplyDto,
  StaffInquiryQueryDto,
  TransferInquiryDto,
} from './dto/inquiry.dto';
import type { InquiryQa } from './entities/inquiry-qa.entity';
import { Inquiry } from './entities/inquiry.entity';
import { InquiriesRepository, OPEN_STATUSES } from './inquiries.repository';

export const STALE_MESSAGE = '该事项已被他人处理，请刷新后查看';
const NOT_FOUND = '未找到该事项';
export const PHOTO_PATH = '/api/v1/inquiries/photos/';

/** What an action changes besides the status, and the timeline rows it appends. */
interface Step {
  set?: Partial<Inquiry>;
  events: { action: InquiryTimelineEntry['action']; label: string; text: string | null; parentVisible: boolean }[];
  /** Whether the reader can no longer see the inquiry afterwards (after transferring it away; a leader after reviewing a reply). */
  leavesUnit?: boolean;
}

/**
 * Inquiries (咨询 / 投诉 / 建议 / 反馈): intake with WeChat's content check, tracking numbers and
 * working-day deadlines; the parent's own view; the staff inbox and actions. The state machine in
 * @gongkai/shared decides what is allowed; this service adds units, ownership, versions (of two
 * staff acting at once exactly one wins), the one reopen, the timeline and the audit log.
 */
@Injectable()
export class InquiriesService implements OnModuleInit {
  private readonly logger = new Logger('Inquiries');

  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly calendar: CalendarService,
    private readonly wechat: WechatClient,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    // Staff entered a year: deadlines counted Monday to Friday through it are counted again.
    this.events.on('calendar.changed', async () => void (await this.recomputeFlagged()));
  }

  // ---- Intake

  async create(parent: ParentPrincipal, dto: CreateInquiryDto): Promise<ParentInquiryView> {
    const kind = inquiryKind(dto.kind);
    const unit = dto.unitCode ? await this.repo.unitByCode(dto.unitCode) : await this.repo.intakeUnit();
    if (!unit) throw dto.unitCode ? ApiError.field('unitCode', '所选单位不存在') : new ApiError(503, 'INTERNAL_ERROR', '受理单位尚未设置，请稍后再试');
    const photoIds = [...new Set(dto.photoIds ?? [])];
    await this.checkPhotos(parent.id, photoIds);
    const dayStart = shanghaiDayStart(new Date());
    // Checked before asking WeChat (a flood costs no content checks), and again in the transaction.
    if ((await this.repo.countSince(parent.id, dayStart)) >= INQUIRY_LIMITS.perParentPerDay) throw rateLimited();

    const check = await this.contentCheck(parent.id, `${dto.subject}\n${dto.content}`);
    if (check.verdict?.suggest === 'risky') {
      await this.db.write(() => this.repo.countCheck(shanghaiDate(new Date()), 'risky'));
      throw new ApiError(422, 'CONTENT_REFUSED', '提交的内容未通过内容安全检测，请修改后重新提交');
    }
    const status: InquiryStatus = check.hold ? 'held' : 'submitted';
    await this.db.write((m) => this.repo.ensureTrackingSequence(kind.trackingPrefix, compactDate(new Date()), m));

    const id = await this.db.transaction(async (m) => {
      await this.repo.lockParent(m, parent.id, !this.db.sqlite);
      if ((await this.repo.countSince(parent.id, dayStart, m)) >= INQUIRY_LIMITS.perParentPerDay) throw rateLimited();
      const now = new Date();
      const trackingNo = trackingNumber(kind.trackingPrefix, shanghaiDate(now), await this.repo.nextTrackingSequence(m, kind.trackingPrefix, compactDate(now)));
      const deadline = this.calendar.deadline(now, kind.replyWorkingDays);
      const inquiryId = await this.repo.insert(m, {
        trackingNo,
        kind: kind.code,
        subject: dto.subject,
        content: dto.content,
        phone: dto.phone ?? null,
        allowPublish: dto.allowPublish,
        parentId: parent.id,
        unitId: unit.id,
        handlerId: null,
        status,
        version: 1,
        receivedAt: now,
        deadlineFrom: now,
        dueAt: deadline.dueAt,
        dueDate: deadline.dueDate,
        workingDays: kind.replyWorkingDays,
        skipped: deadline.skipped,
        flagged: deadline.flagged,
        checkSuggest: check.verdict?.suggest ?? null,
        checkLabel: check.verdict?.label ?? null,
        replyText: null,
        repliedAt: null,
        replyUnitId: null,
        pendingReplyText: null,
        pendingReplyAt: null,
        pendingReplyBy: null,
        pendingReplyById: null,
        replyReviewer: null,
        rating: null,
        ratingComment: null,
        ratedAt: null,
        reopenCount: 0,
        publishedQaId: null,
        createdAt: now,
        updatedAt: now,
      });
      if (photoIds.length && (await this.repo.attachPhotos(m, parent.id, photoIds, inquiryId)) !== photoIds.length) {
        throw ApiError.field('photoIds', '照片无效或已被使用，请重新上传');
      }
      await this.repo.appendEvent(m, { inquiryId, action: 'submitted', label: '提交', text: null, parentVisible: true, actorId: null, actorName: null, createdAt: now });
      if (check.hold) await this.repo.appendEvent(m, { inquiryId, action: 'note', label: check.note, text: null, parentVisible: false, actorId: null, actorName: '系统', createdAt: now });
      return inquiryId;
    });
    return this.parentView(parent, id);
  }

  /**
   * WeChat's verdict on what the parent wrote. Not configured (the embedded demo): passes, no
   * verdict. WeChat unreachable or erring, or a parent without an openid: held for staff, rather
   * than refusing a parent for WeChat's trouble.
   */
  private async contentCheck(parentId: number, content: string): Promise<{ verdict: ContentVerdict | null; hold: boolean; note: string }> {
    if (!this.wechat.configured) return { verdict: null, hold: false, note: '' };
    const openid = (await this.repo.parentOpenid(parentId))?.openid;
    if (!openid) return { verdict: null, hold: true, note: '无法进行内容安全检测（无微信身份），待人工审核' };
    try {
      const verdict = await this.wechat.msgSecCheck(openid, content);
      return { verdict, hold: verdict.suggest === 'review', note: `内容安全检测：需人工审核（标签 ${verdict.label ?? '未知'}）` };
    } catch (error) {
      this.logger.warn(`msg_sec_check failed, holding the inquiry for staff: ${String((error as Error).message ?? error)}`);
      return { verdict: null, hold: true, note: '内容安全检测暂不可用，待人工审核' };
    }
  }

  private async checkPhotos(parentId: number, ids: string[]): Promise<void> {
    for (const id of ids) {
      const photo = await this.repo.photoMeta(id);
      if (!photo || photo.parentId !== parentId) throw ApiError.field('photoIds', '照片不存在，请重新上传');
      if (photo.inquiryId !== null) throw ApiError.field('photoIds', '照片已用于其他事项，请重新上传');
    }
  }

  // ---- Parents

  async parentList(parent: ParentPrincipal, query: { cursor?: string; limit: number }): Promise<Page<ParentInquiryListItem>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.repo.parentPage(parent.id, before, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((i) => ({
        id: i.id,
        trackingNo: i.trackingNo,
        kind: i.kind,
        subject: i.subject,
        status: parentStatus(i.status),
        statusLabel: INQUIRY_PARENT_STATUS_LABELS[i.status],
        createdAt: i.receivedAt.toISOString(),
        dueAt: dueAtIso(i),
        replied: i.replyText !== null,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }

  async parentView(parent: ParentPrincipal, id: number, m?: EntityManager): Promise<ParentInquiryView> {
    if (!m) await this.db.settled();
    const i = await this.repo.find(id, m);
    // Another parent's inquiry answers as a missing one does.
    if (!i || i.parentId !== parent.id) throw ApiError.notFound(NOT_FOUND);
    const [units, photos, events] = await Promise.all([this.repo.units([i.unitId, i.replyUnitId ?? i.unitId]), this.repo.photosOf([i.id]), this.repo.events(i.id, m)]);
    return {
      ...this.common(i, units, photos.map((p) => p.id)),
      status: parentStatus(i.status),
      statusLabel: INQUIRY_PARENT_STATUS_LABELS[i.status],
      phone: i.phone ? maskPhone(i.phone) : null,
      canRate: i.status === 'replied',
      canReopen: canReopen(i),
      // Never internal rows, never who acted; a transfer's reason stays with staff.
      timeline: events.filter((e) => e.parentVisible).map((e) => ({ action: e.action as InquiryTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.action === 'transfer' ? null : e.text })),
    };
  }

  rate(parent: ParentPrincipal, id: number, dto: RateInquiryDto): Promise<ParentInquiryView> {
    return this.parentAct(parent, id, (i, now) => {
      if (i.status !== 'replied') throw notAllowed(i, 'rate');
      const comment = dto.comment?.trim() || null;
      return {
        set: { status: 'closed', rating: dto.rating, ratingComment: comment, ratedAt: now },
        events: [{ action: 'rate', label: `评价：${INQUIRY_RATING_LABELS[dto.rating]}`, text: comment, parentVisible: true }],
      };
    });
  }

  reopen(parent: ParentPrincipal, id: number, dto: ReopenInquiryDto): Promise<ParentInquiryView> {
    return this.parentAct(parent, id, (i, now) => {
      if (i.status !== 'closed') throw notAllowed(i, 'reopen');
      if (i.rating !== 'unsatisfied') throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', '只有评价为“不满意”的事项才能申请重新办理');
      if (i.reopenCount >= INQUIRY_MAX_REOPENS) throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', `每个事项只能申请重新办理 ${INQUIRY_MAX_REOPENS} 次`);
      // A new deadline, counted from the reopen; the earlier answer stays in the timeline.
      const deadline = this.calendar.deadline(now, i.workingDays);
      return {
        set: {
          status: 'accepted',
          reopenCount: i.reopenCount + 1,
          deadlineFrom: now,
          dueAt: deadline.dueAt,
          dueDate: deadline.dueDate,
          skipped: deadline.skipped,
          flagged: deadline.flagged,
          replyText: null,
          repliedAt: null,
          replyUnitId: null,
          rating: null,
          ratingComment: null,
          ratedAt: null,
        },
        events: [{ action: 'reopen', label: INQUIRY_ACTION_LABELS.reopen, text: dto.reason, parentVisible: true }],
      };
    });
  }

  private async parentAct(parent: ParentPrincipal, id: number, plan: (i: Inquiry, now: Date) => Step): Promise<ParentInquiryView> {
    return this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || i.parentId !== parent.id) throw ApiError.notFound(NOT_FOUND);
      const now = new Date();
      const step = plan(i, now);
      if (!(await this.repo.update(m, id, i.version, step.set ?? {}))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      for (const e of step.events) await this.repo.appendEvent(m, { inquiryId: id, ...e, actorId: null, actorName: null, createdAt: now });
      return this.parentView(parent, id, m);
    });
  }

  // ---- Staff

  async staffList(staff: StaffPrincipal, query: StaffInquiryQueryDto): Promise<Page<StaffInquiryListItem>> {
    await this.db.settled();
    const scope = query.scope ?? 'open';
    if (scope === 'reply_review') return this.replyReviewList(staff, query);
    if (!seesUnit(staff)) throw ApiError.forbidden('分管领导只能查看送交领导审核的投诉答复（答复待我审核）');
    let unitId: number | null = staff.unitId;
    if (query.unit) {
      const unit = await this.repo.unitByCode(query.unit);
      if (!unit) throw ApiError.field('unit', '单位不存在');
      if (!isAdmin(staff) && unit.id !== staff.unitId) throw ApiError.forbidden('只能查看本单位的事项');
      unitId = unit.id;
    } else if (isAdmin(staff)) {
      unitId = null;
    }
    const after: [number, number] | [number] | null = !query.cursor ? null : scope === 'open' ? decodeCursor(query.cursor, isDueCursor) : decodeCursor(query.cursor, isIdCursor);
    const rows = await this.repo.staffPage({ unitId, status: query.status, scope, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.listItems(page),
      nextCursor: rows.length > query.limit && last ? encodeCursor(scope === 'open' ? [last.dueAt.getTime(), last.id] : [last.id]) : null,
    };
  }

  /**
   * 答复待我审核: complaint replies the caller may review, due earliest first, whatever unit they
   * are in: a unit head's own unit's, a leader's those sent to leaders, an admin's all; never the
   * caller's own replies. `unit` narrows the list.
   */
  private async replyReviewList(staff: StaffPrincipal, query: StaffInquiryQueryDto): Promise<Page<StaffInquiryListItem>> {
    let unitId: number | null = null;
    if (query.unit) {
      const unit = await this.repo.unitByCode(query.unit);
      if (!unit) throw ApiError.field('unit', '单位不存在');
      unitId = unit.id;
    }
    const after = query.cursor ? decodeCursor(query.cursor, isDueCursor) : null;
    const reviewer = { staffId: staff.id, headOfUnitId: hasRole(staff, 'unit_head') ? staff.unitId : null, leader: hasRole(staff, 'leader'), admin: isAdmin(staff) };
    const rows = await this.repo.staffPage({ unitId, scope: 'reply_review', after, limit: query.limit + 1, reviewer });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: await this.listItems(page), nextCursor: rows.length > query.limit && last ? encodeCursor([last.dueAt.getTime(), last.id]) : null };
  }

  /** What the staff home shows: overdue and due-soon open inquiries of the reader's unit (admin: all), and counts. */
  async alerts(staff: StaffPrincipal): Promise<InquiryAlerts> {
    await this.db.settled();
    const unitId = isAdmin(staff) ? null : staff.unitId;
    const now = new Date();
    const soon = this.calendar.deadline(now, 1).dueAt;
    const [overdue, dueSoon, counts] = await Promise.all([this.repo.openDueBefore(unitId, now, null, ALERT_ITEMS), this.repo.openDueBefore(unitId, soon, now, ALERT_ITEMS), this.repo.openCounts(unitId)]);
    const items = await this.listItems([...overdue, ...dueSoon]);
    return {
      overdue: items.slice(0, overdue.length),
      dueSoon: items.slice(overdue.length),
      held: counts.byStatus.get('held') ?? 0,
      pendingReplies: counts.byStatus.get('reply_pending') ?? 0,
      flagged: counts.flagged,
    };
  }

  /** Figures of the inquiries received between two Shanghai dates (inclusive), of the reader's unit (admin: all). */
  async stats(staff: StaffPrincipal, from: string, to: string): Promise<InquiryStats> {
    if (!isCalendarDate(from)) throw ApiError.field('from', '开始日期须为 YYYY-MM-DD');
    if (!isCalendarDate(to)) throw ApiError.field('to', '结束日期须为 YYYY-MM-DD');
    if (to < from) throw ApiError.field('to', '结束日期不能早于开始日期');
    if (to > addCalendarDays(from, 3 * 366)) throw ApiError.field('to', '统计范围最长三年');
    await this.db.settled();
    const unitId = isAdmin(staff) ? null : staff.unitId;
    const rows = await this.repo.receivedBetween(unitId, new Date(`${from}T00:00:00+08:00`), new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`));
    const units = await this.repo.units(rows.map((r) => r.unitId));
    const now = Date.now();
    const byKind = Object.fromEntries(INQUIRY_KIND_CODES.map((k) => [k, 0])) as Record<InquiryKindCode, number>;
    const ratings = Object.fromEntries(INQUIRY_RATINGS.map((r) => [r, 0])) as Record<InquiryRating, number>;
    const byUnit = new Map<number, number>();
    const spans: number[] = [];
    let repliedOnTime = 0;
    let repliedLate = 0;
    let openOverdue = 0;
    let openInTime = 0;
    const working = this.calendar.current();
    for (const r of rows) {
      byKind[r.kind]++;
      byUnit.set(r.unitId, (byUnit.get(r.unitId) ?? 0) + 1);
      if (r.rating) ratings[r.rating]++;
      if (r.repliedAt) {
        if (r.repliedAt.getTime() <= r.dueAt.getTime()) repliedOnTime++;
        else repliedLate++;
        spans.push(working.workingDaysBetween(shanghaiDate(r.receivedAt), shanghaiDate(r.repliedAt)));
      } else if (isOpen(r)) {
        if (r.dueAt.getTime() < now) openOverdue++;
        else openInTime++;
      }
    }
    const rated = INQUIRY_RATINGS.reduce((n, k) => n + ratings[k], 0);
    return {
      from,
      to,
      total: rows.length,
      byKind,
      byUnit: [...byUnit].map(([id, count]) => ({ unitCode: units.get(id)?.code ?? '', unitName: units.get(id)?.name ?? '', count })).sort((a, b) => b.count - a.count || a.unitCode.localeCompare(b.unitCode)),
      repliedOnTime,
      repliedLate,
      openOverdue,
      openInTime,
      medianWorkingDays: median(spans),
      ratings,
      satisfaction: Object.fromEntries(INQUIRY_RATINGS.map((k) => [k, rated ? ratings[k] / rated : 0])) as Record<InquiryRating, number>,
    };
  }

  private async listItems(rows: Inquiry[]): Promise<StaffInquiryListItem[]> {
    const [units, names] = await Promise.all([this.repo.units(rows.map((i) => i.unitId)), this.repo.staffNames(rows.flatMap((i) => (i.handlerId ? [i.handlerId] : [])))]);
    const now = Date.now();
    const soon = this.calendar.deadline(new Date(), 1).dueAt.getTime();
    return rows.map((i) => {
      const overdue = isOverdue(i, now);
      return {
        id: i.id,
        trackingNo: i.trackingNo,
        kind: i.kind,
        subject: i.subject,
        status: i.status,
        statusLabel: INQUIRY_STATUS_LABELS[i.status],
        unitCode: units.get(i.unitId)?.code ?? '',
        unitName: units.get(i.unitId)?.name ?? '',
        handlerName: i.handlerId ? (names.get(i.handlerId) ?? null) : null,
        createdAt: i.receivedAt.toISOString(),
        dueAt: dueAtIso(i),
        overdue,
        dueSoon: isOpen(i) && !overdue && i.dueAt.getTime() <= soon,
        flagged: i.flagged,
      };
    });
  }

  async staffView(staff: StaffPrincipal, id: number, m?: EntityManager, skipVisibility = false): Promise<StaffInquiryView> {
    if (!m) await this.db.settled();
    const i = await this.repo.find(id, m);
    if (!i || (!skipVisibility && !sees(staff, i))) throw ApiError.notFound(NOT_FOUND);
    const [units, photos, events, names] = await Promise.all([
      this.repo.units([i.unitId, i.replyUnitId ?? i.unitId]),
      this.repo.photosOf([i.id]),
      this.repo.events(i.id, m),
      this.repo.staffNames(i.handlerId ? [i.handlerId] : []),
    ]);
    return {
      ...this.common(i, units, photos.map((p) => p.id)),
      statusLabel: INQUIRY_STATUS_LABELS[i.status],
      // In full only for the handler who accepted it.
      phone: i.phone ? (i.handlerId === staff.id ? i.phone : maskPhone(i.phone)) : null,
      version: i.version,
      unitCode: units.get(i.unitId)?.code ?? '',
      handler: i.handlerId ? { id: i.handlerId, name: names.get(i.handlerId) ?? '' } : null,
      pendingReply: i.pendingReplyText && i.pendingReplyAt ? { text: i.pendingReplyText, at: i.pendingReplyAt.toISOString(), by: i.pendingReplyBy ?? '' } : null,
      contentCheck: i.checkSuggest ? { suggest: i.checkSuggest, label: i.checkLabel } : null,
      reopenCount: i.reopenCount,
      publishedQaId: i.publishedQaId,
      actions: sees(staff, i) ? inquiryActionsFor(i.status, i.kind, staff.roles, reviewContext(staff, i)).filter((a) => a !== 'rate' && a !== 'reopen') : [],
      replyReviewer: i.status === 'reply_pending' ? (i.replyReviewer ?? 'unit_head') : null,
      overdue: isOverdue(i, Date.now()),
      timeline: events.map((e) => ({ action: e.action as InquiryTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.text, by: e.actorName })),
    };
  }

  release(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.act(staff, id, 'release', version, meta, async () => ({ events: [{ action: 'release', label: INQUIRY_ACTION_LABELS.release, text: null, parentVisible: false }] }));
  }

  reject(staff: StaffPrincipal, id: number, dto: RejectInquiryDto, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.act(staff, id, 'reject', dto.version, meta, async () => ({ events: [{ action: 'reject', label: INQUIRY_ACTION_LABELS.reject, text: dto.reason, parentVisible: true }] }));
  }

  accept(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.act(staff, id, 'accept', version, meta, async () => ({ set: { handlerId: staff.id }, events: [{ action: 'accept', label: INQUIRY_ACTION_LABELS.accept, text: null, parentVisible: true }] }));
  }

  transfer(staff: StaffPrincipal, id: number, dto: TransferInquiryDto, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.act(staff, id, 'transfer', dto.version, meta, async (i, m) => {
      const unit = await this.repo.unitByCode(dto.unitCode, m);
      if (!unit) throw ApiError.field('unitCode', '转办单位不存在');
      if (unit.id === i.unitId) throw ApiError.field('unitCode', '不能转办给本单位');
      return {
        set: { unitId: unit.id, handlerId: null },
        events: [{ action: 'transfer', label: `转办至 ${unit.name}`, text: dto.reason, parentVisible: true }],
        leavesUnit: !isAdmin(staff) && unit.id !== staff.unitId,
      };
    });
  }

  reply(staff: StaffPrincipal, id: number, dto: ReplyInquiryDto, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.act(staff, id, 'reply', dto.version, meta, async (i, m, now) => {
      const by = (await this.repo.staffName(m, staff.id)) ?? staff.username;
      // A complaint's reply waits for someone other than its author: a unit head, or a leader when
      // no other head of the unit could review it. The parent sees nothing of it until approved.
      if (i.kind === 'complaint') {
        const reviewer = replyReviewerFor(await this.repo.otherUnitHeads(m, i.unitId, staff.id));
        return {
          set: { pendingReplyText: dto.text, pendingReplyAt: now, pendingReplyBy: by, pendingReplyById: staff.id, replyReviewer: reviewer, handlerId: i.handlerId ?? staff.id },
          events: [{ action: 'reply', label: `答复（待${REPLY_REVIEWER_LABELS[reviewer]}审核）`, text: dto.text, parentVisible: false }],
        };
      }
      return {
        set: { replyText: dto.text, repliedAt: now, replyUnitId: i.unitId, handlerId: i.handlerId ?? staff.id },
        events: [{ action: 'reply', label: INQUIRY_ACTION_LABELS.reply, text: dto.text, parentVisible: true }],
      };
    });
  }

  reviewReply(staff: StaffPrincipal, id: number, dto: ReviewReplyDto, meta: RequestMeta): Promise<StaffInquiryView> {
    const action: InquiryAction = dto.action === 'approve' ? 'approve_reply' : 'return_reply';
    return this.act(staff, id, action, dto.version, meta, async (i, _m, now) => {
      const opinion = dto.opinion?.trim() || null;
      if (action === 'return_reply') {
        if (!opinion) throw ApiError.field('opinion', '退回须填写审核意见');
        return {
          set: { pendingReplyText: null, pendingReplyAt: null, pendingReplyBy: null, pendingReplyById: null, replyReviewer: null },
          events: [{ action: 'return_reply', label: INQUIRY_ACTION_LABELS.return_reply, text: opinion, parentVisible: false }],
          leavesUnit: !seesUnit(staff, i),
        };
      }
      return {
        leavesUnit: !seesUnit(staff, i),
        set: { replyText: i.pendingReplyText, repliedAt: now, replyUnitId: i.unitId, pendingReplyText: null, pendingReplyAt: null, pendingReplyBy: null, pendingReplyById: null, replyReviewer: null },
        events: [
          { action: 'approve_reply', label: INQUIRY_ACTION_LABELS.approve_reply, text: opinion, parentVisible: false },
          { action: 'reply', label: INQUIRY_ACTION_LABELS.reply, text: i.pendingReplyText, parentVisible: true },
        ],
      };
    });
  }

  async note(staff: StaffPrincipal, id: number, dto: InquiryNoteDto, meta: RequestMeta): Promise<StaffInquiryView> {
    return this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || !sees(staff, i)) throw ApiError.notFound(NOT_FOUND);
      const now = new Date();
      await this.repo.appendEvent(m, { inquiryId: id, action: 'note', label: '内部备注', text: dto.text, parentVisible: false, actorId: staff.id, actorName: await this.repo.staffName(m, staff.id), createdAt: now });
      await this.audit.record(m, staff, meta, { action: 'inquiry.note', entityType: 'inquiry', entityId: id, after: { text: dto.text } });
      return this.staffView(staff, id, m);
    });
  }

  async publishQa(staff: StaffPrincipal, id: number, dto: PublishQaDto, meta: RequestMeta): Promise<QaItem> {
    const qaId = await this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || !sees(staff, i)) throw ApiError.notFound(NOT_FOUND);
      if (!i.allowPublish) throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', '提问人未同意公开，不能发布为问答');
      if ((i.status !== 'replied' && i.status !== 'closed') || !i.replyText || !i.repliedAt) throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', '只有已答复或已办结的事项才能发布为问答');
      if (i.publishedQaId !== null) throw new ApiError(409, 'CONFLICT', '该事项已发布为问答');
      const unit = await this.repo.unitById(i.replyUnitId ?? i.unitId, m);
      const now = new Date();
      const newId = await this.repo.insertQa(m, { inquiryId: id, kind: i.kind, question: dto.question, answer: dto.answer, unitName: unit?.name ?? '', askedAt: i.receivedAt, answeredAt: i.repliedAt, publishedById: staff.id, publishedAt: now });
      // Not a state change: the version stays, so a handler's open page is not made stale.
      await m.createQueryBuilder().update(Inquiry).set({ publishedQaId: newId }).where('id = :id', { id }).execute();
      await this.repo.appendEvent(m, { inquiryId: id, action: 'note', label: '发布为公开问答', text: null, parentVisible: false, actorId: staff.id, actorName: await this.repo.staffName(m, staff.id), createdAt: now });
      await this.audit.record(m, staff, meta, { action: 'inquiry.publish_qa', entityType: 'inquiry', entityId: id, after: { qaId: newId, question: dto.question, answer: dto.answer } });
      return newId;
    });
    return this.qa(qaId);
  }

  /**
   * One staff action in one transaction: visible to the reader, the version matches, the state
   * machine allows it for the reader's roles (and a pending reply is reviewed at its level, never
   * by its author); then a conditional update, the timeline rows and an audit row.
   */
  private async act(
    staff: StaffPrincipal,
    id: number,
    action: InquiryAction,
    version: number,
    meta: RequestMeta,
    plan: (i: Inquiry, m: EntityManager, now: Date) => Promise<Step>,
  ): Promise<StaffInquiryView> {
    return this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || !sees(staff, i)) throw ApiError.notFound(NOT_FOUND);
      if (i.version !== version) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      const refused = inquiryRefusal(i.status, action, i.kind, staff.roles, reviewContext(staff, i));
      if (refused) throw new ApiError(refused.code === 'INQUIRY_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
      const transition = inquiryTransition(i.status, action, i.kind)!;
      const now = new Date();
      const step = await plan(i, m, now);
      const before = auditShape(i);
      if (!(await this.repo.update(m, id, version, { ...step.set, status: transition.to }))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      const actorName = await this.repo.staffName(m, staff.id);
      for (const e of step.events) await this.repo.appendEvent(m, { inquiryId: id, ...e, actorId: staff.id, actorName, createdAt: now });
      const after = (await this.repo.find(id, m))!;
      await this.audit.record(m, staff, meta, { action: `inquiry.${action}`, entityType: 'inquiry', entityId: id, before, after: auditShape(after) });
      return this.staffView(staff, id, m, step.leavesUnit);
    });
  }

  // ---- Public Q&A

  async qaList(query: QaQueryDto): Promise<Page<QaItem>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.repo.qaPage({ q: query.q || undefined, kind: query.kind, beforeId: before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return { items: page.map(qaItem), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  async qa(id: number): Promise<QaItem> {
    await this.db.settled();
    const row = await this.repo.qa(id);
    if (!row) throw ApiError.notFound('未找到该问答');
    return qaItem(row);
  }

  // ---- Deadlines

  /** Recounts the deadlines of open inquiries flagged for a year without calendar data, each in its own transaction. */
  async recomputeFlagged(): Promise<number> {
    let changed = 0;
    for (const i of await this.repo.flaggedOpen()) {
      const d = this.calendar.deadline(i.deadlineFrom, i.workingDays);
      if (d.dueDate === i.dueDate && d.flagged === i.flagged) continue;
      await this.db.transaction(async (m) => {
        // Not a handler's change: the version stays, so nobody's open page becomes stale.
        await m.createQueryBuilder().update(Inquiry).set({ dueAt: d.dueAt, dueDate: d.dueDate, skipped: d.skipped, flagged: d.flagged }).where('id = :id', { id: i.id }).execute();
        await this.audit.record(m, null, { ip: null, requestId: null }, { action: 'inquiry.deadline_recomputed', entityType: 'inquiry', entityId: i.id, before: { dueDate: i.dueDate, flagged: i.flagged }, after: { dueDate: d.dueDate, flagged: d.flagged } });
      });
      changed++;
    }
    return changed;
  }

  private common(i: Inquiry, units: Map<number, Unit>, photoIds: string[]) {
    return {
      id: i.id,
      trackingNo: i.trackingNo,
      kind: i.kind,
      subject: i.subject,
      content: i.content,
      status: i.status,
      unitName: units.get(i.unitId)?.name ?? '',
      allowPublish: i.allowPublish,
      photos: photoIds.map((id) => ({ id, url: `${PHOTO_PATH}${id}` })),
      createdAt: i.receivedAt.toISOString(),
      deadline: deadlineView(i),
      reply: i.replyText && i.repliedAt ? { text: i.replyText, at: i.repliedAt.toISOString(), unitName: units.get(i.replyUnitId ?? i.unitId)?.name ?? '' } : null,
      rating: i.rating && i.ratedAt ? { rating: i.rating, comment: i.ratingComment, at: i.ratedAt.toISOString() } : null,
    };
  }
}

/**
 * Whether a staff member may see (and, by role, act on) an inquiry: admin all, handlers and unit
 * heads their unit's, a leader a complaint whose reply waits for a leader's review.
 */
export function sees(staff: StaffPrincipal, i: Inquiry): boolean {
  if (seesUnit(staff, i)) return true;
  return hasRole(staff, 'leader') && i.status === 'reply_pending' && i.replyReviewer === 'leader';
}

/** Whether the staff member sees an inquiry as one of its unit's (admin: every unit); without `i`, whether they see any unit's. */
function seesUnit(staff: StaffPrincipal, i?: Inquiry): boolean {
  if (isAdmin(staff)) return true;
  return hasRole(staff, 'inquiry_handler', 'unit_head') && (!i || i.unitId === staff.unitId);
}

/** Who is acting, against the inquiry's pending reply (four eyes). */
function reviewContext(staff: StaffPrincipal, i: Inquiry): ReplyReviewContext {
  return { actorId: staff.id, replyAuthorId: i.pendingReplyById, replyReviewer: i.replyReviewer };
}

/** What a parent sees of the status: a held inquiry is just submitted, a reply waiting for the unit head is not there yet. */
const parentStatus = (status: InquiryStatus): InquiryStatus => (status === 'held' ? 'submitted' : status === 'reply_pending' ? 'accepted' : status);
const ALERT_ITEMS = 20;
const isAdmin = (staff: StaffPrincipal) => staff.roles.includes('admin');
const isOpen = (i: Inquiry) => OPEN_STATUSES.includes(i.status);
const isOverdue = (i: Inquiry, now: number) => isOpen(i) && i.dueAt.getTime() < now;
const canReopen = (i: Inquiry) => i.status === 'closed' && i.rating === 'unsatisfied' && i.reopenCount < INQUIRY_MAX_REOPENS;
const dueAtIso = (i: Inquiry) => `${i.dueDate}T23:59:59+08:00`;
const rateLimited = () => new ApiError(429, 'INQUIRY_RATE_LIMITED', `每天最多提交 ${INQUIRY_LIMITS.perParentPerDay} 条，请明天再试`);
const isIdCursor = (v: unknown): v is [number] => Array.isArray(v) && v.length === 1 && Number.isInteger(v[0]);
const isDueCursor = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]);

function notAllowed(i: Inquiry, action: InquiryAction): ApiError {
  return new ApiError(409, 'INQUIRY_NOT_ALLOWED', `该事项当前为“${INQUIRY_STATUS_LABELS[i.status]}”，不能${INQUIRY_ACTION_LABELS[action]}`);
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function deadlineView(i: Inquiry): InquiryDeadline {
  return { from: shanghaiDate(i.deadlineFrom), dueAt: dueAtIso(i), dueDate: i.dueDate, workingDays: i.workingDays, skipped: i.skipped, flagged: i.flagged };
}

/** The Shanghai date as the tracking number has it: 20261009. */
const compactDate = (at: Date) => shanghaiDate(at).replace(/-/g, '');

/** 00:00 Asia/Shanghai of the day `at` falls on. */
function shanghaiDayStart(at: Date): Date {
  return new Date(`${shanghaiDate(at)}T00:00:00+08:00`);
}

function auditShape(i: Inquiry): object {
  return { status: i.status, version: i.version, unitId: i.unitId, handlerId: i.handlerId, dueDate: i.dueDate };
}

function qaItem(row: InquiryQa): QaItem {
  return { id: row.id, kind: row.kind, question: row.question, answer: row.answer, unitName: row.unitName, askedAt: row.askedAt.toISOString(), answeredAt: row.answeredAt.toISOString() };
}
