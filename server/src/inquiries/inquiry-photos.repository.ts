import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThan, type FindOptionsWhere } from 'typeorm';
import { Db } from '../database/db';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { InquiryPhoto } from './entities/inquiry-photo.entity';
import { Inquiry } from './entities/inquiry.entity';
import { FINISHED_BEFORE } from './inquiries.repository';

/** Photos deleted in a transaction: how many, and their stored files (which the caller releases in the same transaction). */
export interface PhotosDeleted {
  count: number;
  fileIds: string[];
}

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

  /** Deletes every photo of the parent (the rows; the caller releases their files). */
  deleteOfParent(m: EntityManager, parentId: number): Promise<PhotosDeleted> {
    return this.deleteWhere(m, { parentId });
  }

  deleteOfInquiries(m: EntityManager, inquiryIds: number[]): Promise<PhotosDeleted> {
    if (!inquiryIds.length) return Promise.resolve({ count: 0, fileIds: [] });
    return this.deleteWhere(m, { inquiryId: In(inquiryIds) });
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

  deleteIds(m: EntityManager, ids: string[]): Promise<PhotosDeleted> {
    if (!ids.length) return Promise.resolve({ count: 0, fileIds: [] });
    return this.deleteWhere(m, { id: In(ids) });
  }

  /**
   * Reads the rows' files, then deletes exactly those rows, in the caller's transaction. On MySQL
   * the read locks them (FOR UPDATE, as the DELETE would), so no row goes without its file being
   * named; SQLite has one writer at a time.
   */
  private async deleteWhere(m: EntityManager, where: FindOptionsWhere<InquiryPhoto>): Promise<PhotosDeleted> {
    const rows = await m.find(InquiryPhoto, { where, select: { id: true, fileId: true }, ...(this.db.sqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }) });
    if (!rows.length) return { count: 0, fileIds: [] };
    const count = (await m.delete(InquiryPhoto, { id: In(rows.map((r) => r.id)) })).affected ?? 0;
    return { count, fileIds: rows.flatMap((r) => (r.fileId ? [r.fileId] : [])) };
  }
}
