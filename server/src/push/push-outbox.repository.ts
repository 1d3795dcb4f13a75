import { Injectable } from '@nestjs/common';
import type { PushChannel, PushFailureReason } from '@gongkai/shared';
import { EntityManager, In, LessThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { READ_COMMITTED, errorText, lockedRows, retryDelayMs } from '../common/outbox/outbox';
import { Db } from '../database/db';
import { PushCampaign } from './entities/push-campaign.entity';
import { PushDelivery } from './entities/push-delivery.entity';
import { PushDryRun } from './entities/push-dry-run.entity';
import { PushQuota } from './entities/push-quota.entity';
import { PushWorkerHeartbeat } from './entities/push-worker-heartbeat.entity';

export type Claimed = Pick<PushDelivery, 'id' | 'campaignId' | 'parentId' | 'channel' | 'openid' | 'attempts'>;

/** What became of one send. */
export type Outcome =
  | { kind: 'sent'; msgid: string | null; dryRun: boolean; request?: { path: string; body: object } }
  | { kind: 'failed'; reason: PushFailureReason; code: string; error: string }
  | { kind: 'retry'; code: string; error: string; countAttempt: boolean; delayMs?: number };

/** One finished send waiting to be written: the row as claimed, the template it used, and what happened. */
export interface Finished {
  row: Claimed;
  templateId: string | null;
  outcome: Outcome;
}

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  maxBackoffMs: number;
}

/**
 * The outbox's SQL: claims under a lease, hand-backs, and the outcome writes. Outcomes are written
 * in batches (one transaction for up to a few hundred sends, one UPDATE per kind of outcome),
 * each conditional on the row still being leased to the writing worker.
 */
@Injectable()
export class PushOutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims up to `limit` due rows for `owner`. Rows whose lease ran out belong to a worker that
   * stopped: those it never started go back to the queue; of those it started, subscribe rows
   * become `outcome_unknown` (WeChat may have delivered them, and a subscribe message must not go
   * out twice) and template rows are taken again (client_msg_id makes a resend harmless).
   */
  claim(owner: string, leaseMs: number, limit: number, now: Date): Promise<Claimed[]> {
    const until = new Date(now.getTime() + leaseMs);
    return this.db.transaction(async (m) => {
      // Each ordered as its index (status, lease_until | next_attempt_at) is, so LIMIT stops early
      // instead of sorting every queued row of a 100,000-row campaign by id on each claim.
      const expired = await this.lockable(m, 'd.status = :s AND d.lease_until < :now', { s: 'sending', now }, limit, 'd.lease_until, d.id');
      const lost = expired.filter((r) => r.channel === 'subscribe' && r.started).map((r) => r.id);
      if (lost.length) {
        await m
          .createQueryBuilder()
          .update(PushDelivery)
          .set({ status: 'failed', reason: 'outcome_unknown', lastError: 'lease expired during a send; not resent (a subscribe message must not go out twice)', leaseOwner: null, leaseUntil: null, updatedAt: now })
          .where({ id: In(lost), status: 'sending' })
          .execute();
      }
      const retake = expired.filter((r) => r.channel === 'template' || !r.started).map((r) => r.id);
      const due = await this.lockable(m, 'd.status = :s AND d.next_attempt_at <= :now', { s: 'queued', now }, limit - retake.length, 'd.next_attempt_at, d.id');
      const ids = [...retake, ...due.map((r) => r.id)];
      if (ids.length === 0) return [];
      await this.db.query(
        m,
        // attempts first: MySQL evaluates SET left to right with the new values (SQLite with the old).
        // A row retaken that its worker never started does not count the attempt twice.
        `UPDATE push_delivery SET attempts = CASE WHEN status = 'sending' AND started_at IS NULL THEN attempts ELSE attempts + 1 END,
           status = 'sending', lease_owner = :owner, lease_until = :until, started_at = NULL, updated_at = :now
         WHERE id IN (:...ids) AND (status = 'queued' OR (status = 'sending' AND lease_until < :now))`,
        { owner, until, now, ids },
      );
      const rows = await this.db.query<{ id: number | string; campaign_id: number | string; parent_id: number | string; channel: PushChannel; openid: string | null; attempts: number | string }[]>(
        m,
        `SELECT id, campaign_id, parent_id, channel, openid, attempts FROM push_delivery WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' ORDER BY id`,
        { ids, owner },
      );
      return rows.map((r) => ({ id: Number(r.id), campaignId: Number(r.campaign_id), parentId: Number(r.parent_id), channel: r.channel, openid: r.openid, attempts: Number(r.attempts) }));
    }, READ_COMMITTED);
  }

  /**
   * Marks claimed rows as being sent now, renewing their lease for the send: from here on a crash
   * leaves them `outcome_unknown` (subscribe). Returns the rows marked: only those still leased to
   * `owner`. A row whose lease ran out while it waited in this worker's queue may already be
   * another worker's; sending it here too would deliver it twice.
   */
  markStarted(owner: string, ids: number[], leaseMs: number, now: Date): Promise<number[]> {
    const until = new Date(now.getTime() + leaseMs);
    return this.db.transaction(async (m) => {
      await this.db.query(
        m,
        `UPDATE push_delivery SET started_at = :now, lease_until = :until
         WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' AND lease_until > :now`,
        { now, until, ids, owner },
      );
      const rows = await this.db.query<{ id: number | string }[]>(
        m,
        `SELECT id FROM push_delivery WHERE id IN (:...ids) AND lease_owner = :owner AND status = 'sending' AND started_at IS NOT NULL`,
        { ids, owner },
      );
      return rows.map((r) => Number(r.id));
    }, READ_COMMITTED);
  }

  /** Hands rows claimed but not sent back to the queue (graceful stop). */
  async release(owner: string, ids: number[], now: Date): Promise<void> {
    if (!ids.length) return;
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(PushDelivery)
        .set({ status: 'queued', leaseOwner: null, leaseUntil: null, startedAt: null, attempts: () => 'attempts - 1', updatedAt: now })
        .where({ id: In(ids), leaseOwner: owner, status: 'sending' })
        .execute(),
    );
  }

  /**
   * Writes a batch of outcomes in one transaction. Only rows still leased to `owner` are written
   * (a row whose lease passed to another worker is that worker's now); quotas, dry-run records and
   * WeChat's template-job results follow the rows actually written.
   */
  record(owner: string, batch: Finished[], policy: RetryPolicy, now: Date): Promise<{ sent: number; failed: number; retried: number }> {
    const counts = { sent: 0, failed: 0, retried: 0 };
    return this.db.transaction(async (m) => {
      // Locked (not skipped): a row of ours is never held by another worker for long.
      const mine = new Set((await this.lockable(m, 'd.id IN (:...ids) AND d.lease_owner = :owner AND d.status = :s', { ids: batch.map((f) => f.row.id), owner, s: 'sending' }, batch.length, 'd.id', 'wait')).map((r) => r.id));
      const items = batch.filter((f) => mine.has(f.row.id));
      if (!items.length) return counts;
      const released = { leaseOwner: null, leaseUntil: null, updatedAt: now };
      const update = (ids: number[], set: QueryDeepPartialEntity<PushDelivery>) =>
        m.createQueryBuilder().update(PushDelivery).set(set).where('id IN (:...ids)', { ids }).execute();

      const sent = items.filter((f): f is Finished & { outcome: Extract<Outcome, { kind: 'sent' }> } => f.outcome.kind === 'sent');
      for (const dryRun of [false, true]) {
        const group = sent.filter((f) => f.outcome.dryRun === dryRun);
        if (!group.length) continue;
        const withMsgid = group.filter((f) => f.outcome.msgid !== null);
        const params: Record<string, unknown> = { now, dryRun, ids: group.map((f) => f.row.id) };
        // One UPDATE for the group; the msgids WeChat gave differ per row.
        const cases = withMsgid.map((f, i) => ((params[`m${i}`] = f.outcome.msgid), `WHEN ${f.row.id} THEN :m${i}`));
        await this.db.query(
          m,
          `UPDATE push_delivery SET status = 'sent', msgid = ${cases.length ? `CASE id ${cases.join(' ')} ELSE NULL END` : 'NULL'}, sent_at = :now, dry_run = :dryRun,
             reason = NULL, lease_owner = NULL, lease_until = NULL, updated_at = :now
           WHERE id IN (:...ids)`,
          params,
        );
      }
      counts.sent = sent.length;
      if (sent.length) {
        await this.db.query(m, 'UPDATE push_campaign SET started_at = :now WHERE id IN (:...ids) AND started_at IS NULL', { now, ids: [...new Set(sent.map((f) => f.row.campaignId))] });
      }
      const recorded = sent.filter((f) => f.outcome.request);
      if (recorded.length) {
        await m.insert(PushDryRun, recorded.map((f) => ({ deliveryId: f.row.id, path: f.outcome.request!.path, body: f.outcome.request!.body, createdAt: now })));
      }
      await this.useQuota(m, sent.filter((f) => f.row.channel === 'subscribe'), now);
      // WeChat's job result may have come back before this batch was written.
      const msgids = sent.filter((f) => f.row.channel === 'template' && f.outcome.msgid !== null).map((f) => f.outcome.msgid!);
      if (msgids.length) {
        await m.query(
          `UPDATE push_delivery SET job_status = (SELECT r.status FROM oa_template_job_result r WHERE r.msg_id = push_delivery.msgid)
           WHERE channel = 'template' AND msgid IN (${msgids.map(() => '?').join(', ')}) AND msgid IN (SELECT msg_id FROM oa_template_job_result)`,
          msgids,
        );
      }

      // Permanent failures, grouped by what is written.
      const failed = items.filter((f): f is Finished & { outcome: Extract<Outcome, { kind: 'failed' }> } => f.outcome.kind === 'failed');
      for (const group of groupBy(failed, (f) => JSON.stringify([f.outcome.reason, f.outcome.code, f.outcome.error]))) {
        const { reason, code, error } = group[0]!.outcome;
        await update(group.map((f) => f.row.id), { ...released, status: 'failed', reason, lastErrorCode: code, lastError: errorText(error) });
      }
      counts.failed = failed.length;
      // 43101: the parent has no acceptance left, whatever we counted.
      for (const group of groupBy(failed.filter((f) => f.outcome.reason === 'refused' && f.templateId), (f) => f.templateId!)) {
        await m.update(PushQuota, { templateId: group[0]!.templateId!, parentId: In(group.map((f) => f.row.parentId)) }, { remaining: 0, updatedAt: now });
      }

      // Transient failures: again later, unless out of tries or the campaign was cancelled.
      const retry = items.filter((f): f is Finished & { outcome: Extract<Outcome, { kind: 'retry' }> } => f.outcome.kind === 'retry');
      counts.retried = retry.length;
      if (!retry.length) return counts;
      const campaignIds = [...new Set(retry.map((f) => f.row.campaignId))];
      const cancelled = new Set((await m.find(PushCampaign, { where: { id: In(campaignIds), status: 'cancelled' }, select: { id: true } })).map((c) => c.id));
      for (const f of retry) {
        const { code, error } = f.outcome;
        const attempts = f.outcome.countAttempt ? f.row.attempts : f.row.attempts - 1;
        const last = { lastErrorCode: code, lastError: errorText(error) };
        if (attempts >= policy.maxAttempts) {
          await update([f.row.id], { ...released, ...last, status: 'failed', reason: 'retries_exhausted' });
        } else if (cancelled.has(f.row.campaignId)) {
          await update([f.row.id], { ...released, ...last, status: 'cancelled' });
        } else {
          const delay = f.outcome.delayMs ?? retryDelayMs(attempts, { baseMs: policy.retryBaseMs, maxMs: policy.maxBackoffMs });
          await update([f.row.id], { ...released, ...last, status: 'queued', attempts, nextAttemptAt: new Date(now.getTime() + delay) });
        }
      }
      return counts;
    }, READ_COMMITTED);
  }

  /** TEMPLATESENDJOBFINISH: the final status of a template message, on the delivery that sent it (if already written). */
  async recordJobFinished(msgId: string, status: string, now: Date): Promise<void> {
    await this.db.write((m) => m.update(PushDelivery, { msgid: msgId, channel: 'template' }, { jobStatus: status.slice(0, 100), updatedAt: now }));
  }

  /** What every delivery of the campaign sends: its notice and the fitted data of each channel (null: no such campaign). */
  async campaignPayloads(id: number): Promise<Pick<PushCampaign, 'noticeId' | 'payloads'> | null> {
    const row = await this.db.dataSource.getRepository(PushCampaign).findOne({ where: { id }, select: { id: true, noticeId: true, payloads: true } });
    return row ? { noticeId: row.noticeId, payloads: row.payloads } : null;
  }

  /** Renews `owner`'s heartbeat and answers how many workers are alive (beat since `aliveSince`), this one included. */
  async heartbeat(owner: string, aliveSince: Date, now: Date): Promise<number> {
    return this.db.transaction(async (m) => {
      // One upsert: an UPDATE that finds no row and then an INSERT take a gap lock first, and two
      // instances starting together deadlocked on it (InnoDB).
      await m.upsert(PushWorkerHeartbeat, { owner, heartbeatAt: now }, ['owner']);
      // Workers gone for long are forgotten (their instance was killed). Found by a plain read and
      // deleted by key: a DELETE by heartbeat_at (no index) locks every row it scans, live workers'
      // included, and two instances beating at once deadlocked (29 of 30 simultaneous beats on MariaDB).
      const cutoff = new Date(aliveSince.getTime() - 3600_000);
      const gone = await m.find(PushWorkerHeartbeat, { where: { heartbeatAt: LessThan(cutoff) }, select: { owner: true } });
      if (gone.length) await m.delete(PushWorkerHeartbeat, { owner: In(gone.map((w) => w.owner)), heartbeatAt: LessThan(cutoff) });
      return m.getRepository(PushWorkerHeartbeat).createQueryBuilder('w').where('w.heartbeat_at >= :since', { since: aliveSince }).getCount();
    });
  }

  async forget(owner: string): Promise<void> {
    await this.db.write((m) => m.delete(PushWorkerHeartbeat, { owner }));
  }

  /** A successful subscribe send uses one acceptance of its template; a parent sent twice in one batch uses two. */
  private async useQuota(m: EntityManager, sent: Finished[], now: Date): Promise<void> {
    for (const group of groupBy(sent.filter((f) => f.templateId), (f) => f.templateId!)) {
      let parents = group.map((f) => f.row.parentId);
      while (parents.length) {
        const round = [...new Set(parents)];
        await this.db.query(m, 'UPDATE push_quota SET remaining = remaining - 1, updated_at = :now WHERE template_id = :t AND parent_id IN (:...p) AND remaining > 0', { now, t: group[0]!.templateId, p: round });
        for (const p of round) parents.splice(parents.indexOf(p), 1);
      }
    }
  }

  /** The ids matching `where`, locked for this transaction (MySQL; by default skipping rows other workers hold). */
  private async lockable(m: EntityManager, where: string, params: Record<string, unknown>, limit: number, order: string, lock: 'skip' | 'wait' = 'skip'): Promise<{ id: number; channel: PushChannel; started: boolean }[]> {
    const rows = await lockedRows<{ id: number | string; channel: PushChannel; started_at: unknown }>(this.db, m, { from: 'push_delivery d', columns: 'd.id, d.channel, d.started_at', where, params, order, limit, lock });
    return rows.map((r) => ({ id: Number(r.id), channel: r.channel, started: r.started_at !== null && r.started_at !== undefined }));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
