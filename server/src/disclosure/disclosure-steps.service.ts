import { Injectable } from '@nestjs/common';
import {
  DISCLOSURE_ACTION_LABELS,
  disclosureDeadline,
  disclosureRefusal,
  disclosureTransition,
  shanghaiDate,
  shanghaiEndOfDay,
  type DisclosureAction,
  type DisclosureActor,
  type DisclosureContext,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { EventBus } from '../common/events/event-bus';
import { Db } from '../database/db';
import { ApiError } from '../common/errors/api-error';
import type { DisclosureRequest } from './entities/disclosure-request.entity';
import { DisclosureRequestsRepository } from './requests/disclosure-requests.repository';

/** Who takes a step: a staff member, the applicant (signed in, or through the tracking number and code), or the server. */
export type DisclosureActorRef = { kind: 'staff'; staff: StaffPrincipal } | { kind: 'applicant'; parentId: number | null } | { kind: 'system' };

/** What a step changes besides the status, and the timeline rows it appends. */
export interface DisclosureStep {
  set?: Partial<DisclosureRequest>;
  events: { action: string; label?: string; text: string | null; applicantVisible: boolean }[];
}

export const STALE_MESSAGE = '该申请已被他人处理，请刷新后查看';
export const NOT_FOUND_MESSAGE = '未找到该申请';
export const notFound = () => ApiError.notFound(NOT_FOUND_MESSAGE);
export const stale = () => new ApiError(409, 'CONFLICT', STALE_MESSAGE);

/** The state machine's actors for a reference. */
export function actorsOf(actor: DisclosureActorRef): readonly DisclosureActor[] {
  return actor.kind === 'staff' ? actor.staff.roles : [actor.kind];
}

/** The row facts the state machine's four-eyes and once-only rules need. */
export function contextOf(request: DisclosureRequest, actor: DisclosureActorRef, letterAuthorId: number | null = null): DisclosureContext {
  return {
    actorId: actor.kind === 'staff' ? actor.staff.id : null,
    letterAuthorId,
    extensionRequestedById: request.extensionRequestedById,
    extensionPending: request.extensionPendingDays !== null,
    extensionDays: request.extensionDays,
    supplementAsked: request.supplementRequestedAt !== null,
  };
}

/**
 * Takes a step of the shared state machine on a request: checks it is allowed for this actor now
 * (409 / 403 with the machine's Chinese message), moves the row on by a conditional update of its
 * version (of two people acting at once exactly one wins; the other gets 409), appends the
 * timeline and recounts the answer deadline, all in the caller's transaction.
 */
@Injectable()
export class DisclosureSteps {
  constructor(
    private readonly repo: DisclosureRequestsRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  async apply(m: EntityManager, request: DisclosureRequest, actor: DisclosureActorRef, action: DisclosureAction, step: DisclosureStep, letterAuthorId: number | null = null): Promise<DisclosureRequest> {
    const refused = disclosureRefusal(request.status, action, actorsOf(actor), contextOf(request, actor, letterAuthorId));
    if (refused) throw new ApiError(refused.code === 'DISCLOSURE_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
    const now = this.clock.now();
    const to = disclosureTransition(request.status, action)!.to;
    const next: DisclosureRequest = { ...request, ...step.set, status: to };
    const set: Partial<DisclosureRequest> = { ...step.set, status: to, ...this.deadlineFields(next, now) };
    // A moved due date is warned about afresh (the due-soon / overdue warnings were for the old one).
    if (set.dueDate !== request.dueDate) set.lastWarning = null;
    if ((to === 'answered' || to === 'closed') && !request.concludedAt) set.concludedAt = now;
    if (!(await this.repo.update(m, request.id, request.version, set, now))) throw stale();
    const actorId = actor.kind === 'staff' ? actor.staff.id : null;
    const actorName = actor.kind === 'staff' ? await this.repo.staffName(actor.staff.id, m) : actor.kind === 'applicant' ? '申请人' : null;
    let notice = false;
    for (const e of step.events) {
      const label = e.label ?? DISCLOSURE_ACTION_LABELS[e.action as DisclosureAction] ?? e.action;
      const noticeState = e.applicantVisible && request.parentId !== null ? 'pending' : null;
      notice ||= noticeState === 'pending';
      await this.repo.appendEvent(m, { requestId: request.id, action: e.action, label, text: e.text, applicantVisible: e.applicantVisible, actorId, actorName, noticeState, createdAt: now });
    }
    // Whoever took the step (applicant, handler, head, payment, deadline task), the notice goes soon after commit, not at the next poll.
    if (notice) this.db.afterCommit(m, async () => this.bus.emit('disclosure.applicant_notice', { requestId: request.id }));
    return { ...next, ...set, version: request.version + 1, updatedAt: now } as DisclosureRequest;
  }

  /**
   * The answer deadline fields of a request as it stands: none before receipt or while a 补正
   * is outstanding; none while paused (the remaining days are shown instead); kept as last
   * computed once it is answered or closed (the yearly report's on-time count reads them).
   */
  deadlineFields(r: Pick<DisclosureRequest, 'status' | 'clockFrom' | 'receivedDate' | 'extensionDays' | 'pauses' | 'dueDate' | 'dueAt' | 'flagged' | 'suppliedAt'>, now: Date): Pick<DisclosureRequest, 'dueDate' | 'dueAt' | 'flagged'> {
    if (r.status === 'answered' || r.status === 'closed') return { dueDate: r.dueDate, dueAt: r.dueAt, flagged: r.flagged };
    if (!r.clockFrom || !r.receivedDate || r.status === 'submitted' || r.status === 'supplement_requested') return { dueDate: null, dueAt: null, flagged: false };
    const d = disclosureDeadline(
      this.calendar.current(),
      { receivedDate: r.receivedDate, supplementedDate: r.clockFrom !== r.receivedDate ? r.clockFrom : null, extensionDays: r.extensionDays, pauses: r.pauses },
      shanghaiDate(now),
    );
    if (!d.due) return { dueDate: null, dueAt: null, flagged: d.flagged };
    return { dueDate: d.due.dueDate, dueAt: shanghaiEndOfDay(d.due.dueDate), flagged: d.flagged };
  }
}
