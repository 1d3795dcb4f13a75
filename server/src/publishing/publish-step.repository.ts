import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Db } from '../database/db';
import { Unit } from '../identity/entities/unit.entity';
import { IndexSequence } from './entities/index-sequence.entity';

/** The publish step's queries: the codes a 索引号 is made of, its sequence, and the published row. */
@Injectable()
export class PublishStepRepository {
  constructor(private readonly db: Db) {}

  /** The unit's and category's codes of a notice (and its disclosure), read through the caller's transaction (the unit may have been made in it: the demo seed does). */
  async codes(m: EntityManager, noticeId: number): Promise<{ unitCode: string; categoryCode: string; disclosure: string }> {
    const row = await m
      .createQueryBuilder(Notice, 'n')
      .innerJoin(Unit, 'u', 'u.id = n.unitId')
      .innerJoin(Category, 'c', 'c.id = n.categoryId')
      .select('u.code', 'unitCode')
      .addSelect('c.code', 'categoryCode')
      .addSelect('n.disclosure', 'disclosure')
      .where('n.id = :noticeId', { noticeId })
      .getRawOne<{ unitCode: string; categoryCode: string; disclosure: string }>();
    if (!row) throw new Error(`notice ${noticeId} has no unit or category`);
    return row;
  }

  /**
   * Next 索引号 sequence of a scope, inside the caller's transaction. A scope's first row is made
   * by a separate INSERT IGNORE (a duplicate-key error inside the transaction would cost the whole
   * transaction on MySQL); the check before it is a plain read, so this transaction holds no lock
   * that insert could wait for. The UPDATE then holds the row lock until commit, so two publishers
   * never get the same number and a rolled-back publish leaves no gap.
   */
  async nextIndexSequence(m: EntityManager, scope: string): Promise<number> {
    if (!(await m.findOne(IndexSequence, { where: { scope } }))) {
      await this.db.dataSource.createQueryBuilder().insert().into(IndexSequence).values({ scope, last: 0 }).orIgnore().execute();
    }
    await m
      .createQueryBuilder()
      .update(IndexSequence)
      .set({ last: () => 'last + 1' })
      .where('scope = :scope', { scope })
      .execute();
    return (await m.findOneOrFail(IndexSequence, { where: { scope } })).last;
  }

  /** Marks the notice published if nobody changed it since `version` was read; false if someone did. */
  async markPublished(m: EntityManager, id: number, version: number, at: Date, indexNo: string): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ status: 'published', publishedAt: at, indexNo, publishAt: null, statusChangedAt: at, updatedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }
}
