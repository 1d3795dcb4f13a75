import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { IndexSequence } from '../../publishing/entities/index-sequence.entity';
import { DisclosureLetter } from '../entities/disclosure-letter.entity';

/** Reply letters: a request's drafts, returns and its one approved letter. */
@Injectable()
export class DisclosureLettersRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /** The request's newest letter (a draft, a returned one or the approved one). */
  latest(requestId: number, m?: EntityManager): Promise<DisclosureLetter | null> {
    return this.m(m).findOne(DisclosureLetter, { where: { requestId }, order: { id: 'DESC' } });
  }

  /** The approved letter (there is at most one: approval answers the request). */
  approved(requestId: number, m?: EntityManager): Promise<DisclosureLetter | null> {
    return this.m(m).findOne(DisclosureLetter, { where: { requestId, status: 'approved' }, order: { id: 'DESC' } });
  }

  async insert(m: EntityManager, row: Omit<DisclosureLetter, 'id'>): Promise<number> {
    const result = await m.insert(DisclosureLetter, row);
    return Number(result.identifiers[0]!.id);
  }

  /** Moves a draft on (approved / returned) only while it is still a draft: of two heads acting at once one wins. */
  async settleDraft(m: EntityManager, id: number, set: Partial<DisclosureLetter>): Promise<boolean> {
    const result = await m.createQueryBuilder().update(DisclosureLetter).set(set).where('id = :id AND status = :draft', { id, draft: 'draft' }).execute();
    return Boolean(result.affected);
  }

  /** The last number a per-scope sequence gave (0 when none yet), read outside any transaction to render a letter before numbering it. */
  async lastOfSequence(scope: string): Promise<number> {
    await this.db.settled();
    const row = await this.db.dataSource.manager.findOne(IndexSequence, { where: { scope } });
    return row?.last ?? 0;
  }
}
