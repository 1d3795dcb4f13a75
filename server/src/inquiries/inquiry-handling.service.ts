import { Injectable } from '@nestjs/common';
import {
  INQUIRY_ACTION_LABELS,
  REPLY_REVIEWER_LABELS,
  inquiryRefusal,
  inquiryTransition,
  isOpenInquiry,
  replyReviewerFor,
  type InquiryAction,
  type Page,
  type StaffInquiryListItem,
  type StaffInquiryView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../common/audit/audit.service';
import { hasRole, type StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/paging/cursor';
import { Db } from '../database/db';
import { DataHasher } from '../privacy/crypto/data-hasher';
import { PersonalDataAccessLog } from '../privacy/personal-data-access-log';
import type { InquiryNoteDto, RejectInquiryDto, ReplyInquiryDto, ReviewReplyDto, StaffInquiryQueryDto, TransferInquiryDto } from './dto/inquiry.dto';
import type { Inquiry } from './entities/inquiry.entity';
import { InquiriesRepository } from './inquiries.repository';
import { INQUIRY_ACCESS_PURPOSE, isAdmin, notFound, refusalError, reviewContext, sees, seesUnit, stale, type InquiryStep } from './inquiry-access';
import { InquiryPersonalData } from './inquiry-personal-data';
import { InquiryViews, isDueCursor } from './inquiry-views.service';

/**
 * Staff handling: the inbox and the reply-review queue, the detail, and the steps of the state
 * machine in @gongkai/shared (release, reject, accept, transfer, reply, reply review), internal
 * notes. The state machine decides what is allowed; this service adds units, ownership, versions
 * (of two staff acting at once exactly one wins), the timeline and the audit log.
 */
@Injectable()
export class InquiryHandlingService {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly views: InquiryViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hasher: DataHasher,
    private readonly accessLog: PersonalDataAccessLog,
    private readonly personalData: InquiryPersonalData,
  ) {}

  /** `?phone=`: matched by its keyed hash, so finding a caller's inquiries decrypts nothing. */
  private phoneHash(query: StaffInquiryQueryDto): string | undefined {
    return query.phone ? this.hasher.hash('phone', query.phone) : undefined;
  }

  async list(staff: StaffPrincipal, query: StaffInquiryQueryDto): Promise<Page<StaffInquiryListItem>> {
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
    const rows = await this.repo.staffPage({ unitId, status: query.status, scope, after, limit: query.limit + 1, phoneHash: this.phoneHash(query) });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.listItems(page),
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
    const rows = await this.repo.staffPage({ unitId, scope: 'reply_review', after, limit: query.limit + 1, reviewer, phoneHash: this.phoneHash(query) });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: await this.views.listItems(page), nextCursor: rows.length > query.limit && last ? encodeCursor([last.dueAt.getTime(), last.id]) : null };
  }

  /** The detail: the content, the phone (full or masked) and the photos are a parent's personal data, so the read is recorded. */
  async view(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<StaffInquiryView> {
    const { view, parentId } = await this.views.staffRead(staff, id);
    const fields = ['content', ...(view.phone ? ['phone'] : []), ...(view.photos.length ? ['photos'] : [])];
    await this.accessLog.record(null, staff, meta, { action: 'view', entityType: 'inquiry', entityId: id, parentId, fields, purpose: INQUIRY_ACCESS_PURPOSE });
    return view;
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
      if (!i || !sees(staff, i)) throw notFound();
      const now = this.clock.now();
      await this.repo.appendEvent(m, { inquiryId: id, action: 'note', label: '内部备注', text: dto.text, parentVisible: false, actorId: staff.id, actorName: await this.repo.staffName(m, staff.id), createdAt: now });
      await this.audit.record(m, staff, meta, { action: 'inquiry.note', entityType: 'inquiry', entityId: id, after: { text: dto.text } });
      return this.views.staffView(staff, id, m);
    });
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
    plan: (i: Inquiry, m: EntityManager, now: Date) => Promise<InquiryStep>,
  ): Promise<StaffInquiryView> {
    return this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || !sees(staff, i)) throw notFound();
      if (i.version !== version) throw stale();
      const refused = inquiryRefusal(i.status, action, i.kind, staff.roles, reviewContext(staff, i));
      if (refused) throw refusalError(refused);
      const transition = inquiryTransition(i.status, action, i.kind)!;
      const now = this.clock.now();
      const step = await plan(i, m, now);
      const before = auditShape(i);
      if (!(await this.repo.update(m, id, version, { ...step.set, status: transition.to }, now))) throw stale();
      const actorName = await this.repo.staffName(m, staff.id);
      for (const e of step.events) await this.repo.appendEvent(m, { inquiryId: id, ...e, actorId: staff.id, actorName, createdAt: now });
      // The guardian withdrew the child-information consent while it was open: it goes now that it is finished.
      if (i.childConsentWithdrawnAt && !isOpenInquiry(transition.to)) await this.personalData.redactChildInformation(m, [id]);
      const after = (await this.repo.find(id, m))!;
      await this.audit.record(m, staff, meta, { action: `inquiry.${action}`, entityType: 'inquiry', entityId: id, before, after: auditShape(after) });
      return this.views.staffView(staff, id, m, step.leavesUnit);
    });
  }
}

function auditShape(i: Inquiry): object {
  return { status: i.status, version: i.version, unitId: i.unitId, handlerId: i.handlerId, dueDate: i.dueDate };
}
