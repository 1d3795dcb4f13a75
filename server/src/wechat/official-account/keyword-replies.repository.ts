import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { OaKeywordReply } from './entities/oa-keyword-reply.entity';

export type KeywordReplyValues = Pick<OaKeywordReply, 'keyword' | 'match' | 'reply'> & Partial<Pick<OaKeywordReply, 'active' | 'sortOrder'>>;

/** Every query of the official account's keyword replies. */
@Injectable()
export class KeywordRepliesRepository {
  constructor(private readonly db: Db) {}

  /** All replies (or only the active ones), in the order they are matched. */
  async list(m?: EntityManager, options: { activeOnly?: boolean } = {}): Promise<OaKeywordReply[]> {
    if (!m) await this.db.settled();
    return (m ?? this.db.dataSource.manager).find(OaKeywordReply, { where: options.activeOnly ? { active: true } : {}, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  find(m: EntityManager, id: number): Promise<OaKeywordReply | null> {
    return m.findOneBy(OaKeywordReply, { id });
  }

  findByKeyword(m: EntityManager, keyword: string): Promise<OaKeywordReply | null> {
    return m.findOneBy(OaKeywordReply, { keyword });
  }

  async insert(m: EntityManager, values: KeywordReplyValues): Promise<OaKeywordReply> {
    const inserted = await m.insert(OaKeywordReply, { active: true, sortOrder: 0, ...values });
    return m.findOneByOrFail(OaKeywordReply, { id: Number(inserted.identifiers[0]!.id) });
  }

  async update(m: EntityManager, id: number, values: Partial<KeywordReplyValues>): Promise<OaKeywordReply> {
    if (Object.keys(values).length) await m.update(OaKeywordReply, { id }, values);
    return m.findOneByOrFail(OaKeywordReply, { id });
  }

  async remove(m: EntityManager, id: number): Promise<void> {
    await m.delete(OaKeywordReply, { id });
  }
}
