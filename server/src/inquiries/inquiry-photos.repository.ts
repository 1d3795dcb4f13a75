import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Db } from '../database/db';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { InquiryPhoto } from './entities/inquiry-photo.entity';
import { Inquiry } from './entities/inquiry.entity';
import { FINISHED_BEFORE } from './inquiries.repository';

/** The queries of inquiry photos: the upload cap, reading them back, attaching them to an inquiry. */
@Injectable()
export class InquiryPhotosRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the photo and tells whether its parent now holds at most `max` photos not attached to
   * an inquiry; the caller rolls back when not. Run it in a transaction (READ COMMITTED on MySQL,
   * so the count sees what the previous holder of the lock committed). Parallel uploads of one
   * parent take turns: on MySQL the parent's row is locked first (FOR UPDATE, held to commit); on
   * SQLite the insert takes the database's write lock before the count.
   */
  async insertWithinCap(m: EntityManager, row: InquiryPhoto, max: number): Promise<boolean> {
    if (!this.db.sqlite) {
      await m.createQueryBuilder(ParentAccount, 'p').select('p.id').where('p.id = :id', { id: row.parentId }).setLock('pessimistic_write').getRawOne();
    }
    await m.insert(InquiryPhoto, row);
    return (await m.count(InquiryPhoto, { where: { parentId: row.parentId, inquiryId: IsNull() } })) <= max;
  }

  /** Not the cap itself (insertWithinCap): a cheap early refusal before a file is read. */
  unusedCount(parentId: number): Promise<number> {
    return this.db.dataSource.getRepository(InquiryPhoto).count({ where: { parentId, inquiryId: IsNull() } });
  }

  meta(id: string): Promise<InquiryPhoto | null> {
    return this.db.dataSource.getRepository(InquiryPhoto).findOne({ where: { id } });
  }

  async data(id: string): Promise<Buffer | null> {
    const row = await this.db.dataSource.getRepository(InquiryPhoto).findOne({ where: { id }, select: { id: true, data: true } });
    return row ? Buffer.from(row.data) : null;
  }

  /** The photo ids of these inquiries, oldest first. */
  async idsOf(inquiryIds: number[]): Promise<string[]> {
    if (!inquiryIds.length) return [];
    const rows = await this.db.dataSource.getRepository(InquiryPhoto).find({ where: { inquiryId: In(inquiryIds) }, select: { id: true, createdAt: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((p) => p.id);
  }

  /** Attaches the parent's own unused photos; the count attached tells whether all were. */
  async attach(m: EntityManager, parentId: number, ids: string[], inquiryId: number): Promise<number> {
    const result = await m.createQueryBuilder().update(InquiryPhoto).set({ inquiryId }).where({ id: In(ids), parentId, inquiryId: IsNull() }).execute();
    return result.affected ?? 0;
  }

  // Personal data: export, cancellation, withdrawn consents, retention

  /** Every photo the parent uploaded (attached or not), without the bytes, oldest first. */
  ofParent(parentId: number): Promise<InquiryPhoto[]> {
    return this.db.dataSource.getRepository(InquiryPhoto).find({ where: { parentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Deletes every photo of the parent (rows and bytes: the bytes live in the row). */
  async deleteOfParent(m: EntityManager, parentId: number): Promise<number> {
    return (await m.delete(InquiryPhoto, { parentId })).affected ?? 0;
  }

  async deleteOfInquiries(m: EntityManager, inquiryIds: number[]): Promise<number> {
    if (!inquiryIds.length) return 0;
    return (await m.delete(InquiryPhoto, { inquiryId: In(inquiryIds) })).affected ?? 0;
  }

  /** Photos of inquiries finished before `cutoff`, oldest first. */
  async ofInquiriesFinishedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(InquiryPhoto, 'p')
      .select('p.id', 'id')
      .innerJoin(Inquiry, 'i', 'i.id = p.inquiry_id')
      .where(FINISHED_BEFORE, { cutoff })
      .orderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Uploads never attached to an inquiry, made before `before`. */
  async unattachedBefore(m: EntityManager, before: Date, limit: number): Promise<string[]> {
    const rows = await m.find(InquiryPhoto, { where: { inquiryId: IsNull(), createdAt: LessThan(before) }, select: { id: true }, order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  async deleteIds(m: EntityManager, ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    return (await m.delete(InquiryPhoto, { id: In(ids) })).affected ?? 0;
  }
}
