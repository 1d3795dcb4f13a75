import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { DisclosureChallenge } from '../entities/disclosure-challenge.entity';
import { DisclosureRequest } from '../entities/disclosure-request.entity';

/** Reconsiderations and lawsuits (table 四). */
@Injectable()
export class DisclosureChallengesRepository {
  constructor(private readonly db: Db) {}

  find(id: number, m?: EntityManager): Promise<DisclosureChallenge | null> {
    return (m ?? this.db.dataSource.manager).findOne(DisclosureChallenge, { where: { id } });
  }

  async insert(m: EntityManager, row: Omit<DisclosureChallenge, 'id'>): Promise<number> {
    const result = await m.insert(DisclosureChallenge, row);
    return Number(result.identifiers[0]!.id);
  }

  /** Changes the row only if nobody changed it since `version` was read. */
  async update(m: EntityManager, id: number, version: number, set: Partial<DisclosureChallenge>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(DisclosureChallenge)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Newest first (by id, the cursor's key), optionally those filed in one calendar year. */
  page(query: { year: number | null; beforeId: number | null; limit: number }): Promise<DisclosureChallenge[]> {
    const qb = this.db.dataSource.createQueryBuilder(DisclosureChallenge, 'c').where('1 = 1');
    if (query.year !== null) qb.andWhere('c.filedDate >= :from AND c.filedDate <= :to', { from: `${query.year}-01-01`, to: `${query.year}-12-31` });
    if (query.beforeId !== null) qb.andWhere('c.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('c.id', 'DESC').take(query.limit).getMany();
  }

  /** Tracking numbers of requests, by id. */
  async trackingNumbers(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.dataSource.manager.find(DisclosureRequest, { where: { id: In([...new Set(ids)]) }, select: { id: true, trackingNo: true } });
    return new Map(rows.map((r) => [r.id, r.trackingNo]));
  }
}
