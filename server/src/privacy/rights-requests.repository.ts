import { Injectable } from '@nestjs/common';
import type { RightsRequestStatus } from '@gongkai/shared';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { PrivacyRightsRequest } from './entities/privacy-rights-request.entity';

/** The queries of rights requests; the pending cap is the unique (parent_id, pending_slot) index. */
@Injectable()
export class RightsRequestsRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /** The slots the parent's pending requests hold. */
  async pendingSlots(parentId: number): Promise<number[]> {
    const rows = await this.db.dataSource.getRepository(PrivacyRightsRequest).find({ where: { parentId, pendingSlot: Not(IsNull()) }, select: { id: true, pendingSlot: true } });
    return rows.map((r) => r.pendingSlot!);
  }

  /** One statement: the unique index refuses a slot another request took meanwhile (isDuplicateKey). */
  insert(row: Omit<PrivacyRightsRequest, 'id'>): Promise<number> {
    return this.db.write(async (m) => Number((await m.insert(PrivacyRightsRequest, row)).identifiers[0]!.id));
  }

  find(id: number, m?: EntityManager): Promise<PrivacyRightsRequest | null> {
    return this.m(m).findOne(PrivacyRightsRequest, { where: { id } });
  }

  ofParent(parentId: number): Promise<PrivacyRightsRequest[]> {
    return this.db.dataSource.getRepository(PrivacyRightsRequest).find({ where: { parentId }, order: { id: 'DESC' } });
  }

  page(query: { status?: RightsRequestStatus; beforeId?: number; take: number }): Promise<PrivacyRightsRequest[]> {
    const qb = this.db.dataSource.createQueryBuilder(PrivacyRightsRequest, 'r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.beforeId !== undefined) qb.andWhere('r.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('r.id', 'DESC').take(query.take).getMany();
  }

  /** Every pending request (at most five a parent), for a recount of due dates. */
  pending(): Promise<PrivacyRightsRequest[]> {
    return this.db.dataSource.getRepository(PrivacyRightsRequest).find({ where: { status: 'pending' }, order: { id: 'ASC' } });
  }

  /** Moves a pending request's due date from `from` to `to`; false when it was answered or moved meanwhile. */
  async setDueDate(m: EntityManager, id: number, from: string, to: string): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PrivacyRightsRequest)
      .set({ dueDate: to })
      .where('id = :id AND status = :pending AND due_date = :from', { id, pending: 'pending', from })
      .execute();
    return Boolean(result.affected);
  }

  /** Answers a pending request, once: false when it was no longer pending. Frees its slot. */
  async answer(m: EntityManager, id: number, set: Pick<PrivacyRightsRequest, 'status' | 'reply' | 'repliedAt' | 'handledById' | 'handledByName'>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PrivacyRightsRequest)
      .set({ ...set, pendingSlot: null })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return Boolean(result.affected);
  }

  /** Replaces the parent's words (and the replies to them) with `erased`; the rows, kinds, statuses and dates stay. */
  async eraseContent(m: EntityManager, parentId: number, erased: string): Promise<number> {
    const content = await m.createQueryBuilder().update(PrivacyRightsRequest).set({ content: erased }).where('parent_id = :parentId AND content <> :erased', { parentId, erased }).execute();
    await m.createQueryBuilder().update(PrivacyRightsRequest).set({ reply: erased }).where('parent_id = :parentId AND reply IS NOT NULL', { parentId }).execute();
    return content.affected ?? 0;
  }
}
