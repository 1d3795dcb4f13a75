import { normalizeIP } from '@fastify/rate-limit';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { LoginThrottleRepository } from './login-throttle.repository';

export interface ThrottleKeys {
  account: string;
  address: string;
}

/** A sign-in attempt let through: already counted against both keys, before its password is checked. */
export interface LoginAttempt {
  keys: ThrottleKeys;
  /** The account's count including this attempt (the slowdown grows with it). */
  accountFailures: number;
  /** Keys this attempt brought to their limit, and until when they are locked. */
  locked: { keys: string[]; until: Date } | null;
  at: Date;
}

/**
 * Repeated failed sign-ins are slowed, then locked for a while, per account and per address.
 * Counters live in the database so every instance sees the same ones.
 *
 * Every attempt is counted before its password is checked, in one transaction holding both rows
 * (a row lock on MySQL; SQLite's transactions take turns), and refused there once either key is at
 * its limit. So N parallel attempts check at most `limit` passwords, and a right password sent
 * after the limit was reached is refused like a wrong one. A successful sign-in then clears the
 * account's count and gives the address its attempt back.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: Db,
    private readonly repo: LoginThrottleRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get rules() {
    return this.config.auth.lockout;
  }

  /** An IPv6 client is counted by its /64 (one subscriber's network, which it may rotate through), as the rate limits count it. */
  keys(username: string, ip: string): ThrottleKeys {
    return { account: `user:${username.toLowerCase()}`, address: `ip:${normalizeIP(ip)}` };
  }

  /** Counts the attempt against both keys, or refuses it (429) when either is locked. */
  async admit(keys: ThrottleKeys): Promise<LoginAttempt> {
    const now = this.clock.now();
    const limits = new Map([
      [keys.account, this.rules.accountFailures],
      [keys.address, this.rules.ipFailures],
    ]);
    const ordered = [...limits.keys()].sort(); // the same lock order in every transaction: no deadlock
    await this.repo.ensure(ordered, now);
    return this.db.transaction(async (m) => {
      const rows = await this.repo.lockAll(m, ordered);
      const windowMs = this.rules.windowSeconds * 1000;
      for (const row of rows) {
        const expired = now.getTime() - row.windowStartedAt.getTime() >= windowMs || (row.lockedUntil !== null && row.lockedUntil <= now);
        if (expired) Object.assign(row, { failures: 0, windowStartedAt: now, lockedUntil: null });
      }
      const lockedUntil = latest(rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now));
      if (lockedUntil) throw lockedError(lockedUntil, now);

      const until = new Date(now.getTime() + this.rules.lockSeconds * 1000);
      const lockedKeys: string[] = [];
      for (const row of rows) {
        row.failures += 1;
        if (row.failures >= limits.get(row.key)!) {
          row.lockedUntil = until;
          lockedKeys.push(row.key);
        }
        await this.repo.save(m, row);
      }
      const account = rows.find((r) => r.key === keys.account);
      return { keys, accountFailures: account?.failures ?? 1, locked: lockedKeys.length ? { keys: lockedKeys, until } : null, at: now };
    });
  }

  /** The attempt's password was wrong: 429 when it reached a limit, else a growing pause before the caller's 401. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (attempt.locked) throw lockedError(attempt.locked.until, attempt.at);
    const delay = Math.min(attempt.accountFailures - 1, 5) * this.rules.slowdownMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** The password was right: the account starts afresh, and the address gets its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const { account, address } = attempt.keys;
    // A lock this very attempt set on the address is lifted with it: its count is below the limit again.
    await this.repo.succeeded(account, address, attempt.locked?.keys.includes(address) ?? false, this.clock.now());
  }
}

function latest(dates: Date[]): Date | undefined {
  return dates.sort((a, b) => b.getTime() - a.getTime())[0];
}

function lockedError(until: Date, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new ApiError(
    429,
    'LOGIN_LOCKED',
    `登录失败次数过多，账号已被暂时锁定，请 ${minutes} 分钟后再试`,
    [{ field: 'retryAfterSeconds', message: String(seconds) }],
    { 'retry-after': String(seconds) },
  );
}
