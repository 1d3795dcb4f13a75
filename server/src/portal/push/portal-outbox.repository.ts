import { Injectable } from '@nestjs/common';
import type { SyncChangeKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { READ_COMMITTED, errorText, lockedRows, retryDelayMs } from '../../common/outbox/outbox';
import { Db } from '../../database/db';
import { PortalDelivery, type PortalDeliveryStatus } from './entities/portal-delivery.entity';
import { PortalEndpoint } from './entities/portal-endpoint.entity';

/** A change of the log as the fan-out needs it. */
export interface LoggedChange {
  seq: number;
  noticeId: number;
  kind: SyncChangeKind;
}

/** A delivery leased to this worker, to be sent now. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  noticeId: number;
  seq: number;
  attempts: number;
  generation: number;
}

/** What became of one send. */
export type PushOutcome =
  | { kind: 'delivered'; status: number }
  /** The portal refused the request itself (a 4xx other than 408/425/429): the same bytes will not do better. */
  | { kind: 'refused'; status: number | null; error: string }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number };

export interface FinishedDelivery {
  row: ClaimedDelivery;
  outcome: PushOutcome;
}

/** A notice's row at an endpoint, and the notice's title now, for staff. */
export type DeliveryRecord = PortalDelivery & { title: string | null };

/** The doubling of the wait between attempts stops at an hour. */
export const MAX_BACKOFF_MS = 3600_000;
/** A notice's current rows at an endpoint (superseded ones are history). */
const CURRENT = ['queued', 'sending', 'delivered', 'failed'] as const;

/**
 * The portal outbox's SQL: the fan-out of the change log into deliveries, claims under a lease
 * (the push outbox's design, common/outbox), outcome writes conditional on the lease, re-sends
 * and what staff see. Order per endpoint and notice: a notice's newer delivery is never claimed
 * while an older one is being sent, and a newer change supersedes the older rows still waiting
 * (each push carries the notice as it is at send time).
 */
@Injectable()
export class PortalOutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Turns the changes after `from` into deliveries of the endpoint and moves its position to the
   * last of them, in one transaction that first moves the position conditionally (an instance that
   * lost the race changes nothing). A change goes there when its notice's category is one the
   * endpoint takes, or when the endpoint already had the notice (a withdrawal always follows what
   * was sent). Of several changes of a notice, only the newest is queued; the older rows of the
   * notice still waiting, failed or delivered are superseded by it. Returns false if another
   * instance had moved the position first.
   */
  fanOut(endpointId: number, from: number, changes: LoggedChange[], now: Date, retryUntil: Date): Promise<boolean> {
    const to = changes[changes.length - 1]!.seq;
    return this.db.transaction(async (m) => {
      const moved = await m.createQueryBuilder().update(PortalEndpoint).set({ position: to }).where('id = :endpointId AND position = :from', { endpointId, from }).execute();
      if (!moved.affected) return false;
      // Read after the position's lock: an admin's category change commits wholly before or after this batch.
      const endpoint = (await m.findOne(PortalEndpoint, { where: { id: endpointId }, select: { id: true, categories: true } }))!;
      const noticeIds = [...new Set(changes.map((c) => c.noticeId))];
      const categories = await this.categoriesOf(m, noticeIds);
      const had = new Set(
        (await this.db.query<{ notice_id: number | string }[]>(m, 'SELECT DISTINCT notice_id FROM portal_delivery WHERE endpoint_id = :endpointId AND notice_id IN (:...noticeIds)', { endpointId, noticeIds })).map((r) => Number(r.notice_id)),
      );
      const takes = (noticeId: number) => !endpoint.categories.length || endpoint.categories.includes(categories.get(noticeId) ?? '');
      const going = new Set<number>();
      let kept: LoggedChange[] = [];
      for (const c of changes) {
        if (had.has(c.noticeId) || going.has(c.noticeId) || (c.kind !== 'withdrawn' && takes(c.noticeId))) {
          kept.push(c);
          going.add(c.noticeId);
        }
      }
      // A notice the endpoint never had that ends withdrawn within the batch (a new endpoint
      // catching up on old changes) is left out: there is nothing at the portal to withdraw.
      const last = new Map(kept.map((c) => [c.noticeId, c.kind]));
      kept = kept.filter((c) => had.has(c.noticeId) || last.get(c.noticeId) !== 'withdrawn');
      if (!kept.length) return true;
      const newest = new Map(kept.map((c) => [c.noticeId, c.seq]));
      const rows = kept.map((c) => ({
        endpointId,
        seq: c.seq,
        noticeId: c.noticeId,
        kind: c.kind,
        status: (newest.get(c.noticeId) === c.seq ? 'queued' : 'superseded') as PortalDeliveryStatus,
        attempts: 0,
        generation: 0,
        nextAttemptAt: now,
        retryUntil,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < rows.length; i += 200) await m.insert(PortalDelivery, rows.slice(i, i + 200));
      // Rows being sent are left alone: they finish (or are superseded when their outcome is written).
      await this.db.query(
        m,
        `UPDATE portal_delivery SET status = 'superseded', updated_at = :now
         WHERE endpoint_id = :endpointId AND notice_id IN (:...ids) AND seq <= :from AND status IN ('queued', 'failed', 'delivered')`,
        { now, endpointId, ids: [...newest.keys()], from },
      );
      return true;
    }, READ_COMMITTED);
  }

  /**
   * After an admin changed the endpoint's categories (inside that transaction, which holds the
   * endpoint's row): queues each public notice of its categories (all, when none) that it never
   * had, at the notice's latest change up to the endpoint's position. Changes after the position
   * are the fan-out's, which reads the categories under the same lock, so nothing is queued twice
   * or missed. Returns how many were queued.
   */
  async backfill(m: EntityManager, endpointId: number, categories: string[], now: Date, retryUntil: Date): Promise<number> {
    const [endpoint] = await this.db.query<{ position: number | string }[]>(m, 'SELECT position FROM portal_endpoint WHERE id = :endpointId', { endpointId });
    const before = await m.count(PortalDelivery, { where: { endpointId } });
    await this.db.query(
      m,
      `INSERT INTO portal_delivery (endpoint_id, seq, notice_id, kind, status, attempts, generation, next_attempt_at, retry_until, created_at, updated_at)
       SELECT :endpointId, c.seq, c.notice_id, c.kind, 'queued', 0, 0, :now, :retryUntil, :now, :now
       FROM notice_change c JOIN notice n ON n.id = c.notice_id JOIN category k ON k.id = n.category_id
       WHERE c.seq <= :position AND c.kind <> 'withdrawn'${categories.length ? ' AND k.code IN (:...categories)' : ''}
         AND NOT EXISTS (SELECT 1 FROM notice_change l WHERE l.notice_id = c.notice_id AND l.seq > c.seq)
         AND NOT EXISTS (SELECT 1 FROM portal_delivery p WHERE p.endpoint_id = :endpointId AND p.notice_id = c.notice_id)`,
      { endpointId, now, retryUntil, position: Number(endpoint?.position ?? 0), categories },
    );
    return (await m.count(PortalDelivery, { where: { endpointId } })) - before;
  }

  /**
   * Claims up to `limit` due deliveries of the given endpoints for `owner`. A row whose lease ran
   * out (its worker stopped mid-send) is taken again — the Idempotency-Key makes a repeat harmless
   * to the portal — unless a newer change of its notice is waiting, which supersedes it. A queued
   * row waits while an older row of the same endpoint and notice is being sent.
   */
  claim(owner: string, leaseMs: number, limit: number, now: Date, endpointIds: number[]): Promise<ClaimedDelivery[]> {
    if (!endpointIds.length) return Promise.resolve([]);
    const until = new Date(now.getTime() + leaseMs);
    return this.db.transaction(async (m) => {
      const later = 'EXISTS (SELECT 1 FROM portal_delivery l WHERE l.endpoint_id = d.endpoint_id AND l.notice_id = d.notice_id AND l.seq > d.seq)';
      const expired = await lockedRows<{ id: number | string; later: number | string | boolean }>(this.db, m, {
        from: 'portal_delivery d',
        columns: `d.id, CASE WHEN ${later} THEN 1 ELSE 0 END AS later`,
        where: `d.status = 'sending' AND d.lease_until < :now AND d.endpoint_id IN (:...endpointIds)`,
        params: { now, endpointIds },
        order: 'd.lease_until, d.id',
        limit,
      });
      const superseded = expired.filter((r) => Number(r.later) === 1).map((r) => Number(r.id));
      if (superseded.length) {
        await this.db.query(m, `UPDATE portal_delivery SET status = 'superseded', lease_owner = NULL, lease_until = NULL, updated_at = :now WHERE id IN (:...ids) AND status = 'sending'`, { now, ids: superseded });
      }
      const retake = expired.filter((r) => Number(r.later) !== 1).map((r) => Number(r.id));
      const due = await lockedRows<{ id: number | string }>(this.db, m, {
        from: 'portal_delivery d',
        columns: 'd.id',
        where: `d.status = 'queued' AND d.next_attempt_at <= :now AND d.endpoint_id IN (:...endpointIds)
          AND NOT EXISTS (SELECT 1 FROM portal_delivery o WHERE o.endpoint_id = d.endpoint_id AND o.notice_id = d.notice_id AND o.status = 'sending' AND o.seq < d.seq)`,
        params: { now, endpointIds },
        order: 'd.next_attempt_at, d.id',
        limit: limit - retake.length,
      });
      const ids = [...retake, ...due.map((r) => Number(r.id))];
      if (!ids.length) return [];
      await this.db.query(
        m,
        `UPDATE portal_delivery SET attempts = attempts + 1, status = 'sending', lease_owner = :owner, lease_until = :until, last_attempt_at = :now, updated_at = :now
         WHERE id IN (:...ids) AND (status = 'queued' OR (status = 'sending' AND lease_until < :now))`,
        { owner, until, now, ids },
      );
      const rows = await this.db.query<{ id: number | string; endpoint_id: number | string; notice_id: number | string; seq: number | string; attempts: number | string; generation: number | string }[]>(
        m,
        `SELECT id, endpoint_id, notice_id, seq, attempts, generation FROM portal_delivery WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' ORDER BY id`,
        { ids, owner },
      );
      return rows.map((r) => ({ id: Number(r.id), endpointId: Number(r.endpoint_id), noticeId: Number(r.notice_id), seq: Number(r.seq), attempts: Number(r.attempts), generation: Number(r.generation) }));
    }, READ_COMMITTED);
  }

  /**
   * Renews the lease of claimed rows just before they are sent, and answers which are still
   * `owner`'s: a row whose lease ran out while the round read its bodies may be another worker's
   * by now, and sending it here too would push it twice. The lease outlasts one send (config
   * keeps PORTAL_PUSH_LEASE_MS above twice the request timeout).
   */
  hold(owner: string, ids: number[], leaseMs: number, now: Date): Promise<number[]> {
    if (!ids.length) return Promise.resolve([]);
    const until = new Date(now.getTime() + leaseMs);
    return this.db.transaction(async (m) => {
      await this.db.query(
        m,
        `UPDATE portal_delivery SET lease_until = :until WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' AND lease_until > :now`,
        { until, ids, owner, now },
      );
      const rows = await this.db.query<{ id: number | string }[]>(m, `SELECT id FROM portal_delivery WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' AND lease_until = :until`, { ids, owner, until });
      return rows.map((r) => Number(r.id));
    }, READ_COMMITTED);
  }

  /**
   * Writes outcomes, each only if the row is still leased to `owner` (a row whose lease passed to
   * another worker is that worker's now, so nothing is recorded twice). A row with a newer change
   * of its notice waiting is superseded whatever happened; a transient failure is queued again
   * after the backoff, until `retry_until` has passed: then it has failed.
   */
  record(owner: string, batch: FinishedDelivery[], retryBaseMs: number, now: Date): Promise<{ delivered: number; failed: number; retried: number }> {
    const counts = { delivered: 0, failed: 0, retried: 0 };
    if (!batch.length) return Promise.resolve(counts);
    return this.db.transaction(async (m) => {
      // The endpoints' rows first, as fan-out's position update takes them: a fan-out adding a newer
      // change of one of these notices commits wholly before this reads `later`, or waits for it.
      if (!this.db.sqlite) {
        await this.db.query(m, 'SELECT id FROM portal_endpoint WHERE id IN (:...ids) ORDER BY id FOR UPDATE', { ids: [...new Set(batch.map((f) => f.row.endpointId))] });
      }
      const mine = await lockedRows<{ id: number | string; expired: number | string; later: number | string }>(this.db, m, {
        from: 'portal_delivery d',
        columns: `d.id, CASE WHEN d.retry_until <= :now THEN 1 ELSE 0 END AS expired,
          CASE WHEN EXISTS (SELECT 1 FROM portal_delivery l WHERE l.endpoint_id = d.endpoint_id AND l.notice_id = d.notice_id AND l.seq > d.seq) THEN 1 ELSE 0 END AS later`,
        where: `d.id IN (:...ids) AND d.lease_owner = :owner AND d.status = 'sending'`,
        params: { ids: batch.map((f) => f.row.id), owner, now },
        order: 'd.id',
        limit: batch.length,
        lock: 'wait',
      });
      const held = new Map(mine.map((r) => [Number(r.id), { expired: Number(r.expired) === 1, later: Number(r.later) === 1 }]));
      for (const { row, outcome } of batch) {
        const state = held.get(row.id);
        if (!state) continue;
        const set: Record<string, unknown> = { leaseOwner: null, leaseUntil: null, updatedAt: now, lastStatus: outcome.status };
        let status: PortalDeliveryStatus;
        if (outcome.kind === 'delivered') {
          Object.assign(set, { deliveredAt: now, lastError: null });
          status = 'delivered';
        } else {
          set.lastError = errorText(outcome.error);
          if (outcome.kind === 'refused' || state.expired) {
            status = 'failed';
          } else {
            status = 'queued';
            const delay = outcome.retryAfterMs !== undefined ? Math.min(MAX_BACKOFF_MS, outcome.retryAfterMs) : retryDelayMs(row.attempts, { baseMs: retryBaseMs, maxMs: MAX_BACKOFF_MS });
            set.nextAttemptAt = new Date(now.getTime() + delay);
          }
        }
        if (state.later) status = 'superseded';
        await m.createQueryBuilder().update(PortalDelivery).set({ ...set, status }).where('id = :id', { id: row.id }).execute();
        if (status === 'delivered') counts.delivered++;
        else if (status === 'failed') counts.failed++;
        else if (status === 'queued') counts.retried++;
      }
      return counts;
    }, READ_COMMITTED);
  }

  /** Hands rows claimed but not sent (or whose send was cut off by a shutdown) back to the queue, the attempt not counted. */
  async release(owner: string, ids: number[], now: Date): Promise<void> {
    if (!ids.length) return;
    await this.db.write((m) =>
      this.db.query(m, `UPDATE portal_delivery SET status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, next_attempt_at = :now, updated_at = :now WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending'`, {
        now,
        ids,
        owner,
      }),
    );
  }

  /**
   * Queues the notice's current row at the endpoint again, with fresh attempts and deadline (a
   * delivered one under a new Idempotency-Key, so that the portal takes it again). A row being
   * sent right now is left to finish. Returns how many rows were queued (0 or 1); null when the
   * endpoint never had the notice.
   */
  async resendOne(m: EntityManager, endpointId: number, noticeId: number, now: Date, retryUntil: Date): Promise<number | null> {
    const [current] = await lockedRows<{ id: number | string; status: PortalDeliveryStatus }>(this.db, m, {
      from: 'portal_delivery d',
      columns: 'd.id, d.status',
      where: `d.endpoint_id = :endpointId AND d.notice_id = :noticeId AND d.status IN ('queued', 'sending', 'delivered', 'failed')`,
      params: { endpointId, noticeId },
      order: 'd.seq DESC',
      limit: 1,
      lock: 'wait',
    });
    if (!current) return null;
    if (current.status === 'sending') return 0;
    await this.db.query(
      m,
      `UPDATE portal_delivery SET status = 'queued', attempts = 0, generation = generation + ${current.status === 'delivered' ? 1 : 0}, next_attempt_at = :now, retry_until = :retryUntil, updated_at = :now
       WHERE id = :id AND status = :status`,
      { now, retryUntil, id: Number(current.id), status: current.status },
    );
    return 1;
  }

  /** Queues every failed delivery of the endpoint again, with fresh attempts and deadline: one statement. */
  async resendFailed(m: EntityManager, endpointId: number, now: Date, retryUntil: Date): Promise<number> {
    const result = await m
      .createQueryBuilder()
      .update(PortalDelivery)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: now, retryUntil, updatedAt: now })
      .where('endpoint_id = :endpointId AND status = :failed', { endpointId, failed: 'failed' })
      .execute();
    return Number(result.affected ?? 0);
  }

  /** The endpoint's current rows in the given statuses, newest first, after the row `beforeId`. */
  async page(endpointId: number, statuses: readonly PortalDeliveryStatus[], beforeId: number | null, take: number): Promise<DeliveryRecord[]> {
    await this.db.settled();
    return this.records(`d.endpoint_id = :endpointId AND d.status IN (:...statuses)${beforeId === null ? '' : ' AND d.id < :beforeId'}`, { endpointId, statuses, beforeId }, 'id', take);
  }

  /** The notice's current row at each endpoint that had it. */
  async ofNotice(noticeId: number): Promise<Map<number, DeliveryRecord>> {
    await this.db.settled();
    const rows = await this.records(`d.notice_id = :noticeId AND d.status IN (:...statuses)`, { noticeId, statuses: CURRENT }, 'seq', 1000);
    const current = new Map<number, DeliveryRecord>();
    for (const r of rows) if (!current.has(r.endpointId)) current.set(r.endpointId, r);
    return current;
  }

  /** Whether the notice exists at all (any status), for a clear 404. */
  async noticeExists(noticeId: number): Promise<boolean> {
    await this.db.settled();
    const rows = await this.db.query<unknown[]>(this.db.dataSource.manager, 'SELECT id FROM notice WHERE id = :noticeId', { noticeId });
    return rows.length > 0;
  }

  /** Each notice's category code (whatever its status: a withdrawn notice keeps its category). */
  private async categoriesOf(m: EntityManager, noticeIds: number[]): Promise<Map<number, string>> {
    const rows = await this.db.query<{ id: number | string; code: string }[]>(m, 'SELECT n.id, k.code FROM notice n JOIN category k ON k.id = n.category_id WHERE n.id IN (:...noticeIds)', { noticeIds });
    return new Map(rows.map((r) => [Number(r.id), r.code]));
  }

  private async records(where: string, params: Record<string, unknown>, order: 'id' | 'seq', take: number): Promise<DeliveryRecord[]> {
    const rows = await this.db.dataSource.getRepository(PortalDelivery).createQueryBuilder('d').where(where, params).orderBy(`d.${order}`, 'DESC').limit(take).getMany();
    const ids = [...new Set(rows.map((r) => r.noticeId))];
    const titles = ids.length
      ? new Map((await this.db.query<{ id: number | string; title: string }[]>(this.db.dataSource.manager, 'SELECT id, title FROM notice WHERE id IN (:...ids)', { ids })).map((r) => [Number(r.id), r.title]))
      : new Map<number, string>();
    return rows.map((r) => ({ ...r, title: titles.get(r.noticeId) ?? null }));
  }
}
