import { Injectable } from '@nestjs/common';
import { EDITABLE_CORRECTION_STATUSES, mayCorrect, type StaffCorrectionView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db, isDuplicateKey } from '../../database/db';
import { AttachmentsService } from '../attachments/attachments.service';
import { bodyToText, sanitizeBody } from '../html-sanitizer';
import type { NoticeRecord } from '../notice-record';
import { ReviewLogPort } from '../review-log.port';
import { StaffNoticesRepository } from '../staff-notices.repository';
import { StaffNoticesService } from '../staff-notices.service';
import type { CorrectionStartDto, CorrectionUpdateDto } from './correction.dto';
import type { CorrectionRecord } from './correction-record';
import { actionsOn, editorsOf } from './correction-summaries';
import { CorrectionsRepository, type CorrectionColumns } from './corrections.repository';

export type { CorrectionRecord } from './correction-record';

/** A correction as the audit log records it (no signed links, no reader's actions). */
export type CorrectionSnapshot = Omit<StaffCorrectionView, 'actions' | 'refusals' | 'authorName'>;

export const NO_OPEN_CORRECTION = '该信息没有进行中的更正';
const CORRECTION_OPEN = () => new ApiError(409, 'CORRECTION_OPEN', '该信息已有进行中的更正，请在其完成或取消后再发起新的更正');
const STALE = () => new ApiError(409, 'CONFLICT', '该更正已被他人修改，请刷新后再编辑');

/**
 * The content of corrections (更正) of published notices, owned like drafts by the catalog:
 * starting one from the published text, editing it while it is a draft or returned, reading it,
 * and applying it to the notice (title, summary, 文号 and body replaced; 索引号, published time
 * and attachments kept). Publishing moves corrections through the review chain and calls `apply`
 * at the registration. What the public reads of applied ones is `NoticesService`'s.
 */
@Injectable()
export class StaffCorrectionsService {
  constructor(
    private readonly db: Db,
    private readonly repo: CorrectionsRepository,
    private readonly notices: StaffNoticesService,
    private readonly noticeRows: StaffNoticesRepository,
    private readonly attachments: AttachmentsService,
    private readonly reviewLog: ReviewLogPort,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts a correction of a published notice from its published content with `dto`'s changes.
   * Who may: whoever may write the notice's unit's drafts. One open correction per notice: the
   * unique `open_notice_id` makes that one step; a second start meets the duplicate key (409).
   */
  async start(staff: StaffPrincipal, noticeId: number, dto: CorrectionStartDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    const notice = await this.notices.visible(staff, noticeId);
    if (!mayCorrect(staff.roles, notice.unitId === staff.unitId)) throw ApiError.forbidden('只能更正本单位的信息');
    if (notice.status !== 'published') throw notPublished();
    if (await this.repo.findOpen(noticeId)) throw CORRECTION_OPEN();
    const now = this.clock.now();
    const fields = this.fields(dto, notice);
    let id: number;
    try {
      id = await this.db.transaction(async (m) => {
        // Locked, so a withdrawal of the notice waits for this start (and then cancels it), or this one sees it withdrawn.
        if ((await this.repo.lockNoticeStatus(m, noticeId)) !== 'published') throw notPublished();
        await this.checkBodyImages(m, staff, noticeId, fields.bodyHtml);
        const correctionId = await this.repo.insert(m, {
          noticeId,
          openNoticeId: noticeId,
          round: 0,
          status: 'draft',
          title: fields.title,
          summary: fields.summary,
          documentNo: fields.documentNo,
          bodyHtml: fields.bodyHtml,
          bodyText: fields.bodyText,
          note: dto.note,
          authorId: staff.id,
          version: 1,
          createdAt: now,
          updatedAt: now,
          appliedAt: null,
        });
        // The correction's author wrote what reviewers read: four eyes keeps them off approving it.
        await this.noticeRows.recordEditor(m, noticeId, notice.round + 1, staff.id);
        await this.audit.record(m, staff, meta, { action: 'notice.correction_start', entityType: 'notice_correction', entityId: correctionId, after: await this.snapshot(correctionId, m) });
        return correctionId;
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw CORRECTION_OPEN();
      throw error;
    }
    return this.viewById(staff, id);
  }

  /** Edits the open correction while it is a draft or returned (its author, or an admin), recording who edited the round. */
  async update(staff: StaffPrincipal, noticeId: number, dto: CorrectionUpdateDto, meta: RequestMeta): Promise<StaffCorrectionView> {
    const notice = await this.notices.visible(staff, noticeId);
    const c = await this.repo.findOpen(noticeId);
    if (!c) throw ApiError.notFound(NO_OPEN_CORRECTION);
    if (c.authorId !== staff.id && !staff.roles.includes('admin')) throw ApiError.forbidden('只能修改自己发起的更正');
    if (!EDITABLE_CORRECTION_STATUSES.includes(c.status)) throw new ApiError(409, 'CORRECTION_NOT_EDITABLE', '该更正已进入审核，不能修改');
    if (dto.version !== c.version) throw STALE();
    const fields = this.fields(dto, c);
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const before = await this.snapshot(c.id, m);
      await this.checkBodyImages(m, staff, noticeId, fields.bodyHtml);
      const set: CorrectionColumns = { ...fields, updatedAt: now, ...(dto.note !== undefined ? { note: dto.note } : {}) };
      if (!(await this.repo.updateIfVersion(m, c.id, c.version, set))) throw STALE();
      // Everything of a correction is public (the 更正说明 too): whoever changed any of it does not approve the round.
      const changed = fields.title !== c.title || fields.summary !== c.summary || fields.documentNo !== c.documentNo || fields.bodyHtml !== c.bodyHtml || (dto.note !== undefined && dto.note !== c.note);
      if (changed) await this.noticeRows.recordEditor(m, noticeId, notice.round + 1, staff.id);
      await this.audit.record(m, staff, meta, { action: 'notice.correction_update', entityType: 'notice_correction', entityId: c.id, before, after: await this.snapshot(c.id, m) });
    });
    return this.viewById(staff, c.id);
  }

  /** The notice's open correction as `staff` sees it (404 when none is open or the notice is not theirs to see). */
  async view(staff: StaffPrincipal, noticeId: number): Promise<StaffCorrectionView> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    await this.notices.visible(staff, noticeId);
    const c = await this.repo.findOpen(noticeId);
    if (!c) throw ApiError.notFound(NO_OPEN_CORRECTION);
    return this.viewById(staff, c.id);
  }

  /** One correction (open or not) as `staff` sees it, with what they may do with it. */
  async viewById(staff: StaffPrincipal, id: number): Promise<StaffCorrectionView> {
    await this.db.settled();
    const c = await this.repo.findById(id);
    if (!c) throw ApiError.notFound(NO_OPEN_CORRECTION);
    const notice = await this.notices.visible(staff, c.noticeId);
    const [editors, log, names] = await Promise.all([this.repo.editors([c.noticeId]), this.reviewLog.stepsOf(staff.id, [c.noticeId]), this.repo.displayNames([c.authorId])]);
    const editorIds = editorsOf(c, notice, editors);
    return {
      ...toSnapshot(c, editorIds),
      bodyHtml: this.attachments.staffBody(c.bodyHtml),
      authorName: names.get(c.authorId) ?? '',
      ...actionsOn(c, notice, staff, editorIds, log),
    };
  }

  /** The notice's open correction, read through the caller's transaction; null when none. */
  open(m: EntityManager, noticeId: number): Promise<CorrectionRecord | null> {
    return this.repo.findOpen(noticeId, m);
  }

  /** Moves the correction on (status, round) only if nobody changed it since `version`; false if someone did. */
  move(m: EntityManager, c: Pick<CorrectionRecord, 'id' | 'version'>, set: Pick<CorrectionColumns, 'status' | 'round'>): Promise<boolean> {
    return this.repo.updateIfVersion(m, c.id, c.version, { ...set, updatedAt: this.clock.now() });
  }

  /**
   * Applies an approved correction to its notice in the caller's transaction: title, summary, 文号
   * and body replaced (both updates conditional on the versions read; false if either changed);
   * the 索引号, published time, attachments and everything else stay.
   */
  async apply(m: EntityManager, notice: Pick<NoticeRecord, 'id' | 'version'>, c: CorrectionRecord, at: Date): Promise<boolean> {
    const noticeMoved = await this.noticeRows.updateIfVersion(m, notice.id, notice.version, {
      title: c.title,
      summary: c.summary,
      documentNo: c.documentNo,
      bodyHtml: c.bodyHtml,
      bodyText: c.bodyText,
      updatedAt: at,
    });
    if (!noticeMoved) return false;
    return this.repo.updateIfVersion(m, c.id, c.version, { status: 'applied', openNoticeId: null, appliedAt: at, updatedAt: at });
  }

  /**
   * Cancels the correction (its author, while a draft or returned) and forgets who edited the
   * round it never submitted; false if someone changed it since `version`.
   */
  async cancel(m: EntityManager, notice: Pick<NoticeRecord, 'id' | 'round'>, c: Pick<CorrectionRecord, 'id' | 'version'>): Promise<boolean> {
    if (!(await this.repo.updateIfVersion(m, c.id, c.version, { status: 'cancelled', openNoticeId: null, updatedAt: this.clock.now() }))) return false;
    await this.repo.forgetEditors(m, notice.id, notice.round + 1);
    return true;
  }

  /** The notice is withdrawn: its open correction, if any, is cancelled in the same transaction. */
  async cancelOpen(m: EntityManager, notice: Pick<NoticeRecord, 'id' | 'round'>): Promise<void> {
    if (await this.repo.cancelOpen(m, notice.id, this.clock.now())) await this.repo.forgetEditors(m, notice.id, notice.round + 1);
  }

  /** What the audit log records of a correction, read through `m`. */
  async snapshot(id: number, m?: EntityManager): Promise<CorrectionSnapshot> {
    const c = (await this.repo.findById(id, m))!;
    const notice = (await this.notices.record(c.noticeId, m))!;
    return toSnapshot(c, editorsOf(c, notice, await this.repo.editors([c.noticeId], m)));
  }

  /** The correction's content after `dto`: fields left out keep `base`'s values; the body is sanitised like a notice's. */
  private fields(dto: CorrectionUpdateDto | CorrectionStartDto, base: Pick<NoticeRecord, 'title' | 'summary' | 'documentNo' | 'bodyHtml' | 'bodyText'>) {
    const bodyHtml = dto.bodyHtml !== undefined ? sanitizeBody(dto.bodyHtml) : base.bodyHtml;
    const bodyText = dto.bodyHtml !== undefined ? bodyToText(bodyHtml) : base.bodyText;
    if (!bodyText && !/<img\b/i.test(bodyHtml)) throw ApiError.field('bodyHtml', '正文不能为空');
    return {
      title: dto.title ?? base.title,
      summary: dto.summary ?? base.summary,
      documentNo: dto.documentNo !== undefined ? dto.documentNo || null : base.documentNo,
      bodyHtml,
      bodyText,
    };
  }

  /** Uploaded images in the body must be among the notice's files (a correction keeps the attachments as published). */
  private async checkBodyImages(m: EntityManager, staff: StaffPrincipal, noticeId: number, bodyHtml: string): Promise<void> {
    const files = (await this.notices.snapshot(noticeId, m)).attachments.flatMap((a) => (a.fileId ? [a.fileId] : []));
    await this.attachments.resolveForNotice(m, staff, files, undefined, bodyHtml);
  }
}

function notPublished(): ApiError {
  return new ApiError(409, 'NOTICE_NOT_PUBLISHED', '只有已发布的信息才能更正');
}

function toSnapshot(c: CorrectionRecord, editorIds: number[]): CorrectionSnapshot {
  return {
    id: c.id,
    noticeId: c.noticeId,
    status: c.status,
    round: c.round,
    title: c.title,
    summary: c.summary,
    documentNo: c.documentNo,
    bodyHtml: c.bodyHtml,
    note: c.note,
    authorId: c.authorId,
    editorIds,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    appliedAt: c.appliedAt?.toISOString() ?? null,
  };
}
