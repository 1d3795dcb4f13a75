import { Injectable } from '@nestjs/common';
import {
  correctionLogStatus,
  correctionRefusal,
  correctionTransition,
  roundSteps,
  type CorrectionAction,
  type CorrectionRound,
  type ReviewActor,
  type StaffCorrectionView,
  type StaffRole,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { PublicCache } from '../../common/cache/public-cache';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import type { NoticeRecord } from '../../catalog/notice-record';
import { NO_OPEN_CORRECTION, StaffCorrectionsService, type CorrectionRecord } from '../../catalog/corrections/staff-corrections.service';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import { Db } from '../../database/db';
import { ChangeLog } from '../changes/change-log.service';
import { ReviewRepository } from '../review.repository';
import { STALE_MESSAGE } from '../review.service';
import type { CorrectionReviewDto, CorrectionStepDto } from './correction-flow.dto';

/**
 * A correction's (更正) way through the review chain, as a new round of its notice: the shared
 * correction flow says who may take which step (the chain's roles and four-eyes rules, and the
 * notice's author reviews no correction of it); each step is one transaction with the version
 * checked, a row in the notice's review log (marked with the correction) and an audit row. The
 * submission starts the notice's next round and records its revision, so the revision history and
 * the diff between rounds show what the correction changes. The registration applies it: the
 * notice's content replaced (索引号 and published time kept), an `updated` entry in the change log
 * for every channel, the public cache renewed.
 */
@Injectable()
export class CorrectionFlowService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReviewRepository,
    private readonly notices: StaffNoticesService,
    private readonly corrections: StaffCorrectionsService,
    private readonly changeLog: ChangeLog,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  submit(staff: StaffPrincipal, noticeId: number, dto: CorrectionStepDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.act(staff, noticeId, 'submit', dto.version, meta);
  }

  review(staff: StaffPrincipal, noticeId: number, dto: CorrectionReviewDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    const opinion = dto.opinion?.trim() || null;
    if (dto.action === 'return' && !opinion) throw ApiError.field('opinion', '退回须填写审核意见');
    return this.act(staff, noticeId, dto.action, dto.version, meta, opinion);
  }

  /** The release centre registers the approved correction: it is applied to the notice at once (never scheduled). */
  registration(staff: StaffPrincipal, noticeId: number, dto: CorrectionStepDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.act(staff, noticeId, 'publish', dto.version, meta);
  }

  cancel(staff: StaffPrincipal, noticeId: number, dto: CorrectionStepDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.act(staff, noticeId, 'cancel', dto.version, meta);
  }

  private async act(staff: StaffPrincipal, noticeId: number, action: CorrectionAction, version: number, meta: RequestMeta, opinion: string | null = null): Promise<StaffCorrectionView> {
    const now = this.clock.now();
    const { correctionId, applied } = await this.db.transaction(async (m) => {
      const notice = await this.notices.visible(staff, noticeId, m);
      const c = await this.corrections.open(m, noticeId);
      if (!c) throw ApiError.notFound(NO_OPEN_CORRECTION);
      if (c.version !== version) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      const own = c.authorId === staff.id;
      const actors: ReviewActor[] = [...staff.roles, ...(own ? (['author'] as const) : [])];
      const part: CorrectionRound = {
        actorId: staff.id,
        authorId: c.authorId,
        noticeAuthorId: notice.authorId,
        editorIds: await this.repo.roundEditors(m, noticeId, c.round),
        earlierSteps: roundSteps(await this.repo.roundLog(m, noticeId, c.round), c.round),
      };
      const problem = correctionRefusal(c.status, action, actors, part);
      if (problem) throw new ApiError(403, problem.code, problem.message);
      // A withdrawal cancels the open correction in its own transaction; this is the check that makes sure.
      if (notice.status !== 'published') throw new ApiError(409, 'NOTICE_NOT_PUBLISHED', '该信息已不在发布状态，不能更正');
      const transition = correctionTransition(c.status, action)!;
      const role: ReviewActor = action === 'submit' || action === 'cancel' ? 'author' : transition.actors.find((a): a is StaffRole => staff.roles.includes(a as StaffRole))!;
      const before = await this.corrections.snapshot(c.id, m);
      const round = action === 'submit' ? notice.round + 1 : c.round;

      if (action === 'cancel') {
        if (!(await this.corrections.cancel(m, notice, c))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      } else if (action === 'publish') {
        await this.apply(m, notice, c, now);
      } else {
        if (action === 'submit') await this.startRound(m, notice, c, round, now);
        if (!(await this.corrections.move(m, c, { status: transition.to, round }))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
      }
      // Cancelling a draft or returned correction is no step of a round: the audit log keeps it.
      if (action !== 'cancel') {
        await this.repo.appendReview(m, {
          noticeId,
          round,
          fromStatus: correctionLogStatus(c.status),
          toStatus: correctionLogStatus(transition.to),
          action,
          actorId: staff.id,
          actorName: await this.repo.displayName(m, staff.id),
          role,
          opinion,
          secrecy: null,
          publishAt: null,
          correctionId: c.id,
          createdAt: now,
        });
      }
      await this.audit.record(m, staff, meta, { action: `notice.correction_${action}`, entityType: 'notice_correction', entityId: c.id, before, after: await this.corrections.snapshot(c.id, m) });
      return { correctionId: c.id, applied: action === 'publish' };
    });
    if (applied) this.cache.clear();
    return this.corrections.viewById(staff, correctionId);
  }

  /**
   * The submission opens the notice's next round (conditional on the notice's version, so a
   * withdrawal meanwhile fails this step) and records what goes into review as the round's revision.
   */
  private async startRound(m: EntityManager, notice: NoticeRecord, c: CorrectionRecord, round: number, now: Date): Promise<void> {
    if (c.title === notice.title && c.summary === notice.summary && c.documentNo === notice.documentNo && c.bodyHtml === notice.bodyHtml) {
      throw new ApiError(400, 'CORRECTION_UNCHANGED', '更正后的标题、摘要、文号和正文与已发布的内容相同，请修改后再提交');
    }
    if (!(await this.repo.transition(m, notice.id, notice.version, { round }))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
    await this.repo.appendRevision(m, { noticeId: notice.id, round, title: c.title, bodyHtml: c.bodyHtml, submittedAt: now });
  }

  /**
   * Applies the correction: the notice's content replaced (索引号, published time and attachments
   * kept), and for a 主动公开 notice an `updated` change, which the feeds, the change feed and the
   * portal pushes carry. The public cache is bumped here and cleared after commit.
   */
  private async apply(m: EntityManager, notice: NoticeRecord, c: CorrectionRecord, now: Date): Promise<void> {
    if (!(await this.corrections.apply(m, notice, c, now))) throw new ApiError(409, 'CONFLICT', STALE_MESSAGE);
    if (notice.disclosure === 'proactive') await this.changeLog.record(m, notice.id, 'updated', now);
    await this.cache.bump(m);
  }
}
