import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { IndexSequence } from '../../publishing/entities/index-sequence.entity';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { DisclosureEvent } from '../entities/disclosure-event.entity';
import { DisclosureRequest } from '../entities/disclosure-request.entity';

/**
 * The core queries of requests and their timeline (shared by intake, handling, fees and letters);
 * each part keeps its other queries in a repository of its own.
 */
@Injectable()
export class DisclosureRequestsRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  find(id: number, m?: EntityManager): Promise<DisclosureRequest | null> {
    return this.m(m).findOne(DisclosureRequest, { where: { id } });
  }

  findByTrackingNo(trackingNo: string, m?: EntityManager): Promise<DisclosureRequest | null> {
    return this.m(m).findOne(DisclosureRequest, { where: { trackingNo } });
  }

  async insert(m: EntityManager, row: Omit<DisclosureRequest, 'id'>): Promise<number> {
    const result = await m.insert(DisclosureRequest, row);
    return Number(result.identifiers[0]!.id);
  }

  /** Moves the request on only if nobody changed it since `version` was read. */
  async update(m: EntityManager, id: number, version: number, set: Partial<DisclosureRequest>, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(DisclosureRequest)
      .set({ ...set, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Fields that are not a handler's change (a recounted deadline, a warning claimed): the version stays. */
  async patch(m: EntityManager, id: number, set: Partial<DisclosureRequest>): Promise<void> {
    await m.createQueryBuilder().update(DisclosureRequest).set(set).where('id = :id', { id }).execute();
  }

  async appendEvent(m: EntityManager, row: Omit<DisclosureEvent, 'id'>): Promise<void> {
    await m.insert(DisclosureEvent, row);
  }

  events(requestId: number, m?: EntityManager): Promise<DisclosureEvent[]> {
    return this.m(m).find(DisclosureEvent, { where: { requestId }, order: { id: 'ASC' } });
  }

  async staffName(id: number | null, m?: EntityManager): Promise<string | null> {
    if (id === null) return null;
    const row = await this.m(m).findOne(StaffAccount, { where: { id }, select: { id: true, displayName: true } });
    return row?.displayName ?? null;
  }

  /**
   * Next number of a per-scope sequence (tracking numbers `disclosure/YS/20261206`, letter
   * numbers `disclosure-letter/2026`) inside the caller's transaction, on the 索引号 sequence
   * table: the UPDATE's row lock holds until commit, so two writers never share a number and a
   * rolled-back one leaves no gap. The row is made outside the transaction when missing
   * (`ensureSequence`), as the inquiries do.
   */
  async nextSequence(m: EntityManager, scope: string): Promise<number> {
    if (!(await m.findOne(IndexSequence, { where: { scope } }))) await this.ensureSequence(scope);
    await m.createQueryBuilder().update(IndexSequence).set({ last: () => 'last + 1' }).where('scope = :scope', { scope }).execute();
    return (await m.findOneOrFail(IndexSequence, { where: { scope } })).last;
  }

  /** Makes a sequence row outside any transaction (INSERT IGNORE: a duplicate-key error inside one would cost it on MySQL). */
  async ensureSequence(scope: string): Promise<void> {
    if (await this.db.dataSource.manager.findOne(IndexSequence, { where: { scope } })) return;
    await this.db.dataSource.manager.createQueryBuilder().insert().into(IndexSequence).values({ scope, last: 0 }).orIgnore().execute();
  }
}
