import { Injectable } from '@nestjs/common';
import {
  INQUIRY_PARENT_STATUS_LABELS,
  INQUIRY_STATUS_LABELS,
  canRateInquiry,
  canReopenInquiry,
  inquiryActionsFor,
  isOpenInquiry,
  maskPhone,
  parentInquiryStatus,
  shanghaiDate,
  shanghaiEndOfDayIso,
  type InquiryDeadline,
  type InquiryTimelineEntry,
  type ParentInquiryView,
  type QaItem,
  type StaffInquiryListItem,
  type StaffInquiryView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { Db } from '../database/db';
import type { InquiryQa } from './entities/inquiry-qa.entity';
import type { Inquiry } from './entities/inquiry.entity';
import { InquiriesRepository, type UnitRef } from './inquiries.repository';
import { notFound, reviewContext, sees } from './inquiry-access';
import { InquiryPhotosRepository } from './inquiry-photos.repository';

export const PHOTO_PATH = '/api/v1/inquiries/photos/';
/** What staff see of an archived inquiry's applicant once the parent cancelled the account. */
export const APPLICANT_CANCELLED = '申请人已注销';

/** What a parent and staff read of an inquiry: the parent's view, the staff view and list rows. */
@Injectable()
export class InquiryViews {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly photos: InquiryPhotosRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async parentView(parent: ParentPrincipal, id: number, m?: EntityManager): Promise<ParentInquiryView> {
    if (!m) await this.db.settled();
    const i = await this.repo.find(id, m);
    // Another parent's inquiry answers as a missing one does.
    if (!i || i.parentId !== parent.id) throw notFound();
    const [units, photoIds, events] = await Promise.all([this.repo.units([i.unitId, i.replyUnitId ?? i.unitId]), this.photos.idsOf([i.id]), this.repo.events(i.id, m)]);
    return {
      ...common(i, units, photoIds),
      status: parentInquiryStatus(i.status),
      statusLabel: INQUIRY_PARENT_STATUS_LABELS[i.status],
      phone: i.phone ? maskPhone(i.phone) : null,
      canRate: canRateInquiry(i),
      canReopen: canReopenInquiry(i),
      // Never internal rows, never who acted; a transfer's reason stays with staff.
      timeline: events.filter((e) => e.parentVisible).map((e) => ({ action: e.action as InquiryTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.action === 'transfer' ? null : e.text })),
    };
  }

  async staffView(staff: StaffPrincipal, id: number, m?: EntityManager, skipVisibility = false): Promise<StaffInquiryView> {
    return (await this.staffRead(staff, id, m, skipVisibility)).view;
  }

  /** The staff view and whose inquiry it is (for the record of a staff member reading a parent's data). */
  async staffRead(staff: StaffPrincipal, id: number, m?: EntityManager, skipVisibility = false): Promise<{ view: StaffInquiryView; parentId: number }> {
    if (!m) await this.db.settled();
    const i = await this.repo.find(id, m);
    if (!i || (!skipVisibility && !sees(staff, i))) throw notFound();
    return { view: await this.buildStaffView(staff, i, m), parentId: i.parentId };
  }

  private async buildStaffView(staff: StaffPrincipal, i: Inquiry, m?: EntityManager): Promise<StaffInquiryView> {
    const [units, photoIds, events, names] = await Promise.all([
      this.repo.units([i.unitId, i.replyUnitId ?? i.unitId]),
      this.photos.idsOf([i.id]),
      this.repo.events(i.id, m),
      this.repo.staffNames(i.handlerId ? [i.handlerId] : []),
    ]);
    return {
      ...common(i, units, photoIds),
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
      actions: sees(staff, i) ? inquiryActionsFor(i.status, i.kind, staff.roles, reviewContext(staff, i)) : [],
      replyReviewer: i.status === 'reply_pending' ? (i.replyReviewer ?? 'unit_head') : null,
      overdue: isOverdue(i, this.clock.now()),
      involvesChild: i.involvesChild,
      applicantNote: i.parentCancelledAt ? APPLICANT_CANCELLED : null,
      timeline: events.map((e) => ({ action: e.action as InquiryTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.text, by: e.actorName })),
    };
  }

  /** The staff list rows; due soon: due by the end of the next working day. */
  async listItems(rows: Inquiry[]): Promise<StaffInquiryListItem[]> {
    const [units, names] = await Promise.all([this.repo.units(rows.map((i) => i.unitId)), this.repo.staffNames(rows.flatMap((i) => (i.handlerId ? [i.handlerId] : [])))]);
    const now = this.clock.now();
    const soon = this.calendar.deadline(now, 1).dueAt.getTime();
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
        dueSoon: isOpenInquiry(i.status) && !overdue && i.dueAt.getTime() <= soon,
        flagged: i.flagged,
      };
    });
  }
}

/** The due time as Shanghai time: the end of the due day. */
export const dueAtIso = (i: Pick<Inquiry, 'dueDate'>) => shanghaiEndOfDayIso(i.dueDate);
export const isOverdue = (i: Inquiry, now: Date) => isOpenInquiry(i.status) && i.dueAt.getTime() < now.getTime();
export const isDueCursor = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]);

export function qaItem(row: InquiryQa): QaItem {
  return { id: row.id, kind: row.kind, question: row.question, answer: row.answer, unitName: row.unitName, askedAt: row.askedAt.toISOString(), answeredAt: row.answeredAt.toISOString() };
}

function deadlineView(i: Inquiry): InquiryDeadline {
  return { from: shanghaiDate(i.deadlineFrom), dueAt: dueAtIso(i), dueDate: i.dueDate, workingDays: i.workingDays, skipped: i.skipped, flagged: i.flagged };
}

function common(i: Inquiry, units: Map<number, UnitRef>, photoIds: string[]) {
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
