import { Injectable } from '@nestjs/common';
import { DISCLOSURE_OPEN_STATUSES, type DisclosureStatus } from '@gongkai/shared';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { DisclosureLetter } from '../entities/disclosure-letter.entity';
import { DisclosureRequest } from '../entities/disclosure-request.entity';

const OPEN: readonly DisclosureStatus[] = DISCLOSURE_OPEN_STATUSES;
const FINISHED: readonly DisclosureStatus[] = ['answered', 'closed'];

/**
 * The inbox's position: `[0, dueAtMs, id]` among requests with a running clock (due earliest
 * first, so overdue ones lead), `[1, 0, id]` among those without a due date (paused, stopped for
 * 补正, not yet confirmed), which follow, oldest first.
 */
export type DueCursor = [0 | 1, number, number];
export const isDueCursor = (v: unknown): v is DueCursor =>
  Array.isArray(v) && v.length === 3 && (v[0] === 0 || v[0] === 1) && Number.isInteger(v[1]) && Number.isInteger(v[2]);

/** The staff side's own queries (the inbox, the approval queue, the deadline task's candidates). */
@Injectable()
export class DisclosureHandlingRepository {
  constructor(private readonly db: Db) {}

  private qb(m?: EntityManager): SelectQueryBuilder<DisclosureRequest> {
    return (m ?? this.db.dataSource.manager).createQueryBuilder(DisclosureRequest, 'r');
  }

  /**
   * A page of the inbox by time left: running clocks by due time, then the rest by id. Two
   * queries rather than one ORDER BY over a NULL-first flag, so each is a plain index range on
   * both databases and the keyset stays simple.
   */
  async byTimeLeft(filter: { approvalFor?: number }, after: DueCursor | null, limit: number): Promise<DisclosureRequest[]> {
    const rows: DisclosureRequest[] = [];
    if (!after || after[0] === 0) {
      const qb = this.filtered(filter).andWhere('r.dueAt IS NOT NULL');
      if (after) {
        const due = new Date(after[1]);
        qb.andWhere(new Brackets((w) => w.where('r.dueAt > :due', { due }).orWhere('r.dueAt = :due AND r.id > :id', { due, id: after[2] })));
      }
      rows.push(...(await qb.orderBy('r.dueAt', 'ASC').addOrderBy('r.id', 'ASC').take(limit).getMany()));
    }
    if (rows.length < limit) {
      const qb = this.filtered(filter).andWhere('r.dueAt IS NULL');
      if (after && after[0] === 1) qb.andWhere('r.id > :id', { id: after[2] });
      rows.push(...(await qb.orderBy('r.id', 'ASC').take(limit - rows.length).getMany()));
    }
    return rows;
  }

  /**
   * Open requests; for the approval queue only those waiting for the office head: a pending
   * extension or a letter, never one the reader asked for or drafted (four eyes).
   */
  private filtered(filter: { approvalFor?: number }): SelectQueryBuilder<DisclosureRequest> {
    const qb = this.qb().where('r.status IN (:...open)', { open: OPEN });
    if (filter.approvalFor !== undefined) {
      const me = filter.approvalFor;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('(r.extensionPendingDays IS NOT NULL AND (r.extensionRequestedById IS NULL OR r.extensionRequestedById <> :me))', { me })
            .orWhere(
              `(r.status = 'letter_pending' AND NOT EXISTS (SELECT 1 FROM disclosure_letter l WHERE l.request_id = r.id AND l.status = 'draft' AND l.drafted_by_id = :me))`,
              { me },
            ),
        ),
      );
    }
    return qb;
  }

  /** Finished requests (or all), newest first. */
  byNewest(scope: 'finished' | 'all', afterId: number | null, limit: number): Promise<DisclosureRequest[]> {
    const qb = this.qb().where('1 = 1');
    if (scope === 'finished') qb.andWhere('r.status IN (:...finished)', { finished: FINISHED });
    if (afterId !== null) qb.andWhere('r.id < :id', { id: afterId });
    return qb.orderBy('r.id', 'DESC').take(limit).getMany();
  }

  /** Who drafted the letter waiting for approval (the four-eyes context of the buttons). */
  async draftAuthor(requestId: number, m?: EntityManager): Promise<number | null> {
    const letter = await (m ?? this.db.dataSource.manager).findOne(DisclosureLetter, { where: { requestId, status: 'draft' }, order: { id: 'DESC' }, select: { id: true, draftedById: true } });
    return letter?.draftedById ?? null;
  }

  async staffNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.dataSource.manager.createQueryBuilder(StaffAccount, 's').select(['s.id', 's.displayName']).where('s.id IN (:...ids)', { ids: unique }).getMany();
    return new Map(rows.map((s) => [s.id, s.displayName]));
  }

  /** 补正 notices whose time ran out before `today`, as the deadline task closes them. */
  supplementsLapsedBefore(today: string, limit: number): Promise<DisclosureRequest[]> {
    return this.qb().where("r.status = 'supplement_requested'").andWhere('r.supplementDueDate < :today', { today }).orderBy('r.id', 'ASC').take(limit).getMany();
  }

  /** Open requests with a running clock due by `before` that have not had `kind`'s warning yet. */
  dueBy(before: Date, kind: 'due_soon' | 'overdue', limit: number): Promise<DisclosureRequest[]> {
    const qb = this.qb().where('r.status IN (:...open)', { open: OPEN }).andWhere('r.dueAt IS NOT NULL').andWhere('r.dueAt < :before', { before });
    if (kind === 'due_soon') qb.andWhere('r.lastWarning IS NULL');
    else qb.andWhere("(r.lastWarning IS NULL OR r.lastWarning <> 'overdue')");
    return qb.orderBy('r.dueAt', 'ASC').addOrderBy('r.id', 'ASC').take(limit).getMany();
  }

  /**
   * Claims a warning: a conditional update that only one instance (and one round) wins, so the
   * warning goes once. An overdue warning may follow a due-soon one, never the other way round.
   */
  async claimWarning(id: number, kind: 'due_soon' | 'overdue'): Promise<boolean> {
    return this.db.write(async (m) => {
      const qb = m.createQueryBuilder().update(DisclosureRequest).set({ lastWarning: kind }).where('id = :id', { id });
      if (kind === 'due_soon') qb.andWhere('last_warning IS NULL');
      else qb.andWhere("(last_warning IS NULL OR last_warning <> 'overdue')");
      return Boolean((await qb.execute()).affected);
    });
  }

  /** Open requests whose deadline was counted through a year without calendar data. */
  flaggedOpen(): Promise<DisclosureRequest[]> {
    return this.qb().where('r.status IN (:...open)', { open: OPEN }).andWhere('r.flagged = :flagged', { flagged: true }).getMany();
  }

  /** Active staff who may handle requests (the recipients of a warning before anyone accepted it). */
  async activeHandlers(ids?: number[]): Promise<StaffAccount[]> {
    const qb = this.db.dataSource.manager.createQueryBuilder(StaffAccount, 's').where('s.active = :active', { active: true });
    if (ids) qb.andWhere('s.id IN (:...ids)', { ids: ids.length ? ids : [0] });
    return qb.getMany();
  }

  /** The staff home's counts. */
  async counts(now: Date, soon: Date, approvalFor: number | null): Promise<{ overdue: number; dueSoon: number; toConfirm: number; awaitingApproval: number }> {
    const [overdue, dueSoon, toConfirm, awaitingApproval] = await Promise.all([
      this.qb().where('r.status IN (:...open)', { open: OPEN }).andWhere('r.dueAt < :now', { now }).getCount(),
      this.qb().where('r.status IN (:...open)', { open: OPEN }).andWhere('r.dueAt >= :now AND r.dueAt < :soon', { now, soon }).getCount(),
      this.qb().where("r.status = 'submitted'").getCount(),
      approvalFor === null ? Promise.resolve(0) : this.filtered({ approvalFor }).getCount(),
    ]);
    return { overdue, dueSoon, toConfirm, awaitingApproval };
  }
}
