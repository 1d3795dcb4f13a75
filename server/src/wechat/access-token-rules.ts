/** Refresh at most this long before expiry (WeChat hands out the next token in the last 5 minutes). */
export const REFRESH_AHEAD_MAX_MS = 5 * 60 * 1000;
/** … or this share of the token's life, when that is shorter (short-lived tokens in tests). */
export const REFRESH_AHEAD_SHARE = 0.1;

/** When a token fetched at `obtainedAt` and valid for `expiresInSeconds` should be replaced, and when it stops working. */
export function tokenTimes(obtainedAt: Date, expiresInSeconds: number): { expiresAt: Date; refreshAfter: Date } {
  const lifeMs = expiresInSeconds * 1000;
  const aheadMs = Math.min(REFRESH_AHEAD_MAX_MS, lifeMs * REFRESH_AHEAD_SHARE);
  return { expiresAt: new Date(obtainedAt.getTime() + lifeMs), refreshAfter: new Date(obtainedAt.getTime() + lifeMs - aheadMs) };
}

export interface StoredToken {
  token: string | null;
  expiresAt: Date | null;
  refreshAfter: Date | null;
  stale: boolean;
}

/**
 * `fresh`: use it. `due`: still accepted, but one caller should fetch the next one (the others go
 * on using this one meanwhile). `unusable`: none yet, expired, or refused by WeChat: wait for a new one.
 */
export type TokenState = 'fresh' | 'due' | 'unusable';

export function tokenState(row: StoredToken | null, now: Date): TokenState {
  if (!row?.token || !row.expiresAt || row.stale || now >= row.expiresAt) return 'unusable';
  if (!row.refreshAfter || now >= row.refreshAfter) return 'due';
  return 'fresh';
}

/**
 * How long a refresher may hold the lease: one stable_token call with its retry, plus slack. A
 * refresher that dies is replaced once its lease has passed.
 */
export function refreshLeaseMs(timeoutMs: number): number {
  return 2 * timeoutMs + 2000;
}
