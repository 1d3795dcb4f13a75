import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { NoticeChange } from '../entities/notice-change.entity';
import { PublishStepRepository } from '../publish-step.repository';

/** The scope of `index_sequence` that numbers the change log. */
const CHANGE_LOG_SCOPE = 'notice-change-log';

export type ChangeRow = Pick<NoticeChange, 'seq' | 'noticeId' | 'kind' | 'reason' | 'changedAt'>;

/** The change log's queries. */
@Injectable()
export class ChangeLogRepository {
  constructor(
    private readonly db: Db,
    private readonly sequences: PublishStepRepository,
  ) {}

  /**
   * Appends a change in the caller's transaction. Its position comes from the `index_sequence`
   * row of the change log, whose UPDATE holds the row lock until this transaction commits: a
   * second writer waits there, so positions are handed out in commit order and no reader can
   * see position n+1 before n (a rolled-back writer leaves no gap either).
   */
  async append(m: EntityManager, change: Omit<ChangeRow, 'seq'>): Promise<number> {
    const seq = await this.sequences.nextIndexSequence(m, CHANGE_LOG_SCOPE);
    await m.insert(NoticeChange, { ...change, seq });
    return seq;
  }

  /**
   * Changes after `since`, each notice once at its latest position (a notice published and then
   * corrected shows only as corrected), in log order, at most `limit`.
   */
  async since(since: number, limit: number, noticeIds?: number[]): Promise<ChangeRow[]> {
    await this.db.settled();
    const qb = this.db.dataSource
      .getRepository(NoticeChange)
      .createQueryBuilder('c')
      .where('c.seq > :since', { since })
      .andWhere('NOT EXISTS (SELECT 1 FROM notice_change d WHERE d.notice_id = c.notice_id AND d.seq > c.seq)')
      .orderBy('c.seq', 'ASC')
      .limit(limit);
    if (noticeIds) qb.andWhere('c.notice_id IN (:...noticeIds)', { noticeIds: noticeIds.length ? noticeIds : [0] });
    return qb.getMany();
  }

  /** The newest position in the log (0 when empty). */
  async head(): Promise<number> {
    await this.db.settled();
    const row = await this.db.dataSource.getRepository(NoticeChange).createQueryBuilder('c').select('MAX(c.seq)', 'head').getRawOne<{ head: number | string | null }>();
    return Number(row?.head ?? 0);
  }

  /** Every change after `since` (a notice changed twice shows twice), in log order, at most `limit`. */
  async after(since: number, limit: number): Promise<ChangeRow[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(NoticeChange).createQueryBuilder('c').where('c.seq > :since', { since }).orderBy('c.seq', 'ASC').limit(limit).getMany();
  }

  /** The changes at these positions (those that exist). */
  async atEach(seqs: number[]): Promise<ChangeRow[]> {
    if (!seqs.length) return [];
    await this.db.settled();
    return this.db.dataSource.getRepository(NoticeChange).createQueryBuilder('c').where('c.seq IN (:...seqs)', { seqs: [...new Set(seqs)] }).orderBy('c.seq', 'ASC').getMany();
  }

  /** One change by position; null if none. */
  async at(seq: number): Promise<ChangeRow | null> {
    await this.db.settled();
    return this.db.dataSource.getRepository(NoticeChange).findOne({ where: { seq } });
  }

  /** Each notice's latest change. */
  async latestOf(noticeIds: number[]): Promise<Map<number, ChangeRow>> {
    if (!noticeIds.length) return new Map();
    const rows = await this.since(0, noticeIds.length, noticeIds);
    return new Map(rows.map((r) => [r.noticeId, r]));
  }
}
