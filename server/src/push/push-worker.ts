import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { PushChannelPreview, PushFailureReason } from '@gongkai/shared';
import { Clock } from '../common/clock/clock';
import { EventBus } from '../common/events/event-bus';
import { leaseOwner } from '../common/outbox/outbox';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WechatClient } from '../wechat/wechat-client';
import { WechatApiError, WechatTransportError } from '../wechat/wechat-errors';
import { PushOutboxRepository, type Claimed, type Finished, type Outcome } from './push-outbox.repository';
import { PushTemplates } from './push-templates';
import { RateLimiter } from './rate-limiter';

const SUBSCRIBE_PATH = '/cgi-bin/message/subscribe/send';
const TEMPLATE_PATH = '/cgi-bin/message/template/send';
/** How long the whole worker pauses after WeChat's 45009 (rate or daily quota). */
const QUOTA_PAUSE_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Outcomes are written together: at most this many a transaction, at most this long after the first one. */
const FLUSH_ROWS = 200;
const FLUSH_MS = 25;
/** Lanes wait for the writes to catch up past this many unwritten outcomes. */
const MAX_UNWRITTEN = 1000;
/** How often a worker renews its heartbeat and recounts the live workers that share the global rate. */
const HEARTBEAT_MS = 5000;

/** WeChat answers that will not change on a retry. */
const PERMANENT: Record<number, PushFailureReason> = { 43101: 'refused', 43004: 'not_following', 40003: 'invalid_openid', 40037: 'invalid_template', 47003: 'invalid_data' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wakes everyone waiting, once per notify. */
class Signal {
  private waiters: (() => void)[] = [];
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? null : setTimeout(done, timeoutMs);
      const waiters = this.waiters;
      function done() {
        if (timer) clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }
  notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * Works the push outbox (`push_delivery`) in every instance. A feeder claims batches under a lease
 * (MySQL: SELECT … FOR UPDATE SKIP LOCKED, then the UPDATE that takes the lease; SQLite: the same
 * in transactions that take turns) and tops the queue up before it runs dry; a lane's worth of
 * claimed rows at a time is marked started (one UPDATE) just before the lanes send it;
 * PUSH_CONCURRENCY lanes send, together at most PUSH_RATE_PER_SECOND across all instances (each
 * live worker takes its share, counted by heartbeats); outcomes are written in batches, each row
 * only while this worker still holds its lease, so a row whose lease passed to another worker is
 * never recorded twice.
 *
 * Delivery guarantees: a row is sent only while its lease is held. If an instance dies, its
 * claimed rows that were never started go back to the queue. For a started row the ack may be
 * lost: template messages are then resent after the lease ends, harmless because client_msg_id
 * (the delivery id) makes WeChat drop the repeat within 10 minutes (the lease is far shorter);
 * subscribe messages cannot be checked with WeChat, so a started subscribe row found with an
 * expired lease is marked failed `outcome_unknown` instead of being sent again (at most once; at
 * most a lane's worth of started rows plus the unwritten outcomes of a crashed instance). A
 * graceful stop finishes the sends in flight, writes their outcomes and hands the rest back.
 */
@Injectable()
export class PushWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PushWorker');
  readonly owner = leaseOwner();
  private readonly limiter: RateLimiter;
  private readonly payloads = new Map<number, { noticeId: number; payloads: PushChannelPreview[] }>();
  private stopped = false;
  private running: Promise<unknown> | null = null;
  private pausedUntil = 0;
  private offJobFinished: (() => void) | null = null;
  /** Claimed rows, not yet marked as started. */
  private queue: Claimed[] = [];
  /** Rows marked as started, for the lanes to send. */
  private ready: Claimed[] = [];
  /**
   * Ids this worker holds, from its claim until their outcome is written: queued, ready, being
   * sent or unwritten. A row whose lease ran out while it waited here can come back in this
   * worker's own next claim; it is already held, and taking it twice would send it twice.
   */
  private readonly held = new Set<number>();
  private marking: Promise<void> | null = null;
  private readonly work = new Signal();
  private readonly demand = new Signal();
  private readonly written = new Signal();
  private readonly stopping = new Signal();
  /** Finished sends whose outcome is not written yet. */
  private unwritten: Finished[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  /** What this instance's worker did since it started (for logs and tests). */
  readonly stats = { claimed: 0, sent: 0, failed: 0, retried: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: PushOutboxRepository,
    private readonly wechat: WechatClient,
    private readonly templates: PushTemplates,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {
    this.limiter = new RateLimiter(config.push.ratePerSecond, () => clock.nowMs());
  }

  onApplicationBootstrap(): void {
    this.offJobFinished = this.bus.on('wechat.template_job_finished', ({ msgId, status }) => this.outbox.recordJobFinished(msgId, status, this.clock.now()));
    if (!this.config.push.workerEnabled) return;
    const lanes = Array.from({ length: this.config.push.concurrency }, () => this.lane());
    this.running = Promise.all([this.feed(), this.beat(), ...lanes]);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.offJobFinished?.();
    this.work.notify();
    this.demand.notify();
    this.written.notify();
    this.stopping.notify();
    await this.running;
    await this.marking;
    // Every lane has stopped: write what they finished, hand back what they did not start.
    await this.flushAll();
    const unsent = [...this.ready.splice(0), ...this.queue.splice(0)];
    this.held.clear();
    await this.outbox.release(this.owner, unsent.map((r) => r.id), this.clock.now()).catch((error: unknown) => this.logger.warn(`releasing claimed deliveries failed: ${String(error)}`));
    if (this.running) await this.outbox.forget(this.owner).catch(() => undefined);
  }

  /** Wakes the feeder now (a new campaign was made on this instance). */
  poke(): void {
    this.demand.notify();
  }

  /** Keeps the queue topped up: claims the next batch while the lanes still have a lane's worth to send. */
  private async feed(): Promise<void> {
    while (!this.stopped) {
      if (this.queue.length >= this.config.push.concurrency) {
        await this.demand.wait(this.config.push.pollMs);
        continue;
      }
      let rows: Claimed[] = [];
      try {
        rows = await this.outbox.claim(this.owner, this.config.push.leaseMs, this.config.push.batchSize, this.clock.now());
      } catch (error) {
        this.logger.warn(`claiming deliveries failed: ${String(error)}`);
      }
      // The claim renewed the lease of a row already held: the copy held is sent, not this one.
      rows = rows.filter((r) => !this.held.has(r.id));
      for (const r of rows) this.held.add(r.id);
      this.stats.claimed += rows.length;
      if (rows.length) {
        this.queue.push(...rows);
        this.markNext();
        continue;
      }
      await this.demand.wait(this.config.push.pollMs);
    }
  }

  private async lane(): Promise<void> {
    while (!this.stopped) {
      const row = this.ready.shift();
      if (!row) {
        this.markNext();
        await this.work.wait(this.config.push.pollMs);
        continue;
      }
      if (this.ready.length < this.config.push.concurrency) this.markNext();
      while (this.unwritten.length >= MAX_UNWRITTEN && !this.stopped) await this.written.wait(1000);
      try {
        await this.deliver(row);
      } catch (error) {
        // The lease runs out and the row is claimed again (subscribe: outcome_unknown, as it may have been sent).
        this.logger.warn(`delivery ${row.id} failed: ${String(error)}`);
        this.held.delete(row.id);
      }
    }
  }

  /**
   * Moves the next lane's worth of claimed rows to `ready`, marking them started in one write
   * first: so a crash gives up (subscribe: outcome_unknown) at most the rows being sent, not the
   * whole claimed batch.
   */
  private markNext(): void {
    if (this.marking || this.stopped || !this.queue.length) {
      if (!this.queue.length) this.demand.notify();
      return;
    }
    const rows = this.queue.splice(0, this.config.push.concurrency);
    if (this.queue.length < this.config.push.concurrency) this.demand.notify();
    this.marking = this.outbox
      .markStarted(this.owner, rows.map((r) => r.id), this.config.push.leaseMs, this.clock.now())
      .then(
        (marked) => {
          // Rows not marked are no longer this worker's (their lease ran out): dropped, not sent.
          const mine = new Set(marked);
          for (const r of rows) if (!mine.has(r.id)) this.held.delete(r.id);
          this.ready.push(...rows.filter((r) => mine.has(r.id)));
          this.work.notify();
        },
        async (error: unknown) => {
          this.logger.warn(`marking deliveries started failed: ${String(error)}`);
          this.queue.unshift(...rows);
          await sleep(500);
        },
      )
      .finally(() => {
        this.marking = null;
        if (this.ready.length < this.config.push.concurrency && this.queue.length) this.markNext();
      });
  }

  /** Renews this worker's heartbeat and sets its share of the global send rate. */
  private async beat(): Promise<void> {
    while (!this.stopped) {
      try {
        const now = this.clock.now();
        const live = await this.outbox.heartbeat(this.owner, new Date(now.getTime() - 3 * HEARTBEAT_MS), now);
        this.limiter.setRate(this.config.push.ratePerSecond / Math.max(1, live));
      } catch (error) {
        this.logger.warn(`push worker heartbeat failed: ${String(error)}`);
      }
      await this.stopping.wait(HEARTBEAT_MS);
    }
  }

  /** This worker's share of PUSH_RATE_PER_SECOND now (for tests and logs). */
  get ratePerSecond(): number {
    return this.limiter.perSecond;
  }

  private finish(row: Claimed, payload: PushChannelPreview | undefined, outcome: Outcome): void {
    this.unwritten.push({ row, templateId: payload?.templateId ?? null, outcome });
    if (this.unwritten.length >= FLUSH_ROWS) void this.flush();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes the unwritten outcomes, one batch at a time. */
  private flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.flushing || !this.unwritten.length) return this.flushing ?? Promise.resolve();
    const batch = this.unwritten.splice(0, FLUSH_ROWS);
    this.flushing = this.outbox
      .record(this.owner, batch, { maxAttempts: this.config.push.maxAttempts, retryBaseMs: this.config.push.retryBaseMs, maxBackoffMs: MAX_BACKOFF_MS }, this.clock.now())
      .then(
        (counts) => {
          for (const f of batch) this.held.delete(f.row.id);
          this.stats.sent += counts.sent;
          this.stats.failed += counts.failed;
          this.stats.retried += counts.retried;
        },
        async (error: unknown) => {
          // Keep them: the leases run long, the next write tries again.
          this.logger.warn(`writing ${batch.length} push outcomes failed: ${String(error)}`);
          this.unwritten.unshift(...batch);
          await sleep(500);
        },
      )
      .finally(() => {
        this.flushing = null;
        this.written.notify();
        if (this.unwritten.length) {
          if (this.unwritten.length >= FLUSH_ROWS || this.stopped) void this.flush();
          else if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
        }
      });
    return this.flushing;
  }

  private async flushAll(): Promise<void> {
    for (let tries = 0; (this.unwritten.length || this.flushing) && tries < 20; tries++) await this.flush();
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  private async deliver(row: Claimed): Promise<void> {
    const campaign = await this.campaign(row.campaignId);
    const payload = campaign?.payloads.find((p) => p.channel === row.channel);
    if (!campaign || !payload || !row.openid) {
      this.finish(row, payload, { kind: 'failed', reason: 'error', code: 'internal', error: 'campaign data missing' });
      return;
    }
    const request = this.request(row, campaign.noticeId, payload);
    const configured = row.channel === 'subscribe' ? this.wechat.configured : this.wechat.oaConfigured;
    if (!configured) {
      this.finish(row, payload, { kind: 'sent', msgid: null, dryRun: true, request });
      return;
    }
    const wait = this.pausedUntil - this.clock.nowMs();
    if (wait > 0) await sleep(wait);
    await this.limiter.take();
    let outcome: Outcome;
    try {
      const answer = await this.wechat.sendMessage(row.channel === 'subscribe' ? 'mini' : 'oa', request.path, request.body);
      outcome = { kind: 'sent', msgid: answer.msgid === undefined || answer.msgid === null ? null : String(answer.msgid), dryRun: false };
    } catch (error) {
      outcome = this.classify(error);
    }
    this.finish(row, payload, outcome);
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
        this.pausedUntil = this.clock.nowMs() + QUOTA_PAUSE_MS;
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

  private async campaign(id: number): Promise<{ noticeId: number; payloads: PushChannelPreview[] } | null> {
    const cached = this.payloads.get(id);
    if (cached) return cached;
    const entry = await this.outbox.campaignPayloads(id);
    if (!entry) return null;
    if (this.payloads.size > 1000) this.payloads.clear();
    this.payloads.set(id, entry);
    return entry;
  }
}
