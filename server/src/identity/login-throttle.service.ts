import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db';
import { ApiError } from '../common/errors/api-error';
import { LoginThrottle } from './entities/login-throttle.entity';

/**
 * Repeated failed sign-ins are slowed, then locked for a while, per account and per address.
 * Counters live in the database so every instance sees the same ones.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get rules() {
    return this.config.auth.lockout;
  }

  keys(username: string, ip: string): { account: string; address: string } {
    return { account: `user:${username.toLowerCase()}`, address: `ip:${ip}` };
  }

  /** Refuses when either key is locked; says how long is left. */
  async assertNotLocked(keys: { account: string; address: string }, now = new Date()): Promise<void> {
    const rows = await this.dataSource.getRepository(LoginThrottle).find({ where: { key: In([keys.account, keys.address]) } });
    const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => !!d && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) throw lockedError(until, now);
  }

  /** Counts a failure against both keys, waits a little longer each time, and locks at the limit. */
  async recordFailure(keys: { account: string; address: string }, now = new Date()): Promise<void> {
    const accountFailures = await this.bump(keys.account, this.rules.accountFailures, now);
    const addressFailures = await this.bump(keys.address, this.rules.ipFailures, now);
    const lockedUntil = [accountFailures, addressFailures].map((r) => r.lockedUntil).find((d) => d && d > now);
    if (lockedUntil) throw lockedError(lockedUntil, now);
    const delay = Math.min(accountFailures.failures - 1, 5) * this.rules.slowdownMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  async recordSuccess(keys: { account: string; address: string }): Promise<void> {
    await this.db.write((m) => m.delete(LoginThrottle, { key: keys.account }));
  }

  private async bump(key: string, limit: number, now: Date): Promise<LoginThrottle> {
    return this.db.transaction(async (m) => {
      const windowMs = this.rules.windowSeconds * 1000;
      const current = await m.findOne(LoginThrottle, { where: { key } });
      const fresh = !current || now.getTime() - current.windowStartedAt.getTime() > windowMs || (current.lockedUntil !== null && current.lockedUntil <= now);
      const row: LoginThrottle = fresh
        ? Object.assign(new LoginThrottle(), { key, failures: 1, windowStartedAt: now, lockedUntil: null })
        : Object.assign(current, { failures: current.failures + 1 });
      if (row.failures >= limit) row.lockedUntil = new Date(now.getTime() + this.rules.lockSeconds * 1000);
      await m.save(LoginThrottle, row);
      return row;
    });
  }
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
