import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Db } from '../../database/db';
import { ParentAccount } from '../../identity/entities/parent-account.entity';
import { DisclosureFee, type DisclosureFeeStatus } from '../entities/disclosure-fee.entity';
import { DisclosureRequest } from '../entities/disclosure-request.entity';

/** The fee notices' rows, and the month's earlier pieces of an applicant (the 按件 count). */
@Injectable()
export class DisclosureFeesRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /**
   * The pieces of the same applicant's other requests received in the same calendar month before
   * this one (earlier receipt date, or the same date and an earlier id): matched on the keyed hash
   * of the ID number or credit code (`applicantHash`), so nothing is decrypted. Every request
   * counts whatever became of it: 109号 counts what was applied for (累计申请), not what was answered.
   */
  async priorPieces(m: EntityManager, request: { id: number; applicantHash: string; receivedDate: string }): Promise<number> {
    const monthStart = `${request.receivedDate.slice(0, 7)}-01`;
    const row = await m
      .createQueryBuilder(DisclosureRequest, 'r')
      .select('COALESCE(SUM(r.pieces), 0)', 'total')
      .where('r.applicantHash = :hash', { hash: request.applicantHash })
      .andWhere('r.id <> :id', { id: request.id })
      .andWhere('r.receivedDate >= :monthStart', { monthStart })
      .andWhere('(r.receivedDate < :received OR (r.receivedDate = :received AND r.id < :id))', { received: request.receivedDate, id: request.id })
      .getRawOne<{ total: string | number | null }>();
    return Number(row?.total ?? 0);
  }

  async insert(m: EntityManager, row: Omit<DisclosureFee, 'id'>): Promise<number> {
    const result = await m.insert(DisclosureFee, row);
    return Number(result.identifiers[0]!.id);
  }

  find(id: number, m?: EntityManager): Promise<DisclosureFee | null> {
    return this.m(m).findOne(DisclosureFee, { where: { id } });
  }

  /** The request's latest notice (a cancelled one is followed by a new one). */
  latest(requestId: number, m?: EntityManager): Promise<DisclosureFee | null> {
    return this.m(m).findOne(DisclosureFee, { where: { requestId }, order: { id: 'DESC' } });
  }

  /** Whether the request has a notice in one of `statuses`. */
  async exists(m: EntityManager, requestId: number, statuses: DisclosureFeeStatus[]): Promise<boolean> {
    return (await m.count(DisclosureFee, { where: { requestId, status: In(statuses) } })) > 0;
  }

  /** Moves the fee on only if it is still in one of `from` (of a payment and a lapse at once, one wins). */
  async update(m: EntityManager, id: number, from: DisclosureFeeStatus[], set: Partial<DisclosureFee>, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(DisclosureFee)
      .set({ ...set, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return Boolean(result.affected);
  }

  /** Notices still unpaid whose last day to pay is before `today`. */
  overdue(today: string, limit: number): Promise<DisclosureFee[]> {
    return this.m()
      .createQueryBuilder(DisclosureFee, 'f')
      .where('f.status = :status AND f.payDueDate < :today', { status: 'issued', today })
      .orderBy('f.payDueDate', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(limit)
      .getMany();
  }

  async parentOpenid(parentId: number): Promise<string | null> {
    return (await this.m().findOne(ParentAccount, { where: { id: parentId }, select: { id: true, openid: true } }))?.openid ?? null;
  }
}
