import { Injectable, type OnModuleInit } from '@nestjs/common';
import { INQUIRY_PARENT_STATUS_LABELS, INQUIRY_RATING_LABELS, inquiryKind, isOpenInquiry, parentInquiryStatus, type ConsentKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { inBatches, PersonalDataRegistry, type ErasedCount, type ParentIdentifiers, type PersonalDataProvider, type RetentionHandler } from '../privacy/personal-data-registry';
import { FilesService } from '../storage/files.service';
import { InquiriesRepository } from './inquiries.repository';
import { InquiryNoticesRepository } from './inquiry-notices.repository';
import { InquiryPhotosRepository, type PhotosDeleted } from './inquiry-photos.repository';
import { InquiryQaRepository } from './inquiry-qa.repository';
import { Db } from '../database/db';
import { PublicCache } from '../common/cache/public-cache';
import { PHOTO_PATH } from './inquiry-views.service';

/** What a finished inquiry says instead of its content once the guardian withdrew the consent to their child's information. */
export const CHILD_CONTENT_REDACTED = '（监护人已撤回对儿童个人信息的同意，内容已删除）';

/** Rows one retention batch changes. */
const RETENTION_BATCH = 500;
/** An upload never attached to an inquiry is a draft's: kept a day, then deleted. */
const UNATTACHED_PHOTO_MS = 24 * 3600_000;

/**
 * The inquiries' part of the rights flow. Export: every inquiry with its phone in full, what the
 * parent sees of its handling, and every photo. Cancellation: phones and photos erased; the
 * inquiries stay as the archive (content, replies, timeline, status), marked so staff see
 * 申请人已注销, still visible only to the handling unit; published Q&A never named the parent
 * and stays. Withdrawn consents: public_qa takes their Q&A down; child_information deletes the
 * child's content and photos of finished inquiries, and of open ones when they finish (staff
 * are told on the timeline meanwhile). Retention counts from 办结 (see FINISHED_BEFORE).
 * Every deleted photo's stored file is erased in the same transaction (FilesService deletes its
 * bytes right after the commit: erasure does not wait for a clean-up round).
 */
@Injectable()
export class InquiryPersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'inquiries';
  readonly label = '咨询投诉';
  readonly eraseOrder = 50;
  readonly retention: readonly RetentionHandler[];

  constructor(
    private readonly repo: InquiriesRepository,
    private readonly photos: InquiryPhotosRepository,
    private readonly qa: InquiryQaRepository,
    private readonly notices: InquiryNoticesRepository,
    private readonly files: FilesService,
    private readonly registry: PersonalDataRegistry,
    private readonly db: Db,
    private readonly cache: PublicCache,
  ) {
    this.retention = [
      { kind: 'inquiry_phone', run: (m, cutoff) => inBatches(RETENTION_BATCH, async (limit) => this.repo.erasePhones(m, await this.repo.withPhoneFinishedBefore(m, cutoff, limit))) },
      {
        kind: 'inquiry_photo',
        run: async (m, cutoff, now) =>
          (await inBatches(RETENTION_BATCH, async (limit) => this.erased(m, await this.photos.deleteIds(m, await this.photos.ofInquiriesFinishedBefore(m, cutoff, limit))))) +
          (await inBatches(RETENTION_BATCH, async (limit) => this.erased(m, await this.photos.deleteIds(m, await this.photos.unattachedBefore(m, new Date(now.getTime() - UNATTACHED_PHOTO_MS), limit))))),
      },
    ];
  }
  onModuleInit(): void {
    this.registry.register(this);
  }


  async export(parentId: number, _who: ParentIdentifiers): Promise<Record<string, unknown>[]> {
    const [inquiries, photos] = await Promise.all([this.repo.ofParent(parentId), this.photos.ofParent(parentId)]);
    const ids = inquiries.map((i) => i.id);
    const [events, units] = await Promise.all([this.repo.parentVisibleEvents(ids), this.repo.units(inquiries.flatMap((i) => [i.unitId, i.replyUnitId ?? i.unitId]))]);
    return [
      ...inquiries.map((i) => ({
        record: 'inquiry',
        id: i.id,
        trackingNo: i.trackingNo,
        kind: i.kind,
        kindLabel: inquiryKind(i.kind).label,
        subject: i.subject,
        content: i.content,
        phone: i.phone,
        allowPublish: i.allowPublish,
        involvesChild: i.involvesChild,
        status: parentInquiryStatus(i.status),
        statusLabel: INQUIRY_PARENT_STATUS_LABELS[i.status],
        unitName: units.get(i.unitId)?.name ?? '',
        receivedAt: i.receivedAt.toISOString(),
        dueDate: i.dueDate,
        reply: i.replyText && i.repliedAt ? { text: i.replyText, at: i.repliedAt.toISOString(), unitName: units.get(i.replyUnitId ?? i.unitId)?.name ?? '' } : null,
        rating: i.rating && i.ratedAt ? { rating: i.rating, label: INQUIRY_RATING_LABELS[i.rating], comment: i.ratingComment, at: i.ratedAt.toISOString() } : null,
        reopenCount: i.reopenCount,
        // What the parent's own view shows of the handling (a transfer's reason stays with staff).
        timeline: events.filter((e) => e.inquiryId === i.id).map((e) => ({ action: e.action, label: e.label, text: e.action === 'transfer' ? null : e.text, at: e.createdAt.toISOString() })),
      })),
      ...photos.map((p) => ({ record: 'photo', id: p.id, inquiryId: p.inquiryId, contentType: p.contentType, bytes: p.size, createdAt: p.createdAt.toISOString(), url: `${PHOTO_PATH}${p.id}` })),
    ];
  }

  async erase(m: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]> {
    const { phones, archived } = await this.repo.forgetParent(m, who.parentId, now);
    const photos = await this.erased(m, await this.photos.deleteOfParent(m, who.parentId));
    const notices = await this.notices.forgetParentRecipient(m, who.parentId);
    return [
      { kind: 'inquiry_phone', label: '咨询投诉中的联系电话', count: phones },
      { kind: 'inquiry_photo', label: '咨询投诉中上传的照片', count: photos },
      { kind: 'inquiry_notice_recipient', label: '答复通知记录中的微信标识', count: notices },
      { kind: 'inquiry_archived', label: '咨询投诉（作为档案保留，申请人身份已删除）', count: archived },
    ];
  }

  async consentWithdrawn(m: EntityManager, parentId: number, kind: ConsentKind, now: Date): Promise<ErasedCount[]> {
    if (kind === 'public_qa') return this.publicQaWithdrawn(m, parentId, now);
    if (kind === 'child_information') return this.childInformationWithdrawn(m, parentId, now);
    return [];
  }

  /**
   * The child's content and photos of these inquiries deleted (a finished inquiry whose guardian
   * withdrew the consent: at the withdrawal, or when an open one finishes). Returns the counts.
   */
  async redactChildInformation(m: EntityManager, inquiryIds: number[]): Promise<{ contents: number; photos: number }> {
    return { contents: await this.repo.replaceContent(m, inquiryIds, CHILD_CONTENT_REDACTED), photos: await this.erased(m, await this.photos.deleteOfInquiries(m, inquiryIds)) };
  }

  /** Erases the deleted photos' files in the same transaction; the count of photos. */
  private async erased(m: EntityManager, deleted: PhotosDeleted): Promise<number> {
    if (!deleted.fileIds.length) return deleted.count;
    await this.files.erase(m, deleted.fileIds);
    return deleted.count;
  }

  private async publicQaWithdrawn(m: EntityManager, parentId: number, now: Date): Promise<ErasedCount[]> {
    const { published } = await this.repo.withdrawPublish(m, parentId);
    const removed = await this.qa.delete(m, published.map((p) => p.qaId));
    if (removed > 0) {
      // The public Q&A (and search's index of it) changes: every instance drops what it built.
      await this.cache.bump(m);
      this.db.afterCommit(m, async () => this.cache.clear());
    }
    for (const p of published) {
      await this.repo.appendEvent(m, { inquiryId: p.id, action: 'note', label: '家长撤回公开同意，已撤下公开问答', text: null, parentVisible: false, actorId: null, actorName: '系统', createdAt: now });
    }
    return [{ kind: 'inquiry_qa', label: '公开问答', count: removed }];
  }

  private async childInformationWithdrawn(m: EntityManager, parentId: number, now: Date): Promise<ErasedCount[]> {
    const rows = await this.repo.childInquiries(m, parentId);
    const finished = rows.filter((r) => !isOpenInquiry(r.status)).map((r) => r.id);
    const open = rows.filter((r) => isOpenInquiry(r.status) && !r.childConsentWithdrawnAt).map((r) => r.id);
    const { contents, photos } = await this.redactChildInformation(m, finished);
    // Open ones are still being handled: the handler decides what they still need; the content goes when they finish.
    await this.repo.markChildConsentWithdrawn(m, open, now);
    for (const id of open) {
      await this.repo.appendEvent(m, {
        inquiryId: id,
        action: 'note',
        label: '监护人已撤回对儿童个人信息的同意',
        text: '办结时将删除本事项中的内容和照片；办理中请仅在必要范围内使用',
        parentVisible: false,
        actorId: null,
        actorName: '系统',
        createdAt: now,
      });
    }
    return [
      { kind: 'inquiry_child_content', label: '已办结事项中涉及子女的内容', count: contents },
      { kind: 'inquiry_photo', label: '已办结事项中涉及子女的照片', count: photos },
    ];
  }
}
