import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { SyncChange } from '@gongkai/shared';
import { Clock } from '../../common/clock/clock';
import { EventBus } from '../../common/events/event-bus';
import { leaseOwner } from '../../common/outbox/outbox';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ChangeLog } from '../../publishing/changes/change-log.service';
import { SyncDocuments } from '../sync/sync-documents';
import type { PortalEndpoint } from './entities/portal-endpoint.entity';
import { PortalEndpointsRepository } from './portal-endpoints.repository';
import { PortalOutboxRepository, type ClaimedDelivery, type FinishedDelivery } from './portal-outbox.repository';
import { sendPush } from './portal-sender';

export const PORTAL_PUSH_TASK = 'portal-push';
/** Changes turned into deliveries per transaction. */
const FAN_OUT_BATCH = 200;
/** Deliveries claimed (and sent together) at a time. */
const CLAIM_BATCH = 20;
/** A round stops after this many claims; the next round (or wake) goes on. */
const MAX_CLAIMS_PER_ROUND = 50;

/** The Idempotency-Key of a delivery: the same for every attempt of one change; a staff re-send of a delivered change gets a new one. */
export function idempotencyKey(row: Pick<ClaimedDelivery, 'endpointId' | 'seq' | 'generation'>): string {
  return row.generation ? `${row.endpointId}:${row.seq}:r${row.generation}` : `${row.endpointId}:${row.seq}`;
}

/**
 * Pushes the change log to the portal's endpoints, in every instance (PORTAL_PUSH_ENABLED). Each
 * round of the `portal-push` task (every PORTAL_PUSH_POLL_MS, and at once when a change commits
 * in this instance: `notice.changed`) first fans new changes out into deliveries of each active
 * endpoint, then claims due deliveries under a lease and sends each as one signed POST, the
 * change feed's JSON built at send time, and writes the outcomes while it still holds the lease.
 *
 * Guarantees: at least once per change and endpoint, and exactly once to a healthy endpoint (a
 * row is sent only under its lease and its outcome written only under it; the Idempotency-Key
 * lets the portal drop the repeat when an instance died after sending but before writing). In
 * order per endpoint and notice. A stop cuts the sends in flight off and hands their rows back.
 */
@Injectable()
export class PortalPushWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PortalPushWorker');
  readonly owner = leaseOwner();
  private readonly stop = new AbortController();
  private offChanged: (() => void) | null = null;
  private stopped = false;
  /** A round is running; a change that arrives meanwhile asks for another pass. */
  private running: Promise<void> | null = null;
  private again = false;
  private wakeQueued = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: PeriodicTasks,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly endpoints: PortalEndpointsRepository,
    private readonly outbox: PortalOutboxRepository,
    private readonly changes: ChangeLog,
    private readonly documents: SyncDocuments,
  ) {}

  onModuleInit(): void {
    if (!this.config.portal.pushEnabled) return;
    this.tasks.register(PORTAL_PUSH_TASK, { everyMs: this.config.portal.pollMs, jitter: 0.2 }, () => this.round());
    this.offChanged = this.bus.on('notice.changed', () => this.wake());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.offChanged?.();
    this.stop.abort();
    await this.running?.catch(() => undefined);
  }

  /** Starts a round now, or another pass of the running one. */
  wake(): void {
    if (this.stopped || !this.config.portal.pushEnabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    this.tasks.run(PORTAL_PUSH_TASK).catch((error: unknown) => this.logger.warn(`portal push failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private round(): Promise<void> {
    this.wakeQueued = false;
    if (this.stopped) return Promise.resolve();
    this.running = (async () => {
      do {
        this.again = false;
        const active = await this.endpoints.active();
        if (!active.length) return;
        await this.fanOut(active);
        await this.deliverDue(new Map(active.map((e) => [e.id, e])));
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  /** Each endpoint's new changes become deliveries, a batch per transaction, until it has caught up. */
  private async fanOut(active: PortalEndpoint[]): Promise<void> {
    for (const endpoint of active) {
      let position = endpoint.position;
      while (!this.stopped) {
        const batch = await this.changes.after(position, FAN_OUT_BATCH);
        if (!batch.length) break;
        const now = this.clock.now();
        // Another instance got there first: it carries on from where it is.
        if (!(await this.outbox.fanOut(endpoint.id, position, batch, now, this.retryUntil(now)))) break;
        position = batch[batch.length - 1]!.seq;
        if (batch.length < FAN_OUT_BATCH) break;
      }
    }
  }

  private async deliverDue(active: Map<number, PortalEndpoint>): Promise<void> {
    for (let n = 0; n < MAX_CLAIMS_PER_ROUND && !this.stopped; n++) {
      const rows = await this.outbox.claim(this.owner, this.config.portal.leaseMs, CLAIM_BATCH, this.clock.now(), [...active.keys()]);
      if (!rows.length) return;
      const logged = await this.changes.atEach(rows.map((r) => r.seq));
      const bodies = new Map((await this.documents.changes(logged)).map((c) => [c.seq, c]));
      // Only rows still ours after reading their bodies are sent; the others are another worker's now.
      const held = new Set(await this.outbox.hold(this.owner, rows.map((r) => r.id), this.config.portal.leaseMs, this.clock.now()));
      const sent = await Promise.all(rows.filter((r) => held.has(r.id)).map(async (row) => ({ row, outcome: await this.send(active.get(row.endpointId)!, row, bodies.get(row.seq)) })));
      const finished = sent.filter((s): s is FinishedDelivery => s.outcome !== 'stopped');
      const counts = await this.outbox.record(this.owner, finished, this.config.portal.retryBaseMs, this.clock.now());
      if (counts.failed) this.logger.warn(`${counts.failed} portal push(es) given up as failed; staff see them in 门户同步 and can re-send`);
      await this.outbox.release(this.owner, sent.filter((s) => s.outcome === 'stopped').map((s) => s.row.id), this.clock.now());
    }
  }

  private send(endpoint: PortalEndpoint, row: ClaimedDelivery, change: SyncChange | undefined): ReturnType<typeof sendPush> {
    // The log never loses a row; should one be missing, the delivery must not pretend to have gone.
    if (!change) return Promise.resolve({ kind: 'refused', status: null, error: `变更记录 ${row.seq} 不存在` });
    return sendPush({
      url: endpoint.url,
      secret: endpoint.secret,
      body: JSON.stringify(change),
      timestamp: this.clock.nowSeconds(),
      idempotencyKey: idempotencyKey(row),
      timeoutMs: this.config.portal.timeoutMs,
      stop: this.stop.signal,
    });
  }

  private retryUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.portal.retryHours * 3600_000);
  }
}
