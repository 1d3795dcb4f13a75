import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { Notice } from '../entities/notice.entity';

/** A register row: the notice's columns the 规范性文件 register shows and its rules read. */
export type NormativeRow = Pick<Notice, 'id' | 'title' | 'documentNo' | 'status' | 'normative' | 'normativeIssuedOn' | 'normativeRepealedOn' | 'publishedAt' | 'version'>;

const COLUMNS = ['n.id', 'n.title', 'n.documentNo', 'n.status', 'n.normative', 'n.normativeIssuedOn', 'n.normativeRepealedOn', 'n.publishedAt', 'n.version'];

/** The 规范性文件 register's queries over `notice` (normative, issued, repealed). */
@Injectable()
export class NormativeRegisterRepository {
  constructor(private readonly db: Db) {}

  /**
   * Normative notices that were ever published (a withdrawn one was still issued), issued on or
   * before `yearEnd` (YYYY-MM-DD), newest issue first.
   */
  issuedBy(yearEnd: string): Promise<NormativeRow[]> {
    return this.db.dataSource.manager
      .createQueryBuilder(Notice, 'n')
      .select(COLUMNS)
      .where('n.normative = :normative AND n.publishedAt IS NOT NULL AND n.normativeIssuedOn IS NOT NULL AND n.normativeIssuedOn <= :yearEnd', { normative: true, yearEnd })
      .orderBy('n.normativeIssuedOn', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .getMany();
  }

  /**
   * Table 二's counts of one year in one pass: issued in the year, repealed in the year, and in
   * force at its end (issued by then, not repealed by then). Dates are `YYYY-MM-DD` strings, so
   * they compare as text.
   */
  async counts(yearStart: string, yearEnd: string): Promise<{ issued: number; repealed: number; inForce: number }> {
    const row = await this.db.dataSource.manager
      .createQueryBuilder(Notice, 'n')
      .select('SUM(CASE WHEN n.normativeIssuedOn >= :yearStart THEN 1 ELSE 0 END)', 'issued')
      .addSelect('SUM(CASE WHEN n.normativeRepealedOn >= :yearStart AND n.normativeRepealedOn <= :yearEnd THEN 1 ELSE 0 END)', 'repealed')
      .addSelect('SUM(CASE WHEN n.normativeRepealedOn IS NULL OR n.normativeRepealedOn > :yearEnd THEN 1 ELSE 0 END)', 'inForce')
      .where('n.normative = :normative AND n.publishedAt IS NOT NULL AND n.normativeIssuedOn IS NOT NULL AND n.normativeIssuedOn <= :yearEnd', { normative: true, yearStart, yearEnd })
      .getRawOne<{ issued: unknown; repealed: unknown; inForce: unknown }>();
    return { issued: Number(row?.issued ?? 0), repealed: Number(row?.repealed ?? 0), inForce: Number(row?.inForce ?? 0) };
  }

  /** The notice's register columns, locked until the caller's transaction ends on MySQL (SQLite has one writer). */
  lock(m: EntityManager, id: number): Promise<NormativeRow | null> {
    const qb = m.createQueryBuilder(Notice, 'n').select(COLUMNS).where('n.id = :id', { id });
    if (!this.db.sqlite) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The repeal date written only while the notice is at `version` (and moved on by one); false when someone changed it. */
  async setRepealedIf(m: EntityManager, id: number, version: number, repealedOn: string | null, at: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ normativeRepealedOn: repealedOn, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  find(id: number, m?: EntityManager): Promise<NormativeRow | null> {
    return (m ?? this.db.dataSource.manager).createQueryBuilder(Notice, 'n').select(COLUMNS).where('n.id = :id', { id }).getOne();
  }
}
