import { Injectable } from '@nestjs/common';
import { formatIndexNo, parseIndexNo, shanghaiYear } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { PublicCache } from '../../common/cache/public-cache';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { StaffNoticesService, type CheckedNotice } from '../../catalog/staff-notices.service';
import type { NoticeDraftDto } from '../../catalog/dto/notice-draft.dto';
import { Db } from '../../database/db';
import { ChangeLog } from '../changes/change-log.service';
import { PublishStepRepository } from '../publish-step.repository';
import { LegacyPublishRepository } from './legacy-publish.repository';

/** A legacy item as it is published: the source's date, 文号 and 索引号, and the page it came from. */
export interface LegacyPublication {
  publishedAt: Date;
  /** The source's 索引号, kept when free; null: one is given as for any notice. */
  indexNo: string | null;
  /** The source page: the portal's own address of the notice (the public pages' canonical). */
  portalUrl: string;
}

/** The largest 索引号 the column holds. */
const INDEX_NO_MAX = 80;

/**
 * Legacy items published as they were on the old site or the portal (`portal import` with mode
 * "published"): they were public there already, so they skip the review chain; they keep their
 * original date, 文号 and 索引号 and enter the change log (feeds, change feed, portal pushes see
 * them). No `notice.published` event: parents are not sent years-old notices. The caller's
 * transaction commits the notice with its import record.
 */
@Injectable()
export class LegacyPublish {
  constructor(
    private readonly db: Db,
    private readonly repo: LegacyPublishRepository,
    private readonly sequences: PublishStepRepository,
    private readonly staffNotices: StaffNoticesService,
    private readonly changes: ChangeLog,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Publishes a checked draft (`StaffNoticesService.checkDraft`, before the transaction) as a
   * legacy item in `m`. The source's 索引号 is kept when it fits and no notice has it; then, if it
   * is in our own format, its scope's sequence is raised past it so no later notice is given it.
   * Otherwise the notice gets a new 索引号 of the year it was published; `note` says so.
   */
  async publishIn(m: EntityManager, author: StaffPrincipal, dto: NoticeDraftDto, checked: CheckedNotice, legacy: LegacyPublication, meta: RequestMeta): Promise<{ id: number; indexNo: string; note: string | null }> {
    const now = this.clock.now();
    const id = await this.staffNotices.createIn(m, author, dto, checked, meta);
    const draft = (await this.staffNotices.record(id, m))!;
    const { indexNo, note } = await this.indexNoFor(m, id, legacy);
    if (!(await this.repo.markPublished(m, id, draft.version, { publishedAt: legacy.publishedAt, indexNo, portalUrl: legacy.portalUrl, at: now }))) {
      throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请重试');
    }
    await this.changes.record(m, id, 'published', legacy.publishedAt);
    await this.audit.record(m, author, meta, { action: 'notice.legacy_publish', entityType: 'notice', entityId: id, after: { indexNo, publishedAt: legacy.publishedAt.toISOString(), portalUrl: legacy.portalUrl } });
    await this.cache.bump(m);
    this.db.afterCommit(m, async () => this.cache.clear());
    return { id, indexNo, note };
  }

  /**
   * The source page changed: its published legacy item takes the new content (checked as a draft
   * is, before the transaction; 索引号 kept) if it is still published and at `version`; an
   * `updated` change follows it everywhere. False if it is not.
   */
  async updateIn(m: EntityManager, author: StaffPrincipal, id: number, version: number, dto: NoticeDraftDto, checked: CheckedNotice, legacy: Omit<LegacyPublication, 'indexNo'>, meta: RequestMeta): Promise<boolean> {
    const c = checked.columns;
    const now = this.clock.now();
    const before = await this.staffNotices.snapshot(id, m);
    const content = { title: c.title!, documentNo: c.documentNo ?? null, bodyHtml: c.bodyHtml!, bodyText: c.bodyText!, categoryId: c.categoryId!, unitId: c.unitId!, infoType: c.infoType!, publishedAt: legacy.publishedAt, portalUrl: legacy.portalUrl };
    if (!(await this.repo.replaceContent(m, id, version, content, now))) return false;
    const links = (dto.attachments ?? []).flatMap((a) => ('url' in a && a.url ? [{ name: a.name, url: a.url }] : []));
    await this.repo.replaceChildren(m, id, checked.topicIds, links);
    await this.changes.record(m, id, 'updated', now);
    await this.audit.record(m, author, meta, { action: 'notice.legacy_update', entityType: 'notice', entityId: id, before, after: await this.staffNotices.snapshot(id, m) });
    await this.cache.bump(m);
    this.db.afterCommit(m, async () => this.cache.clear());
    return true;
  }

  private async indexNoFor(m: EntityManager, id: number, legacy: LegacyPublication): Promise<{ indexNo: string; note: string | null }> {
    const original = legacy.indexNo?.trim() || null;
    let note: string | null = null;
    if (original && [...original].length <= INDEX_NO_MAX && !(await this.repo.indexNoTaken(m, original))) {
      const ours = parseIndexNo(original);
      if (ours) await this.repo.raiseSequence(m, `${ours.unitCode}/${ours.categoryCode}/${ours.year}`, ours.sequence);
      return { indexNo: original, note };
    }
    if (original) note = [...original].length > INDEX_NO_MAX ? `索引号 "${original.slice(0, 40)}…" is longer than ${INDEX_NO_MAX} characters` : `索引号 ${original} is already another notice's`;
    const { unitCode, categoryCode } = await this.sequences.codes(m, id);
    const year = shanghaiYear(legacy.publishedAt);
    const scope = `${unitCode}/${categoryCode}/${year}`;
    // A number kept from an older import may sit ahead of the sequence: skip to a free one.
    for (;;) {
      const indexNo = formatIndexNo(unitCode, categoryCode, year, await this.sequences.nextIndexSequence(m, scope));
      if (!(await this.repo.indexNoTaken(m, indexNo))) return { indexNo, note: note ? `${note}; gave it ${indexNo}` : null };
    }
  }
}
