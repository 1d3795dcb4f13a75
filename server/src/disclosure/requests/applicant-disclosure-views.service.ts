import { Injectable } from '@nestjs/common';
import {
  DISCLOSURE_APPLICANT_STATUS_LABELS,
  DISCLOSURE_OPEN_STATUSES,
  disclosureActionsFor,
  disclosureDeadline,
  maskIdNumber,
  maskPersonName,
  outcomeLabel,
  shanghaiDate,
  shanghaiEndOfDayIso,
  type ApplicantDisclosureListItem,
  type ApplicantDisclosureView,
  type DisclosureDeadlineView,
  type DisclosureStatus,
  type DisclosureTimelineEntry,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service';
import { Clock } from '../../common/clock/clock';
import { Db } from '../../database/db';
import { notFound } from '../disclosure-steps.service';
import type { DisclosureEvent } from '../entities/disclosure-event.entity';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureFeeViews } from '../fees/disclosure-fee-views.service';
import { DisclosureLetterViews } from '../letters/disclosure-letter-views.service';
import { DisclosureRequestsRepository } from './disclosure-requests.repository';

const OPEN: readonly DisclosureStatus[] = DISCLOSURE_OPEN_STATUSES;
const EXCERPT = 60;

/** The applicant's view without the fee and the letter (which their modules build). */
export type ApplicantDisclosureParts = Omit<ApplicantDisclosureView, 'fee' | 'letter'>;

/** A person's name as 张*; an organisation's name in full (it is not personal data). */
export function maskedApplicantName(r: Pick<DisclosureRequest, 'applicantType' | 'applicantName'>): string {
  return r.applicantType === 'organization' ? r.applicantName : maskPersonName(r.applicantName);
}

/** The applicant's timeline: their visible steps only, never who acted on the bureau's side. */
export function applicantTimeline(events: readonly DisclosureEvent[]): DisclosureTimelineEntry[] {
  return events.filter((e) => e.applicantVisible).map((e) => ({ action: e.action as DisclosureTimelineEntry['action'], at: e.createdAt.toISOString(), label: e.label, text: e.text }));
}

/**
 * What an applicant sees of a request: their signed-in view, the public lookup's (the same,
 * without actions, which need signing in), and the parts the staff view builds on. The identity
 * is masked here always (a person's name 张*, the ID number 3701**********1234); the contact
 * details are not in this view at all.
 */
@Injectable()
export class ApplicantDisclosureViews {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly fees: DisclosureFeeViews,
    private readonly letters: DisclosureLetterViews,
  ) {}

  /** The parent's own request `id`; another parent's (or a staff-entered one) answers as a missing one. Call after the transaction commits. */
  async forParent(parentId: number, id: number): Promise<ApplicantDisclosureView> {
    await this.db.settled();
    const r = await this.repo.find(id);
    if (!r || r.parentId !== parentId) throw notFound();
    return this.build(r, 'applicant');
  }

  /**
   * The full view of a row: `applicant` (signed in: actions, fee notice link of the signed-in
   * routes) or `lookup` (by tracking number and code: no actions; links through `lookupToken`).
   */
  async build(r: DisclosureRequest, audience: 'applicant' | { lookupToken: string }, m?: EntityManager): Promise<ApplicantDisclosureView> {
    const lookup = audience !== 'applicant';
    const [events, fee, letter] = await Promise.all([
      this.repo.events(r.id, m),
      this.fees.forRequest(r.id, audience),
      this.letters.forRequest(r.id, 'applicant', lookup ? { lookupToken: audience.lookupToken } : {}),
    ]);
    const parts = this.parts(r, events, shanghaiDate(this.clock.now()));
    // Pay while a notice is issued and unpaid (the fee, not only the status, says so).
    const actions = lookup ? [] : [...parts.actions.filter((a) => a !== 'pay'), ...(fee?.status === 'issued' ? (['pay'] as const) : [])];
    return { ...parts, fee, letter, actions };
  }

  /** Everything but the fee and the letter, from the row and its timeline (the staff view builds on it). */
  parts(r: DisclosureRequest, events: readonly DisclosureEvent[], today: string): ApplicantDisclosureParts {
    return {
      id: r.id,
      trackingNo: r.trackingNo,
      channel: r.channel,
      status: r.status,
      statusLabel: DISCLOSURE_APPLICANT_STATUS_LABELS[r.status],
      applicantType: r.applicantType,
      organizationKind: r.organizationKind,
      applicantName: maskedApplicantName(r),
      idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
      description: r.description,
      purpose: r.purpose,
      provisionForm: r.provisionForm,
      delivery: r.delivery,
      submittedAt: r.submittedAt.toISOString(),
      receivedDate: r.receivedDate,
      deadline: this.deadline(r, today),
      supplement:
        r.supplementRequestText !== null && r.supplementRequestedAt && r.supplementDueDate
          ? { requestText: r.supplementRequestText, requestedAt: r.supplementRequestedAt.toISOString(), dueDate: r.supplementDueDate, suppliedAt: r.suppliedAt?.toISOString() ?? null, suppliedText: r.suppliedText }
          : null,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? outcomeLabel(r.outcome) : null,
      timeline: applicantTimeline(events),
      actions: [
        ...disclosureActionsFor(r.status, ['applicant']).filter((a): a is 'supply' | 'withdraw' => a === 'supply' || a === 'withdraw'),
        ...(r.status === 'fee_pending' ? (['pay'] as const) : []),
      ],
    };
  }

  /**
   * The answer deadline as of `today`: none before receipt; while a 补正 is outstanding no due
   * date (the count starts again when the supplement arrives); while open counted live (the
   * working days left, a pause); once finished as it was recorded.
   */
  deadline(r: DisclosureRequest, today: string): DisclosureDeadlineView | null {
    if (!r.receivedDate || !r.clockFrom || r.status === 'submitted') return null;
    const base = { workingDays: 20 + r.extensionDays, extensionDays: r.extensionDays, from: r.clockFrom, flagged: r.flagged };
    if (!OPEN.includes(r.status)) return { ...base, dueDate: r.dueDate, dueAt: r.dueDate ? shanghaiEndOfDayIso(r.dueDate) : null, remainingWorkingDays: null, paused: false, overdue: false };
    if (r.status === 'supplement_requested') return { ...base, dueDate: null, dueAt: null, remainingWorkingDays: null, paused: false, overdue: false };
    const d = disclosureDeadline(
      this.calendar.current(),
      { receivedDate: r.receivedDate, supplementedDate: r.clockFrom !== r.receivedDate ? r.clockFrom : null, extensionDays: r.extensionDays, pauses: r.pauses },
      today,
    );
    return {
      ...base,
      workingDays: d.workingDays,
      dueDate: d.due?.dueDate ?? null,
      dueAt: d.due?.dueAtIso ?? null,
      remainingWorkingDays: d.remainingWorkingDays,
      paused: d.paused,
      overdue: !!d.due && d.due.dueAt.getTime() < this.clock.now().getTime(),
      flagged: d.flagged,
      skipped: d.due?.skipped,
    };
  }

  listItem(r: DisclosureRequest): ApplicantDisclosureListItem {
    return {
      id: r.id,
      trackingNo: r.trackingNo,
      status: r.status,
      statusLabel: DISCLOSURE_APPLICANT_STATUS_LABELS[r.status],
      excerpt: Array.from(r.description).slice(0, EXCERPT).join(''),
      submittedAt: r.submittedAt.toISOString(),
      dueDate: r.dueDate,
    };
  }
}
