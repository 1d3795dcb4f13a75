import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PushChannel, PushChannelPreview, PushFailureReason } from '@gongkai/shared';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, EntityManager, In } from 'typeorm';
import { EventBus } from '../common/events/event-bus';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db';
import { WechatClient } from '../wechat/wechat-client';
import { WechatApiError, WechatTransportError } from '../wechat/wechat-errors';
import { PushCampaign } from './entities/push-campaign.entity';
import { PushDelivery } from './entities/push-delivery.entity';
import { PushDryRun } from './entities/push-dry-run.entity';
import { PushQuota } from './entities/push-quota.entity';
import { PushTemplates } from './push-templates';

const SUBSCRIBE_PATH = '/cgi-bin/message/subscribe/send';
const TEMPLATE_PATH = '/cgi-bin/message/template/send';
/** How long the whole worker pauses after WeChat's 45009 (rate or daily quota). */
const QUOTA_PAUSE_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** WeChat answers that will not change on a retry. */
const PERMANENT: Record<number, PushFailureReason> = { 43101: 'refused', 43004: 'not_following', 40003: 'invalid_openid', 40037: 'invalid_template', 47003: 'invalid_data' };

type Claimed = Pick<PushDelivery, 'id' | 'campaignId' | 'parentId' | 'channel' | 'openid' | 'attempts'>;

/** What became of one send. */
type Outcome =
  | { kind: 'sent'; msgid: string | null; dryRun: boolean; request?: { path: string; body: object } }
  | { kind: 'failed'; reason: PushFailureReason; code: string; error: string }
  | { kind: 'retry'; code: string; error: string; countAttempt: boolean; delayMs?: number };

/** A token bucket: `rate` sends a second, bursts up to one second's worth. Per instance. */
class RateLimiter {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly rate: number) {
    this.tokens = rate;
  }
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Works the push outbox (`push_delivery`) in every instance. A batch is claimed with a lease
 * (MySQL: SELECT … FOR UPDATE SKIP LOCKED in a short transaction, then the UPDATE that takes
 * the lease; SQLite: a conditional UPDATE, transactions taking turns), sent by PUSH_CONCURRENCY
 * lanes at most PUSH_RATE_PER_SECOND per instance, and each outcome is written with a condition
 * on (id, lease_owner, status = 'sending'), so a row whose lease passed to another worker is
 * never recorded twice.
 *
 * Delivery guarantees: a row is sent only while its lease is held. If an instance dies between
 * WeChat's answer and the outcome update, the ack is lost: template messages are then resent
 * after the lease ends, harmless because client_msg_id (the delivery id) makes WeChat drop the
 * repeat within 10 minutes (the lease is far shorter); subscribe messages cannot be checked with
 * WeChat, so a subscribe row found with an expired lease is marked failed `outcome_unknown`
 * instead of being sent again (at most once; at most one batch per crashed instance). A
 * graceful stop finishes the sends in flight and hands unsent claimed rows back.
 */
@Injectable()
export class PushWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PushWorker');
  readonly owner = `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly limiter: RateLimiter;
  private readonly payloads = new Map<number, { noticeId: number; payloads: PushChannelPreview[] }>();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pausedUntil = 0;
  private offJobFinished: (() => void) | null = null;
  /** What this instance's worker did since it started (for logs and tests). */
  readonly stats = { claimed: 0, sent: 0, failed: 0, retried: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly wechat: WechatClient,
    private readonly templates: PushTemplates,
    private readonly bus: EventBus,
  ) {
    this.limiter = new RateLimiter(config.push.ratePerSecond);
  }

  onApplicationBootstrap(): void {
    this.offJobFinished = this.bus.on('wechat.template_job_finished', ({ msgId, status }) => this.recordJobFinished(msgId, status));
    if (!this.config.push.workerEnabled) return;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.offJobFinished?.();
    this.wake?.();
    await this.loop;
  }

  /** Wakes the loop now (a new campaign was made on this instance). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let rows: Claimed[] = [];
      try {
        rows = await this.claim();
      } catch (error) {
        this.logger.warn(`claiming deliveries failed: ${String(error)}`);
      }
      if (this.stopped) {
        await this.release(rows);
        return;
      }
      this.stats.claimed += rows.length;
      if (rows.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.push.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        continue;
      }
      await this.work(rows);
    }
  }

  /** Claims up to PUSH_BATCH_SIZE due rows for this instance. */
  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const until = new Date(now.getTime() + this.config.push.leaseMs);
    const limit = this.config.push.batchSize;
    return this.db.transaction(async (m) => {
      // Rows whose lease ran out: their instance stopped mid-send.
      const expired = await this.lockable(m, 'd.status = :s AND d.lease_until < :now', { s: 'sending', now }, limit);
      const lost = expired.filter((r) => r.channel === 'subscribe').map((r) => r.id);
      if (lost.length) {
        await m
          .createQueryBuilder()
          .update(PushDelivery)
          .set({ status: 'failed', reason: 'outcome_unknown', lastError: 'lease expired during a send; not resent (a subscribe message must not go out twice)', leaseOwner: null, leaseUntil: null, updatedAt: now })
          .where({ id: In(lost), status: 'sending' })
          .execute();
      }
      const retake = expired.filter((r) => r.channel === 'template').map((r) => r.id);
      const due = await this.lockable(m, 'd.status = :s AND d.next_attempt_at <= :now', { s: 'queued', now }, limit - retake.length);
      const ids = [...retake, ...due.map((r) => r.id)];
      if (ids.length === 0) return [];
      await m
        .createQueryBuilder()
        .update(PushDelivery)
        .set({ status: 'sending', leaseOwner: this.owner, leaseUntil: until, attempts: () => 'attempts + 1', updatedAt: now })
        .where('id IN (:...ids)', { ids })
        .andWhere("(status = 'queued' OR (status = 'sending' AND lease_until < :now))", { now })
        .execute();
      return m.getRepository(PushDelivery).find({
        where: { id: In(ids), leaseOwner: this.owner, status: 'sending' },
        select: { id: true, campaignId: true, parentId: true, channel: true, openid: true, attempts: true },
        order: { id: 'ASC' },
      });
    });
  }

  /** The ids matching `where`, locked for this transaction and skipping rows other workers hold (MySQL). */
  private async lockable(m: EntityManager, where: string, params: Record<string, unknown>, limit: number): Promise<{ id: number; channel: PushChannel }[]> {
    if (limit <= 0) return [];
    const qb = m.getRepository(PushDelivery).createQueryBuilder('d').select(['d.id', 'd.channel']).where(where, params).orderBy('d.id', 'ASC').limit(limit);
    if (this.db.sqlite) return qb.getMany();
    const [sql, values] = qb.getQueryAndParameters();
    const rows: { d_id: number; d_channel: PushChannel }[] = await m.query(`${sql} FOR UPDATE SKIP LOCKED`, values);
    return rows.map((r) => ({ id: Number(r.d_id), channel: r.d_channel }));
  }

  /** Hands rows this instance claimed but did not send back to the queue (graceful stop). */
  private async release(rows: Claimed[]): Promise<void> {
    if (!rows.length) return;
    await this.db
      .write((m) =>
        m
          .createQueryBuilder()
          .update(PushDelivery)
          .set({ status: 'queued', leaseOwner: null, leaseUntil: null, attempts: () => 'attempts - 1', updatedAt: new Date() })
          .where({ id: In(rows.map((r) => r.id)), leaseOwner: this.owner, status: 'sending' })
          .execute(),
      )
      .catch((error: unknown) => this.logger.warn(`releasing claimed deliveries failed: ${String(error)}`));
  }

  private async work(rows: Claimed[]): Promise<void> {
    let next = 0;
    const unsent: Claimed[] = [];
    const lane = async () => {
      for (;;) {
        const row = rows[next++];
        if (!row) return;
        if (this.stopped) {
          unsent.push(row);
          continue;
        }
        try {
          await this.deliver(row);
        } catch (error) {
          // The lease runs out and the row is claimed again (subscribe: outcome_unknown only if it may have been sent).
          this.logger.warn(`delivery ${row.id} failed: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.push.concurrency, rows.length) }, lane));
    await this.release(unsent);
  }

  private async deliver(row: Claimed): Promise<void> {
    const campaign = await this.campaign(row.campaignId);
    const payload = campaign?.payloads.find((p) => p.channel === row.channel);
    if (!campaign || !payload || !row.openid) {
      await this.record(row, payload, { kind: 'failed', reason: 'error', code: 'internal', error: 'campaign data missing' });
      return;
    }
    const request = this.request(row, campaign.noticeId, payload);
    const configured = row.channel === 'subscribe' ? this.wechat.configured : this.wechat.oaConfigured;
    if (!configured) {
      await this.record(row, payload, { kind: 'sent', msgid: null, dryRun: true, request });
      return;
    }
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await sleep(wait);
    await this.limiter.take();
    let outcome: Outcome;
    try {
      const answer = await this.wechat.sendMessage(row.channel === 'subscribe' ? 'mini' : 'oa', request.path, request.body);
      outcome = { kind: 'sent', msgid: answer.msgid === undefined || answer.msgid === null ? null : String(answer.msgid), dryRun: false };
    } catch (error) {
      outcome = this.classify(error);
    }
    await this.record(row, payload, outcome);
  }

  private request(row: Claimed, noticeId: number, payload: PushChannelPreview): { path: string; body: object } {
    const template = this.templates.find(row.channel, payload.templateId);
    const page = (template?.page ?? 'pages/notice/index?id={id}').replace('{id}', String(noticeId));
    if (row.channel === 'subscribe') {
      return { path: SUBSCRIBE_PATH, body: { touser: row.openid, template_id: payload.templateId, page, data: payload.data, miniprogram_state: 'formal', lang: 'zh_CN' } };
    }
    const mini = this.config.wechat.mini;
    return {
      path: TEMPLATE_PATH,
      body: {
        touser: row.openid,
        template_id: payload.templateId,
        ...(mini ? { miniprogram: { appid: mini.appId, pagepath: page } } : {}),
        // WeChat drops a repeat with the same client_msg_id for 10 minutes: a resend after a lost ack is harmless.
        client_msg_id: `push-${row.id}`,
        data: payload.data,
      },
    };
  }

  private classify(error: unknown): Outcome {
    if (error instanceof WechatApiError) {
      const code = String(error.errcode);
      const permanent = PERMANENT[error.errcode];
      if (permanent) return { kind: 'failed', reason: permanent, code, error: error.message };
      if (error.errcode === 45009) {
        this.pausedUntil = Date.now() + QUOTA_PAUSE_MS;
        return { kind: 'retry', code, error: error.message, countAttempt: false, delayMs: QUOTA_PAUSE_MS };
      }
      // Still refused after one fresh token: try again at once with the next one.
      if (error.errcode === 40001 || error.errcode === 42001) return { kind: 'retry', code, error: error.message, countAttempt: false, delayMs: 0 };
      if (error.errcode === -1) return { kind: 'retry', code, error: error.message, countAttempt: true };
      return { kind: 'failed', reason: 'error', code, error: error.message };
    }
    if (error instanceof WechatTransportError) return { kind: 'retry', code: error.status ? `http_${error.status}` : error.kind, error: error.message, countAttempt: true };
    // WeChat unavailable while fetching the token (an ApiError 503) and the like.
    return { kind: 'retry', code: 'unavailable', error: String((error as Error)?.message ?? error), countAttempt: true };
  }

  /** Writes the outcome, only while this worker still holds the row's lease. */
  private async record(row: Claimed, payload: PushChannelPreview | undefined, outcome: Outcome): Promise<void> {
    const now = new Date();
    const mine = { id: row.id, leaseOwner: this.owner, status: 'sending' as const };
    const released = { leaseOwner: null, leaseUntil: null, updatedAt: now };
    await this.db.transaction(async (m) => {
      if (outcome.kind === 'sent') {
        const result = await m.update(PushDelivery, mine, { ...released, status: 'sent', msgid: outcome.msgid, sentAt: now, dryRun: outcome.dryRun, reason: null });
        if (result.affected !== 1) return;
        this.stats.sent++;
        if (outcome.request) await m.insert(PushDryRun, { deliveryId: row.id, path: outcome.request.path, body: outcome.request.body, createdAt: now });
        if (row.channel === 'subscribe' && payload) {
          await m
            .createQueryBuilder()
            .update(PushQuota)
            .set({ remaining: () => 'remaining - 1', updatedAt: now })
            .where('parent_id = :p AND template_id = :t AND remaining > 0', { p: row.parentId, t: payload.templateId })
            .execute();
        }
        return;
      }
      if (outcome.kind === 'failed') {
        this.stats.failed++;
        const result = await m.update(PushDelivery, mine, { ...released, status: 'failed', reason: outcome.reason, lastErrorCode: outcome.code, lastError: outcome.error.slice(0, 300) });
        if (result.affected === 1 && outcome.reason === 'refused' && payload) await m.update(PushQuota, { parentId: row.parentId, templateId: payload.templateId }, { remaining: 0, updatedAt: now });
        return;
      }
      this.stats.retried++;
      const attempts = outcome.countAttempt ? row.attempts : row.attempts - 1;
      if (attempts >= this.config.push.maxAttempts) {
        await m.update(PushDelivery, mine, { ...released, status: 'failed', reason: 'retries_exhausted', lastErrorCode: outcome.code, lastError: outcome.error.slice(0, 300) });
        return;
      }
      const campaign = await m.findOne(PushCampaign, { where: { id: row.campaignId }, select: { id: true, status: true } });
      if (campaign?.status === 'cancelled') {
        await m.update(PushDelivery, mine, { ...released, status: 'cancelled', lastErrorCode: outcome.code, lastError: outcome.error.slice(0, 300) });
        return;
      }
      const delay = outcome.delayMs ?? Math.min(MAX_BACKOFF_MS, this.config.push.retryBaseMs * 2 ** Math.max(0, attempts - 1)) * (0.5 + Math.random());
      await m.update(PushDelivery, mine, { ...released, status: 'queued', attempts, nextAttemptAt: new Date(now.getTime() + delay), lastErrorCode: outcome.code, lastError: outcome.error.slice(0, 300) });
    });
  }

  private async campaign(id: number): Promise<{ noticeId: number; payloads: PushChannelPreview[] } | null> {
    const cached = this.payloads.get(id);
    if (cached) return cached;
    const row = await this.dataSource.getRepository(PushCampaign).findOne({ where: { id }, select: { id: true, noticeId: true, payloads: true } });
    if (!row) return null;
    const entry = { noticeId: row.noticeId, payloads: row.payloads };
    if (this.payloads.size > 1000) this.payloads.clear();
    this.payloads.set(id, entry);
    return entry;
  }

  /** TEMPLATESENDJOBFINISH: the final status of a template message, on the delivery that sent it. */
  private async recordJobFinished(msgId: string, status: string): Promise<void> {
    await this.db.write((m) => m.update(PushDelivery, { msgid: msgId, channel: 'template' }, { jobStatus: status.slice(0, 100), updatedAt: new Date() }));
  }
}
