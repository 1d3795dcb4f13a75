import { Injectable } from '@nestjs/common';
import type { Page, QaItem } from '@gongkai/shared';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { PublicCache } from '../common/cache/public-cache';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/paging/cursor';
import { Db } from '../database/db';
import type { PublishQaDto, QaQueryDto } from './dto/inquiry.dto';
import { InquiriesRepository } from './inquiries.repository';
import { notFound, sees } from './inquiry-access';
import { InquiryQaRepository } from './inquiry-qa.repository';
import { qaItem } from './inquiry-views.service';

/** The public Q&A: staff publish an answered inquiry anonymously (if the parent allowed it); anyone reads and searches them. */
@Injectable()
export class InquiryQaService {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly qaRepo: InquiryQaRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cache: PublicCache,
  ) {}

  async publish(staff: StaffPrincipal, id: number, dto: PublishQaDto, meta: RequestMeta): Promise<QaItem> {
    const qaId = await this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || !sees(staff, i)) throw notFound();
      if (!i.allowPublish) throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', '提问人未同意公开，不能发布为问答');
      if ((i.status !== 'replied' && i.status !== 'closed') || !i.replyText || !i.repliedAt) throw new ApiError(409, 'INQUIRY_NOT_ALLOWED', '只有已答复或已办结的事项才能发布为问答');
      if (i.publishedQaId !== null) throw new ApiError(409, 'CONFLICT', '该事项已发布为问答');
      const unit = await this.repo.unitById(i.replyUnitId ?? i.unitId, m);
      const now = this.clock.now();
      const newId = await this.qaRepo.insert(m, { inquiryId: id, kind: i.kind, question: dto.question, answer: dto.answer, unitName: unit?.name ?? '', askedAt: i.receivedAt, answeredAt: i.repliedAt, publishedById: staff.id, publishedAt: now });
      await this.repo.setPublishedQa(m, id, newId);
      await this.repo.appendEvent(m, { inquiryId: id, action: 'note', label: '发布为公开问答', text: null, parentVisible: false, actorId: staff.id, actorName: await this.repo.staffName(m, staff.id), createdAt: now });
      await this.audit.record(m, staff, meta, { action: 'inquiry.publish_qa', entityType: 'inquiry', entityId: id, after: { qaId: newId, question: dto.question, answer: dto.answer } });
      // Public content changed: search's index of the Q&A follows on every instance.
      await this.cache.bump(m);
      return newId;
    });
    this.cache.clear();
    return this.find(qaId);
  }

  async list(query: QaQueryDto): Promise<Page<QaItem>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.qaRepo.page({ q: query.q || undefined, kind: query.kind, beforeId: before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return { items: page.map(qaItem), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  /** Every published Q&A, newest first (search indexes them all: a county publishes hundreds, not thousands). */
  async searchable(): Promise<QaItem[]> {
    await this.db.settled();
    return (await this.qaRepo.all()).map(qaItem);
  }

  async find(id: number): Promise<QaItem> {
    await this.db.settled();
    const row = await this.qaRepo.find(id);
    if (!row) throw ApiError.notFound('未找到该问答');
    return qaItem(row);
  }
}
