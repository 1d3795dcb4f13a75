import { Injectable } from '@nestjs/common';
import type { NoticeStatus } from '@gongkai/shared';
import { Brackets, In, LessThanOrEqual, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Db } from '../database/db';
import { Category } from '../catalog/entities/category.entity';
import { NoticeEditor } from '../catalog/entities/notice-editor.entity';
import { NoticeCorrection } from '../catalog/entities/notice-correction.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Unit } from '../identity/entities/unit.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { NoticeReview } from './entities/notice-review.entity';
import { NoticeRevision } from './entities/notice-revision.entity';

/** A queue of the review page: notices in these statuses (of one unit when given). */
export interface WaitingQueue {
  statuses: NoticeStatus[];
  unitId?: number;
}

/** A correction (更正) in a review queue, with its notice's unit, category and author. */
export interface WaitingCorrection {
  correction: NoticeCorrection;
  unitId: number;
  categoryId: number;
  noticeAuthorId: number;
}

/** Every query of the review chain lives here; ReviewService holds the rules. */
@Injectable()
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  private get dataSource() {
    return this.db.dataSource;
  }

  /** Moves the notice on only if nobody changed it since `version` was read; false if someone did. */
  async transition(m: EntityManager, id: number, version: number, set: Partial<Omit<Notice, 'id' | 'version'>>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Appends a step to the notice's review log; `correctionId` marks a correction's (更正) step. */
  async appendReview(m: EntityManager, row: Omit<NoticeReview, 'id' | 'correctionId'> & { correctionId?: number | null }): Promise<void> {
    await m.insert(NoticeReview, { ...row, correctionId: row.correctionId ?? null });
  }

  async appendRevision(m: EntityManager, row: Omit<NoticeRevision, 'id'>): Promise<void> {
    await m.insert(NoticeRevision, row);
  }

  /** The review log of one round of a notice, through the caller's transaction. */
  roundLog(m: EntityManager, noticeId: number, round: number): Promise<NoticeReview[]> {
    return m.find(NoticeReview, { where: { noticeId, round }, order: { id: 'ASC' } });
  }

  /** Who edited the title or body that went to review in `round`. */
  async roundEditors(m: EntityManager, noticeId: number, round: number): Promise<number[]> {
    return (await m.find(NoticeEditor, { where: { noticeId, round } })).map((e) => e.staffId);
  }

  /** What `staffId` did on these notices (log rows) and which of them they edited, for the four-eyes filter of a queue. */
  async involvement(staffId: number, noticeIds: number[]): Promise<{ acted: NoticeReview[]; edited: NoticeEditor[] }> {
    if (!noticeIds.length) return { acted: [], edited: [] };
    const [acted, edited] = await Promise.all([
      this.dataSource.getRepository(NoticeReview).find({ where: { noticeId: In(noticeIds), actorId: staffId } }),
      this.dataSource.getRepository(NoticeEditor).find({ where: { noticeId: In(noticeIds), staffId } }),
    ]);
    return { acted, edited };
  }

  reviews(noticeId: number): Promise<NoticeReview[]> {
    return this.dataSource.getRepository(NoticeReview).find({ where: { noticeId }, order: { id: 'ASC' } });
  }

  revisions(noticeId: number): Promise<NoticeRevision[]> {
    return this.dataSource.getRepository(NoticeRevision).find({ where: { noticeId }, order: { round: 'ASC' } });
  }

  async lastTwoRevisions(noticeId: number): Promise<NoticeRevision[]> {
    const rows = await this.dataSource.getRepository(NoticeRevision).find({ where: { noticeId }, order: { round: 'DESC' }, take: 2 });
    return rows.reverse();
  }

  /** The log rows `staffId` wrote on these notices, for the four-eyes part of their actions. */
  stepsOf(staffId: number, noticeIds: number[]): Promise<Pick<NoticeReview, 'noticeId' | 'round' | 'fromStatus' | 'actorId'>[]> {
    return this.dataSource.getRepository(NoticeReview).find({
      where: { noticeId: In(noticeIds), actorId: staffId },
      select: { id: true, noticeId: true, round: true, fromStatus: true, actorId: true },
    });
  }

  /** Notices waiting in any of `queues` (statuses, and a unit where the queue is one unit's), oldest first, never the caller's own. */
  waiting(queues: WaitingQueue[], excludeAuthorId: number, limit = 500): Promise<Notice[]> {
    if (!queues.length) return Promise.resolve([]);
    const where: FindOptionsWhere<Notice>[] = queues.map((q) => ({
      status: In(q.statuses),
      ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
      authorId: Not(excludeAuthorId),
    }));
    return this.dataSource.getRepository(Notice).find({
      where,
      order: { statusChangedAt: 'ASC', id: 'ASC' },
      take: limit,
      select: { id: true, title: true, unitId: true, categoryId: true, authorId: true, status: true, round: true, version: true, statusChangedAt: true, updatedAt: true },
    });
  }

  /**
   * Corrections (更正) waiting in any of `queues` (their status; the notice's unit where the queue is
   * one unit's), oldest first, neither written by the caller nor correcting the caller's notice.
   */
  async waitingCorrections(queues: WaitingQueue[], excludeAuthorId: number, limit = 500): Promise<WaitingCorrection[]> {
    if (!queues.length) return [];
    const corrections = await this.dataSource
      .createQueryBuilder(NoticeCorrection, 'c')
      .innerJoin(Notice, 'n', 'n.id = c.noticeId')
      .where('c.openNoticeId IS NOT NULL')
      .andWhere('c.authorId <> :me AND n.authorId <> :me', { me: excludeAuthorId })
      .andWhere(
        new Brackets((w) => {
          queues.forEach((q, i) => {
            const unit = q.unitId !== undefined ? ` AND n.unitId = :unit${i}` : '';
            w.orWhere(`(c.status IN (:...statuses${i})${unit})`, { [`statuses${i}`]: q.statuses, [`unit${i}`]: q.unitId });
          });
        }),
      )
      .orderBy('c.updatedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
    if (!corrections.length) return [];
    const notices = await this.dataSource.getRepository(Notice).find({
      where: { id: In(corrections.map((c) => c.noticeId)) },
      select: { id: true, unitId: true, categoryId: true, authorId: true },
    });
    const byId = new Map(notices.map((n) => [n.id, n]));
    return corrections.map((c) => {
      const n = byId.get(c.noticeId)!;
      return { correction: c, unitId: n.unitId, categoryId: n.categoryId, noticeAuthorId: n.authorId };
    });
  }

  /** Open corrections by status (of one unit's notices when given). */
  async countCorrectionsByStatus(statuses: NoticeStatus[], unitId: number | null): Promise<Map<string, number>> {
    const qb = this.dataSource
      .createQueryBuilder(NoticeCorrection, 'c')
      .innerJoin(Notice, 'n', 'n.id = c.noticeId')
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('c.status IN (:...statuses)', { statuses })
      .andWhere('c.openNoticeId IS NOT NULL')
      .groupBy('c.status');
    if (unitId !== null) qb.andWhere('n.unitId = :unitId', { unitId });
    const rows = await qb.getRawMany<{ status: string; count: number | string }>();
    return new Map(rows.map((r) => [r.status, Number(r.count)]));
  }

  async countByStatus(statuses: NoticeStatus[], unitId: number | null): Promise<Map<string, number>> {
    const qb = this.dataSource
      .createQueryBuilder(Notice, 'n')
      .select('n.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('n.status IN (:...statuses)', { statuses })
      .groupBy('n.status');
    if (unitId !== null) qb.andWhere('n.unitId = :unitId', { unitId });
    const rows = await qb.getRawMany<{ status: string; count: number | string }>();
    return new Map(rows.map((r) => [r.status, Number(r.count)]));
  }

  /** Ids of scheduled notices whose time has come, oldest time first. */
  async dueScheduled(now: Date, limit = 100): Promise<number[]> {
    const rows = await this.dataSource.getRepository(Notice).find({
      where: { status: 'scheduled', publishAt: LessThanOrEqual(now) },
      order: { publishAt: 'ASC', id: 'ASC' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async names(ids: { units: number[]; categories: number[]; staff: number[] }) {
    const [units, categories, staff] = await Promise.all([
      ids.units.length ? this.dataSource.getRepository(Unit).find({ where: { id: In(ids.units) } }) : [],
      ids.categories.length ? this.dataSource.getRepository(Category).find({ where: { id: In(ids.categories) } }) : [],
      ids.staff.length ? this.dataSource.getRepository(StaffAccount).find({ where: { id: In(ids.staff) }, select: { id: true, displayName: true } }) : [],
    ]);
    return {
      units: new Map(units.map((u) => [u.id, u])),
      categories: new Map(categories.map((c) => [c.id, c])),
      staff: new Map(staff.map((s) => [s.id, s.displayName])),
    };
  }

  async displayName(m: EntityManager, staffId: number): Promise<string | null> {
    const row = await m.findOne(StaffAccount, { where: { id: staffId }, select: { id: true, displayName: true } });
    return row?.displayName ?? null;
  }
}
