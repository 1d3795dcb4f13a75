import { Injectable } from '@nestjs/common';
import {
  DISCLOSURE_OPEN_STATUSES,
  DISCLOSURE_STATUS_LABELS,
  disclosureActionsFor,
  disclosureDeadline,
  maskIdNumber,
  maskPersonName,
  maskPhone,
  shanghaiDate,
  supplementNoticeDeadline,
  type DisclosureStatus,
  type DisclosureTimelineEntry,
  type StaffDisclosureListItem,
  type StaffDisclosureView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { Db } from '../../database/db';
import { contextOf, notFound } from '../disclosure-steps.service';
import type { DisclosureEvent } from '../entities/disclosure-event.entity';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureFeeViews } from '../fees/disclosure-fee-views.service';
import { DisclosureLetterViews } from '../letters/disclosure-letter-views.service';
import { ApplicantDisclosureViews, maskedApplicantName } from '../requests/applicant-disclosure-views.service';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { DisclosureHandlingRepository } from './disclosure-handling.repository';

const OPEN: readonly DisclosureStatus[] = DISCLOSURE_OPEN_STATUSES;
const EXCERPT = 60;

/**
 * What staff read of a request: the list rows and the full view. The identity (name, ID number,
 * credit code, contact details) is in full only for the handler who accepted or entered the
 * request (`handlerId`), masked for everyone else; the caller records each full read.
 *
 * The parts an applicant sees too (deadline, supplement, applicant timeline, the applicant's
 * actions) come from the applicant side's ApplicantDisclosureViews.parts.
 */
@Injectable()
export class StaffDisclosureViews {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly handling: DisclosureHandlingRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly fees: DisclosureFeeViews,
    private readonly letters: DisclosureLetterViews,
    private readonly applicant: ApplicantDisclosureViews,
  ) {}

  /** The full view of request `id` as `staff` sees it, and whether the identity was shown in full. */
  async read(staff: StaffPrincipal, id: number, m?: EntityManager): Promise<{ view: StaffDisclosureView; request: DisclosureRequest }> {
    if (!m) await this.db.settled();
    const r = await this.repo.find(id, m);
    if (!r) throw notFound();
    const [events, handlerName, requestedBy, letterAuthorId, fee, letter] = await Promise.all([
      this.repo.events(r.id, m),
      this.repo.staffName(r.handlerId, m),
      this.repo.staffName(r.extensionPendingDays !== null ? r.extensionRequestedById : null, m),
      r.status === 'letter_pending' ? this.handling.draftAuthor(r.id, m) : Promise.resolve(null),
      this.fees.forRequest(r.id, 'staff'),
      this.letters.forRequest(r.id, 'staff'),
    ]);
    const full = staff.id === r.handlerId;
    const today = shanghaiDate(this.clock.now());
    const parts = this.applicant.parts(r, events, today);
    const noticeDue = r.receivedDate && r.supplementRequestedAt === null && OPEN.includes(r.status) ? supplementNoticeDeadline(this.calendar.current(), r.receivedDate).dueDate : null;
    const staffActions = disclosureActionsFor(r.status, staff.roles, contextOf(r, { kind: 'staff', staff }, letterAuthorId)).filter(
      // The 补正 notice may only go within its 7 working days (the server refuses it after).
      (a) => a !== 'request_supplement' || (noticeDue !== null && today <= noticeDue),
    );
    const view: StaffDisclosureView = {
      ...parts,
      statusLabel: DISCLOSURE_STATUS_LABELS[r.status],
      fee,
      letter,
      timeline: events.map((e) => entry(e, true)),
      version: r.version,
      pieces: r.pieces,
      applicantName: full ? r.applicantName : maskedApplicantName(r),
      idType: r.idType,
      idNumber: r.idNumber ? (full ? r.idNumber : maskIdNumber(r.idNumber)) : null,
      creditCode: r.creditCode ? (full ? r.creditCode : maskIdNumber(r.creditCode)) : null,
      legalRepresentative: r.legalRepresentative ? (full ? r.legalRepresentative : maskPersonName(r.legalRepresentative)) : null,
      contactName: r.contactName ? (full ? r.contactName : maskPersonName(r.contactName)) : null,
      phone: r.phone ? (full ? r.phone : maskPhone(r.phone)) : null,
      email: r.email ? (full ? r.email : maskEmail(r.email)) : null,
      address: r.address ? (full ? r.address : maskAddress(r.address)) : null,
      postcode: r.postcode,
      handlerId: r.handlerId,
      handlerName,
      identityVisible: full,
      supplementNoticeDueDate: noticeDue,
      pendingExtension:
        r.extensionPendingDays !== null && r.extensionRequestedAt
          ? { days: r.extensionPendingDays, reason: r.extensionReason ?? '', requestedBy: requestedBy, requestedAt: r.extensionRequestedAt.toISOString() }
          : null,
      staffActions,
    };
    return { view, request: r };
  }

  private count(r: DisclosureRequest, today: string) {
    return disclosureDeadline(
      this.calendar.current(),
      { receivedDate: r.receivedDate!, supplementedDate: r.clockFrom !== r.receivedDate ? r.clockFrom : null, extensionDays: r.extensionDays, pauses: r.pauses },
      today,
    );
  }

  async listItems(rows: DisclosureRequest[]): Promise<StaffDisclosureListItem[]> {
    const names = await this.handling.staffNames(rows.flatMap((r) => (r.handlerId ? [r.handlerId] : [])));
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return rows.map((r) => {
      const running = OPEN.includes(r.status) && r.status !== 'submitted' && r.status !== 'supplement_requested' && r.receivedDate && r.clockFrom;
      const d = running ? this.count(r, today) : null;
      return {
        id: r.id,
        trackingNo: r.trackingNo,
        channel: r.channel,
        status: r.status,
        statusLabel: DISCLOSURE_STATUS_LABELS[r.status],
        applicantType: r.applicantType,
        applicantName: maskedApplicantName(r),
        excerpt: [...r.description].slice(0, EXCERPT).join(''),
        receivedDate: r.receivedDate,
        dueDate: r.dueDate,
        remainingWorkingDays: d ? d.remainingWorkingDays : null,
        overdue: OPEN.includes(r.status) && !!r.dueAt && r.dueAt.getTime() < now.getTime(),
        paused: d ? d.paused : false,
        flagged: r.flagged,
        handlerName: r.handlerId ? (names.get(r.handlerId) ?? null) : null,
        awaitingApproval: OPEN.includes(r.status) && (r.extensionPendingDays !== null || r.status === 'letter_pending'),
      };
    });
  }
}

function entry(e: DisclosureEvent, staff: boolean): DisclosureTimelineEntry {
  const base = { action: e.action as DisclosureTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.text };
  return staff ? { ...base, by: e.actorName } : base;
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** The first six characters (the county, the town), the rest hidden. */
function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? '****' : `${chars.slice(0, 6).join('')}****`;
}
