import { Injectable } from '@nestjs/common';
import {
  REVIEW_STEP_ROLES,
  correctionRefusal,
  disclosureReasonProblem,
  isReviewStep,
  reviewRefusal,
  roundSteps,
  transitionFor,
  type NoticeRevision as NoticeRevisionView,
  type NoticeStatus,
  type PendingReview,
  type ReviewAction,
  type ReviewActor,
  type ReviewCounts,
  type ReviewLogEntry,
  type RoundContext,
  type RoundChanges,
  type SecrecyDecision,
  type StaffNoticeView,
  type StaffRole,
} from '@gongkai/shared';
import { AttachmentsService } from '../catalog/attachments/attachments.service';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { PublicCache } from '../common/cache/public-cache';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { EventBus } from '../common/events/event-bus';
import type { RequestMeta } from '../common/http/request-meta';
import type { NoticeRecord } from '../catalog/notice-record';
import { ReviewLogPort } from '../catalog/review-log.port';
import { bodyToText } from '../catalog/html-sanitizer';
import { StaffNoticesService, seesAllUnits } from '../catalog/staff-notices.service';
import { StaffCorrectionsService } from '../catalog/corrections/staff-corrections.service';
import { Db } from '../database/db';
import type { PublishDto, ReviewDto, SubmitDto, WithdrawDto } from './dto/review.dto';
import { ChangeLog } from './changes/change-log.service';
import { PublishStep } from './publish-step.service';
import { ReviewRepository, type WaitingQueue } from './review.repository';
import { diffParagraphs, diffTitle } from './text-diff';

export const STALE_MESSAGE = '该信息已被他人处理，请刷新后查看';
/** How far ahead a publication may be scheduled. */
const MAX_SCHEDULE_MS = 366 * 24 * 3600 * 1000;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const NO_META: RequestMeta = { ip: null, requestId: null };

/** What an action changes besides the status, and what its log row records. */
interface Step {
  set?: Partial<Omit<NoticeRecord, 'id' | 'version'>>;
  opinion?: string | null;
  secrecy?: SecrecyDecision | null;
  publishAt?: Date | null;
}

/** What to do once the transaction has committed. */
type AfterCommit = { published?: { at: Date; scheduled: boolean }; withdrawn?: string };

/**
 * The review chain (先审查，后公开): the state machine in @gongkai/shared says who may take which
 * action in which state and who may act in a round (four eyes); this service reads the rows those
 * rules need (the round's log and editors), records the secrecy decision and respects it, checks
 * versions (of two reviewers acting at once exactly one wins), and logs and audits every step,
 * clearing the cache and emitting an event after commit when public content changes.
 */
@Injectable()
export class ReviewService {

  constructor(
    private readonly db: Db,
    private readonly repo: ReviewRepository,
    private readonly notices: StaffNoticesService,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly publishStep: PublishStep,
    private readonly attachments: AttachmentsService,
    private readonly changeLog: ChangeLog,
    private readonly corrections: StaffCorrectionsService,
    reviewLog: ReviewLogPort,
  ) {
    // The catalog's staff views read the reader's review steps through this port (it cannot import publishing).
    reviewLog.provide((staffId, noticeIds) => this.repo.stepsOf(staffId, noticeIds));
  }

  submit(staff: StaffPrincipal, id: number, dto: SubmitDto, meta: RequestMeta): Promise<StaffNoticeView> {
    return this.act(staff, id, 'submit', dto.version, meta, (n) => ({ set: { round: n.round + 1, publishable: null } }));
  }

  review(staff: StaffPrincipal, id: number, dto: ReviewDto, meta: RequestMeta): Promise<StaffNoticeView> {
    return this.act(staff, id, dto.action, dto.version, meta, (n) => {
      const opinion = dto.opinion?.trim() || null;
      if (dto.action === 'return') {
        if (!opinion) throw ApiError.field('opinion', '退回须填写审核意见');
        return { opinion };
      }
      if (n.status !== 'secrecy_review') {
        if (dto.secrecy) throw ApiError.field('secrecy', '只有保密审查环节填写保密审查结论');
        return { opinion };
      }
      const decision = dto.secrecy;
      if (!decision) throw new ApiError(400, 'SECRECY_DECISION_REQUIRED', '保密审查通过须填写审查结论：是否可以公开及公开方式');
      const reason = decision.disclosure === 'proactive' ? null : decision.disclosureReason?.trim() || null;
      const problem = disclosureReasonProblem(decision.disclosure, reason);
      if (problem) throw ApiError.field('secrecy.disclosureReason', problem);
      const secrecy: SecrecyDecision = { publishable: decision.publishable, disclosure: decision.disclosure, disclosureReason: reason };
      return { opinion, secrecy, set: { publishable: decision.publishable, disclosure: decision.disclosure, disclosureReason: reason } };
    });
  }

  /** The release centre (信息发布中心) registers the notice: publishes it now, or schedules it. */
  registration(staff: StaffPrincipal, id: number, dto: PublishDto, meta: RequestMeta): Promise<StaffNoticeView> {
    const action: ReviewAction = dto.publishAt === undefined ? 'publish' : 'schedule';
    return this.act(staff, id, action, dto.version, meta, (n) => {
      if (n.publishable === null) throw new ApiError(409, 'SECRECY_DECISION_REQUIRED', '该信息没有保密审查结论，不能发布');
      if (n.publishable === false) throw new ApiError(409, 'NOT_PUBLISHABLE', '保密审查结论为不得公开，该信息不能发布');
      if (action === 'publish') return {};
      const publishAt = parsePublishAt(dto.publishAt!, this.clock.nowMs());
      return { publishAt, set: { publishAt } };
    });
  }

  unschedule(staff: StaffPrincipal, id: number, dto: SubmitDto, meta: RequestMeta): Promise<StaffNoticeView> {
    return this.act(staff, id, 'unschedule', dto.version, meta, () => ({ set: { publishAt: null } }));
  }

  withdraw(staff: StaffPrincipal, id: number, dto: WithdrawDto, meta: RequestMeta): Promise<StaffNoticeView> {
    return this.act(staff, id, 'withdraw', dto.version, meta, () => ({ opinion: dto.reason }));
  }

  /**
   * The scheduler's publish of one due notice, in its own transaction. Only one instance wins
   * the conditional update; the others find it published (or changed) and skip it. Returns
   * whether this call published it.
   */
  async publishDue(id: number): Promise<boolean> {
    const now = this.clock.now();
    const published = await this.db.transaction(async (m) => {
      const notice = await this.notices.record(id, m);
      if (!notice || notice.status !== 'scheduled' || !notice.publishAt || notice.publishAt > now) return false;
      const before = await this.notices.snapshot(id, m);
      try {
        await this.publishStep.inTransaction(m, notice, now, STALE_MESSAGE);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CONFLICT') return false;
        throw error;
      }
      await this.repo.appendReview(m, {
        noticeId: id,
        round: notice.round,
        fromStatus: 'scheduled',
        toStatus: 'published',
        action: 'publish_due',
        actorId: null,
        actorName: null,
        role: 'system',
        opinion: null,
        secrecy: null,
        publishAt: notice.publishAt,
        createdAt: now,
      });
      await this.audit.record(m, null, NO_META, { action: 'notice.publish_due', entityType: 'notice', entityId: id, before, after: await this.notices.snapshot(id, m) });
      return true;
    });
    if (published) this.afterCommit(id, { published: { at: now, scheduled: true } });
    return published;
  }

  async reviews(staff: StaffPrincipal, id: number): Promise<ReviewLogEntry[]> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    await this.notices.visible(staff, id);
    return (await this.repo.reviews(id)).map((r) => ({
      id: r.id,
      round: r.round,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      action: r.action,
      actorId: r.actorId,
      actorName: r.actorName,
      role: r.role,
      opinion: r.opinion,
      secrecy: r.secrecy,
      correctionId: r.correctionId,
      publishAt: r.publishAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async revisions(staff: StaffPrincipal, id: number): Promise<NoticeRevisionView[]> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    await this.notices.visible(staff, id);
    // Uploaded images with signed links, so a reviewer sees them before the notice is public.
    return (await this.repo.revisions(id)).map((r) => ({ round: r.round, title: r.title, bodyHtml: this.attachments.staffBody(r.bodyHtml), submittedAt: r.submittedAt.toISOString() }));
  }

  /** What changed between the last two rounds; null before a second round. */
  async changes(staff: StaffPrincipal, id: number): Promise<RoundChanges | null> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    await this.notices.visible(staff, id);
    const rows = await this.repo.lastTwoRevisions(id);
    if (rows.length < 2) return null;
    const [before, after] = rows as [(typeof rows)[0], (typeof rows)[0]];
    return {
      fromRound: before.round,
      toRound: after.round,
      title: diffTitle(before.title, after.title),
      body: diffParagraphs(bodyToText(before.bodyHtml), bodyToText(after.bodyHtml)),
    };
  }

  /**
   * What waits for the caller, oldest first: notices and corrections (更正) of published ones,
   * never their own, nor a correction of their own notice, nor a round they may not approve or
   * publish (they took another step of it, or edited it).
   */
  async pending(staff: StaffPrincipal): Promise<PendingReview[]> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    const queues: WaitingQueue[] = [];
    if (staff.roles.includes(REVIEW_STEP_ROLES.unit_review)) queues.push({ statuses: ['unit_review'], unitId: staff.unitId });
    if (staff.roles.includes(REVIEW_STEP_ROLES.secrecy_review)) queues.push({ statuses: ['secrecy_review'] });
    if (staff.roles.includes(REVIEW_STEP_ROLES.leader_approval)) queues.push({ statuses: ['leader_approval'] });
    if (staff.roles.includes('publisher')) queues.push({ statuses: ['approved', 'scheduled'] });
    const [waiting, corrections] = await Promise.all([this.repo.waiting(queues, staff.id), this.repo.waitingCorrections(queues, staff.id)]);
    const { acted, edited } = await this.repo.involvement(staff.id, [...waiting.map((n) => n.id), ...corrections.map((w) => w.correction.noticeId)]);
    const part = (noticeId: number, authorId: number, round: number): RoundContext => ({
      actorId: staff.id,
      authorId,
      editorIds: edited.filter((e) => e.noticeId === noticeId && e.round === round).map((e) => e.staffId),
      earlierSteps: roundSteps(acted.filter((r) => r.noticeId === noticeId), round),
    });
    const items = [
      ...waiting
        .filter((n) => !reviewRefusal(n.status, isReviewStep(n.status) ? 'approve' : 'publish', staff.roles, part(n.id, n.authorId, n.round)))
        .map((n) => ({ noticeId: n.id, correctionId: null, title: n.title, unitId: n.unitId, categoryId: n.categoryId, authorId: n.authorId, status: n.status, round: n.round, version: n.version, since: n.statusChangedAt ?? n.updatedAt })),
      ...corrections
        .filter(({ correction: c, noticeAuthorId }) => {
          const status = c.status as NoticeStatus;
          return !correctionRefusal(c.status, isReviewStep(status) ? 'approve' : 'publish', staff.roles, { ...part(c.noticeId, c.authorId, c.round), noticeAuthorId });
        })
        .map(({ correction: c, unitId, categoryId }) => ({ noticeId: c.noticeId, correctionId: c.id, title: c.title, unitId, categoryId, authorId: c.authorId, status: c.status as NoticeStatus, round: c.round, version: c.version, since: c.updatedAt })),
    ].sort((a, b) => a.since.getTime() - b.since.getTime() || a.noticeId - b.noticeId);
    const names = await this.repo.names({
      units: [...new Set(items.map((r) => r.unitId))],
      categories: [...new Set(items.map((r) => r.categoryId))],
      staff: [...new Set(items.map((r) => r.authorId))],
    });
    const now = this.clock.nowMs();
    return items.map((n) => {
      const unit = names.units.get(n.unitId);
      return {
        noticeId: n.noticeId,
        title: n.title,
        unitCode: unit?.code ?? '',
        unitName: unit?.name ?? '',
        categoryCode: names.categories.get(n.categoryId)?.code ?? '',
        authorName: names.staff.get(n.authorId) ?? '',
        status: n.status,
        step: n.status as PendingReview['step'],
        round: n.round,
        correctionId: n.correctionId,
        version: n.version,
        waitingSince: n.since.toISOString(),
        waitingSeconds: Math.max(0, Math.floor((now - n.since.getTime()) / 1000)),
      };
    });
  }

  /** How many notices and corrections (更正) wait at each step, among those the caller may see. */
  async counts(staff: StaffPrincipal): Promise<ReviewCounts> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    const counts: ReviewCounts = { unit_review: 0, secrecy_review: 0, leader_approval: 0, approved: 0, scheduled: 0, returned: 0 };
    const unitId = seesAllUnits(staff) ? null : staff.unitId;
    const statuses = Object.keys(counts) as NoticeStatus[];
    const [notices, corrections] = await Promise.all([this.repo.countByStatus(statuses, unitId), this.repo.countCorrectionsByStatus(statuses, unitId)]);
    for (const key of Object.keys(counts) as (keyof ReviewCounts)[]) counts[key] = (notices.get(key) ?? 0) + (corrections.get(key) ?? 0);
    return counts;
  }

  /**
   * One step of the chain in one transaction: the version must match, the state machine must
   * allow the caller's roles and the four-eyes rules the caller's part in this round (nobody acts
   * on their own notice except to submit it, nor on two steps of one round, nor approves a round
   * they edited), then a conditional update, a log row (and on submit the round's revision), and
   * an audit row. The conditional update makes the check and the step one: a step taken by
   * someone else meanwhile changed the version.
   */
  private async act(
    staff: StaffPrincipal,
    id: number,
    action: ReviewAction,
    version: number,
    meta: RequestMeta,
    plan: (notice: NoticeRecord) => Step,
  ): Promise<StaffNoticeView> {
    const now = this.clock.now();
    const after = await this.db.transaction(async (m): Promise<AfterCommit> => {
      const notice = await this.notices.visible(staff, id, m);
      if (notice.version !== version) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      const own = notice.authorId === staff.id;
      const actors: ReviewActor[] = [...staff.roles, ...(own ? (['author'] as const) : [])];
      const part: RoundContext = {
        actorId: staff.id,
        authorId: notice.authorId,
        editorIds: await this.repo.roundEditors(m, id, notice.round),
        earlierSteps: roundSteps(await this.repo.roundLog(m, id, notice.round), notice.round),
      };
      const problem = reviewRefusal(notice.status, action, actors, part);
      if (problem) throw new ApiError(403, problem.code, problem.message);
      const transition = transitionFor(notice.status, action)!;
      const role: ReviewActor = action === 'submit' ? 'author' : transition.actors.find((a): a is StaffRole => staff.roles.includes(a as StaffRole))!;
      const step = plan(notice);
      const before = await this.notices.snapshot(id, m);

      const round = action === 'submit' ? notice.round + 1 : notice.round;
      if (action === 'publish') {
        await this.publishStep.inTransaction(m, notice, now, STALE_MESSAGE);
      } else {
        const moved = await this.repo.transition(m, id, version, { ...step.set, status: transition.to, statusChangedAt: now, updatedAt: now });
        if (!moved) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
        if (action === 'withdraw') {
          await this.cache.bump(m);
          // The reason is the reviewers' opinion, not a public statement: the log says only that it was withdrawn.
          if (notice.disclosure === 'proactive') await this.changeLog.record(m, id, 'withdrawn', now);
          // A correction of it can no longer be applied.
          await this.corrections.cancelOpen(m, notice);
        }
      }
      await this.repo.appendReview(m, {
        noticeId: id,
        round,
        fromStatus: notice.status,
        toStatus: transition.to,
        action,
        actorId: staff.id,
        actorName: await this.repo.displayName(m, staff.id),
        role,
        opinion: step.opinion ?? null,
        secrecy: step.secrecy ?? null,
        publishAt: step.publishAt ?? null,
        createdAt: now,
      });
      if (action === 'submit') await this.repo.appendRevision(m, { noticeId: id, round, title: notice.title, bodyHtml: notice.bodyHtml, submittedAt: now });
      await this.audit.record(m, staff, meta, { action: `notice.${action}`, entityType: 'notice', entityId: id, before, after: await this.notices.snapshot(id, m) });
      if (action === 'publish') return { published: { at: now, scheduled: false } };
      if (action === 'withdraw') return { withdrawn: step.opinion ?? '' };
      return {};
    });
    this.afterCommit(id, after);
    return this.notices.view(staff, id);
  }

  private afterCommit(id: number, after: AfterCommit): void {
    if (after.published) this.publishStep.announce(id, after.published.at, after.published.scheduled);
    if (after.withdrawn !== undefined) {
      this.cache.clear();
      this.events.emit('notice.withdrawn', { noticeId: id, reason: after.withdrawn });
    }
  }
}

/** A future time with its zone, at most a year ahead of `nowMs`. */
function parsePublishAt(text: string, nowMs: number): Date {
  const at = ISO_WITH_ZONE.test(text.trim()) ? new Date(text.trim()) : null;
  if (!at || Number.isNaN(at.getTime())) throw new ApiError(400, 'PUBLISH_TIME_INVALID', '发布时间格式有误，须为含时区的 ISO 8601 时间，如 2026-12-01T09:00:00+08:00');
  if (at.getTime() <= nowMs) throw new ApiError(400, 'PUBLISH_TIME_INVALID', '定时发布的时间须晚于当前时间');
  if (at.getTime() > nowMs + MAX_SCHEDULE_MS) throw new ApiError(400, 'PUBLISH_TIME_INVALID', '定时发布的时间不能超过一年');
  return at;
}
