import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import type { KeywordReplyCreateDto, KeywordReplyUpdateDto, KeywordReplyView } from './dto/keyword-reply.dto';
import { OaKeywordReply } from './entities/oa-keyword-reply.entity';

const ENTITY = 'oa_keyword_reply';

/** Admin edits of the official account's keyword replies; each is audited. */
@Injectable()
export class KeywordRepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<KeywordReplyView[]> {
    await this.db.settled();
    const rows = await this.dataSource.getRepository(OaKeywordReply).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map(view);
  }

  async create(staff: StaffPrincipal, dto: KeywordReplyCreateDto, meta: RequestMeta): Promise<KeywordReplyView> {
    return this.db.transaction(async (m) => {
      await this.ensureFree(m, dto.keyword, null);
      const inserted = await m.insert(OaKeywordReply, { active: true, sortOrder: 0, ...dto });
      const row = await m.findOneByOrFail(OaKeywordReply, { id: Number(inserted.identifiers[0]!.id) });
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.create`, entityType: ENTITY, entityId: row.id, after: view(row) });
      return view(row);
    });
  }

  async update(staff: StaffPrincipal, id: number, dto: KeywordReplyUpdateDto, meta: RequestMeta): Promise<KeywordReplyView> {
    return this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      if (dto.keyword !== undefined) await this.ensureFree(m, dto.keyword, id);
      if (Object.keys(dto).length) await m.update(OaKeywordReply, { id }, dto);
      const after = await m.findOneByOrFail(OaKeywordReply, { id });
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.update`, entityType: ENTITY, entityId: id, before: view(before), after: view(after) });
      return view(after);
    });
  }

  async remove(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      await m.delete(OaKeywordReply, { id });
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.delete`, entityType: ENTITY, entityId: id, before: view(before) });
    });
  }

  private async found(m: EntityManager, id: number): Promise<OaKeywordReply> {
    const row = await m.findOneBy(OaKeywordReply, { id });
    if (!row) throw ApiError.notFound('该关键词回复不存在');
    return row;
  }

  private async ensureFree(m: EntityManager, keyword: string, ownId: number | null): Promise<void> {
    const other = await m.findOneBy(OaKeywordReply, { keyword });
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
