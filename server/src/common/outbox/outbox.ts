import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import type { Db } from '../../database/db';

/**
 * The mechanics every durable outbox of the server shares (parents' push messages, the portal's
 * signed pushes): rows are claimed under a lease (owner and until), with `FOR UPDATE SKIP LOCKED`
 * on MySQL in READ COMMITTED transactions so that workers of several instances never wait on or
 * take each other's rows; outcomes are written only while the writer still holds the lease; a
 * transient failure is tried again after an exponential backoff with jitter. Each outbox keeps
 * its own table and its own rules (what a lost ack means, when to give up).
 */

/** Claims and outcome writes lock rows of a queue other workers work too (see Db.transaction). */
export const READ_COMMITTED = { readCommitted: true } as const;

/** A worker's name in `lease_owner`: host, process and a random part, so a restarted process is a new owner. */
export function leaseOwner(): string {
  return `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export interface LockedQuery {
  /** `table alias`, e.g. `push_delivery d`. */
  from: string;
  columns: string;
  where: string;
  params: Record<string, unknown>;
  /** As the claim's index is ordered, so that LIMIT stops early instead of sorting the whole queue. */
  order: string;
  limit: number;
  /** Claims skip rows other workers hold; an outcome write waits for its own rows (default: skip). */
  lock?: 'skip' | 'wait';
}

/**
 * The rows matching a claim's condition, locked for the caller's transaction (MySQL: skipping
 * rows another worker has locked; SQLite has one writer at a time, so needs no lock).
 */
export function lockedRows<T>(db: Db, m: EntityManager, q: LockedQuery): Promise<T[]> {
  if (q.limit <= 0) return Promise.resolve([]);
  const lock = db.sqlite ? '' : q.lock === 'wait' ? ' FOR UPDATE' : ' FOR UPDATE SKIP LOCKED';
  return db.query<T[]>(m, `SELECT ${q.columns} FROM ${q.from} WHERE ${q.where} ORDER BY ${q.order} LIMIT ${Math.floor(q.limit)}${lock}`, q.params);
}

export interface Backoff {
  /** The wait after the first failed attempt; it doubles with each further one. */
  baseMs: number;
  /** The doubling stops here (before jitter). */
  maxMs: number;
}

/**
 * How long to wait before attempt `failed + 1` after `failed` failed attempts: base × 2^(failed−1),
 * at most `maxMs`, times a random factor in [0.5, 1.5) so that rows failed together (a portal or
 * WeChat down for a while) do not all come back in the same second.
 */
export function retryDelayMs(failed: number, backoff: Backoff, random: () => number = Math.random): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failed - 1)) * (0.5 + random());
}

/** An error as a row keeps it: short enough for its column. */
export function errorText(text: string, max = 300): string {
  return text.length > max ? text.slice(0, max) : text;
}
