import type { SyncChange, SyncNotice } from '@gongkai/shared';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FakeHttpServer, type FakeFault, type FakeReply, type FakeRequest } from '../fake-http-server';

/** A push the receiver took: signed correctly, fresh, and the first with its Idempotency-Key. */
export interface ReceivedPush {
  key: string;
  /** X-Gongkai-Timestamp (unix seconds, as sent). */
  timestamp: number;
  change: SyncChange;
  /** Date.now() on arrival. */
  at: number;
}

/** How far X-Gongkai-Timestamp may be from the receiver's time. */
const TOLERANCE_S = 300;

/**
 * The county portal's side of the signed pushes, on `POST <path>`: checks X-Gongkai-Signature
 * (`sha256=` hex HMAC-SHA256 of `timestamp + "." + raw body` with `secret`) and that the
 * timestamp is within 5 minutes of `now()` (401 otherwise), drops a repeated Idempotency-Key
 * (200, counted in `duplicates`), and keeps a mirror of the notices as a portal would: each
 * notice's latest SyncNotice, or 'withdrawn'. A change older than the one the mirror holds for
 * its notice is counted in `outOfOrder` and not applied. Failures and latency are scripted with
 * `fail(fault)` / `latency(path, ms)` of FakeHttpServer.
 */
export class FakePortalReceiver extends FakeHttpServer {
  /** Pushes taken, in arrival order (duplicates and refused requests are not here; `requests` has every request). */
  readonly pushes: ReceivedPush[] = [];
  readonly mirror = new Map<number, SyncNotice | 'withdrawn'>();
  /** The position of the change each mirrored notice came from. */
  readonly positions = new Map<number, number>();
  duplicates = 0;
  outOfOrder = 0;
  /** Refusals with their reason ('signature', 'stale', 'headers', 'body'). */
  readonly refused: string[] = [];
  /** The receiver's clock in ms (tests that move the server's clock pass it here). */
  now: () => number = Date.now;
  private readonly keys = new Set<string>();

  constructor(
    public secret: string,
    readonly path = '/gongkai/receive',
  ) {
    super();
    this.route('POST', path, (request) => this.receive(request));
  }

  /** The address to register as the endpoint's URL. */
  get endpointUrl(): string {
    return `${this.url}${this.path}`;
  }

  /** Queues a fault for the next push(es): a status, a dropped connection, a delay. */
  fail(fault: FakeFault): this {
    return this.fault(this.path, fault);
  }

  /** The pushes taken for one notice, oldest first. */
  pushesOf(noticeId: number): ReceivedPush[] {
    return this.pushes.filter((p) => p.change.noticeId === noticeId);
  }

  /** Forgets the mirror, the pushes and the counters (and, as `clear`, the request log, faults and latencies). */
  reset(): void {
    this.clear();
    this.pushes.length = 0;
    this.mirror.clear();
    this.positions.clear();
    this.keys.clear();
    this.refused.length = 0;
    this.duplicates = 0;
    this.outOfOrder = 0;
  }

  private receive(request: FakeRequest): FakeReply {
    const timestamp = header(request, 'x-gongkai-timestamp');
    const signature = header(request, 'x-gongkai-signature');
    const key = header(request, 'idempotency-key');
    if (!timestamp || !signature || !key || !/^\d+$/.test(timestamp) || header(request, 'content-type')?.split(';')[0] !== 'application/json') return this.refuse('headers', 400);
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(timestamp).update('.').update(request.raw).digest('hex')}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return this.refuse('signature', 401);
    if (Math.abs(this.now() / 1000 - Number(timestamp)) > TOLERANCE_S) return this.refuse('stale', 401);
    if (this.keys.has(key)) {
      this.duplicates++;
      return { status: 200, body: { ok: true, duplicate: true } };
    }
    const change = request.body as SyncChange;
    if (typeof change !== 'object' || change === null || !Number.isInteger(change.noticeId) || !Number.isInteger(change.seq)) return this.refuse('body', 400);
    this.keys.add(key);
    this.pushes.push({ key, timestamp: Number(timestamp), change, at: Date.now() });
    const held = this.positions.get(change.noticeId);
    if (held !== undefined && held > change.seq) {
      this.outOfOrder++;
    } else {
      this.positions.set(change.noticeId, change.seq);
      this.mirror.set(change.noticeId, change.kind === 'withdrawn' || !change.notice ? 'withdrawn' : change.notice);
    }
    return { status: 200, body: { ok: true } };
  }

  private refuse(reason: string, status: number): FakeReply {
    this.refused.push(reason);
    return { status, body: { error: reason } };
  }
}

function header(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
