import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import type { KeywordReplyCreateDto, KeywordReplyUpdateDto, KeywordReplyView } from './dto/keyword-reply.dto';
import type { OaKeywordReply } from './entities/oa-keyword-reply.entity';
import { KeywordRepliesRepository, type KeywordReplyValues } from './keyword-replies.repository';

const ENTITY = 'oa_keyword_reply';

/** Admin edits of the official account's keyword replies; each is audited. */
@Injectable()
export class KeywordRepliesService {
  constructor(
    private readonly db: Db,
    private readonly replies: KeywordRepliesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<KeywordReplyView[]> {
    return (await this.replies.list()).map(view);
  }

  async create(staff: StaffPrincipal, dto: KeywordReplyCreateDto, meta: RequestMeta): Promise<KeywordReplyView> {
    return this.db.transaction(async (m) => {
      await this.ensureFree(m, dto.keyword, null);
      const row = await this.replies.insert(m, dto);
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.create`, entityType: ENTITY, entityId: row.id, after: view(row) });
      return view(row);
    });
  }

  async update(staff: StaffPrincipal, id: number, dto: KeywordReplyUpdateDto, meta: RequestMeta): Promise<KeywordReplyView> {
    return this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      if (dto.keyword !== undefined) await this.ensureFree(m, dto.keyword, id);
      const after = await this.replies.update(m, id, dto);
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.update`, entityType: ENTITY, entityId: id, before: view(before), after: view(after) });
      return view(after);
    });
  }

  async remove(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      await this.replies.remove(m, id);
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.delete`, entityType: ENTITY, entityId: id, before: view(before) });
    });
  }

  /**
   * Adds a reply unless its keyword has one, inside the caller's transaction, unaudited: for
   * seeding (the demo), not for staff edits.
   */
  async seed(m: EntityManager, reply: KeywordReplyValues): Promise<void> {
    if (!(await this.replies.findByKeyword(m, reply.keyword))) await this.replies.insert(m, reply);
  }

  private async found(m: EntityManager, id: number): Promise<OaKeywordReply> {
    const row = await this.replies.find(m, id);
    if (!row) throw ApiError.notFound('该关键词回复不存在');
    return row;
  }

  private async ensureFree(m: EntityManager, keyword: string, ownId: number | null): Promise<void> {
    const other = await this.replies.findByKeyword(m, keyword);
    if (other && other.id !== ownId) throw new ApiError(409, 'CONFLICT', `关键词“${keyword}”已有回复`);
  }
}

function view(row: OaKeywordReply): KeywordReplyView {
  return {
    id: row.id,
    keyword: row.keyword,
    match: row.match,
    reply: row.reply,
    active: row.active,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
