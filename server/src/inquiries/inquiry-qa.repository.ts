import { Injectable } from '@nestjs/common';
import type { InquiryKindCode } from '@gongkai/shared';
import { Brackets, EntityManager, In } from 'typeorm';
import { Db } from '../database/db';
import { likePattern } from '../database/like-pattern';
import { InquiryQa } from './entities/inquiry-qa.entity';

/** The queries of the public Q&A published from inquiries. */
@Injectable()
export class InquiryQaRepository {
  constructor(private readonly db: Db) {}

  async insert(m: EntityManager, row: Omit<InquiryQa, 'id'>): Promise<number> {
    const result = await m.insert(InquiryQa, row);
    return Number(result.identifiers[0]!.id);
  }

  find(id: number): Promise<InquiryQa | null> {
    return this.db.dataSource.getRepository(InquiryQa).findOne({ where: { id } });
  }

  /** Newest first, after the cursor's id; `q` searches question and answer (LIKE, the same SQL on both databases). */
  page(query: { q?: string; kind?: InquiryKindCode; beforeId: number | null; limit: number }): Promise<InquiryQa[]> {
    const qb = this.db.dataSource.createQueryBuilder(InquiryQa, 'qa').where('1 = 1');
    if (query.kind) qb.andWhere('qa.kind = :kind', { kind: query.kind });
    if (query.q) {
      const pattern = likePattern(query.q);
      qb.andWhere(new Brackets((w) => w.where("qa.question LIKE :pattern ESCAPE '!'", { pattern }).orWhere("qa.answer LIKE :pattern ESCAPE '!'", { pattern })));
    }
    if (query.beforeId !== null) qb.andWhere('qa.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('qa.id', 'DESC').take(query.limit).getMany();
  }

  all(): Promise<InquiryQa[]> {
    return this.db.dataSource.getRepository(InquiryQa).find({ order: { id: 'DESC' } });
  }

  /** Takes published Q&A down (the parent withdrew the public_qa consent). */
  async delete(m: EntityManager, ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    return (await m.delete(InquiryQa, { id: In(ids) })).affected ?? 0;
  }
}
