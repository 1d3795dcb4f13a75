import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { NoticeCorrection } from '../entities/notice-correction.entity';
import { NoticeEditor } from '../entities/notice-editor.entity';
import { Notice } from '../entities/notice.entity';
import type { CorrectionRecord } from './correction-record';

export type CorrectionColumns = Partial<Omit<CorrectionRecord, 'id' | 'version'>>;

/** Every query of corrections (更正): their rows, the lines the public reads, and the locks their steps take. */
@Injectable()
export class CorrectionsRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  /** The notice's open correction (draft, in review, approved or returned); null when none. */
  findOpen(noticeId: number, m?: EntityManager): Promise<NoticeCorrection | null> {
    return this.m(m).findOne(NoticeCorrection, { where: { openNoticeId: noticeId } });
  }

  findById(id: number, m?: EntityManager): Promise<NoticeCorrection | null> {
    return this.m(m).findOne(NoticeCorrection, { where: { id } });
  }

  /** The open corrections of these notices. */
  openOf(noticeIds: number[], m?: EntityManager): Promise<NoticeCorrection[]> {
    if (!noticeIds.length) return Promise.resolve([]);
    return this.m(m).find(NoticeCorrection, { where: { openNoticeId: In(noticeIds) } });
  }

  /** Inserts a correction; its `openNoticeId` is unique, so a second open one fails with a duplicate key. */
  async insert(m: EntityManager, values: Omit<CorrectionRecord, 'id'>): Promise<number> {
    const inserted = await m.insert(NoticeCorrection, values);
    return Number(inserted.identifiers[0]!.id);
  }

  /** Writes `values` only if nobody changed the correction since `version` was read; false if someone did. */
  async updateIfVersion(m: EntityManager, id: number, version: number, values: CorrectionColumns): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(NoticeCorrection)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /**
   * Cancels the notice's open correction, if any, in the caller's transaction (the notice is being
   * withdrawn). One UPDATE, which on MySQL also sees a correction committed after this
   * transaction's first read; whether it cancelled one is what it changed, not an earlier read.
   */
  async cancelOpen(m: EntityManager, noticeId: number, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(NoticeCorrection)
      .set({ status: 'cancelled', openNoticeId: null, updatedAt: now, version: () => 'version + 1' })
      .where('open_notice_id = :noticeId', { noticeId })
      .execute();
    return Boolean(result.affected);
  }

  /**
   * The notice's status, locking its row until the caller's transaction ends (MySQL; SQLite has one
   * writer at a time): a correction started now and the notice's withdrawal take turns.
   */
  async lockNoticeStatus(m: EntityManager, noticeId: number): Promise<string | null> {
    const row = await m.findOne(Notice, {
      where: { id: noticeId },
      select: { id: true, status: true },
      ...(this.db.sqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }),
    });
    return row?.status ?? null;
  }

  /** Who edited the title or body of a notice's rounds (for four eyes), by round. */
  async editors(noticeIds: number[], m?: EntityManager): Promise<NoticeEditor[]> {
    if (!noticeIds.length) return [];
    return this.m(m).find(NoticeEditor, { where: { noticeId: In(noticeIds) } });
  }

  /** Forgets who edited a round that was never submitted (a cancelled correction's), so they do not count against the next one. */
  async forgetEditors(m: EntityManager, noticeId: number, round: number): Promise<void> {
    await m.delete(NoticeEditor, { noticeId, round });
  }

  async displayNames(staffIds: number[], m?: EntityManager): Promise<Map<number, string>> {
    if (!staffIds.length) return new Map();
    const rows = await this.m(m).find(StaffAccount, { where: { id: In([...new Set(staffIds)]) }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** Each notice's applied corrections, oldest first: what the public reads under it. */
  async appliedOf(noticeIds: number[]): Promise<Map<number, Pick<NoticeCorrection, 'note' | 'appliedAt'>[]>> {
    const map = new Map<number, Pick<NoticeCorrection, 'note' | 'appliedAt'>[]>();
    if (!noticeIds.length) return map;
    const rows = await this.db.dataSource.manager.find(NoticeCorrection, {
      where: { noticeId: In(noticeIds), status: 'applied' },
      order: { appliedAt: 'ASC', id: 'ASC' },
      select: { id: true, noticeId: true, note: true, appliedAt: true },
    });
    for (const row of rows) map.set(row.noticeId, [...(map.get(row.noticeId) ?? []), row]);
    return map;
  }
}
