import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { LoginThrottle } from './entities/login-throttle.entity';

/** The sign-in counters' SQL: rows per key, locked together while an attempt is counted. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Makes sure a counter row exists for each key. Outside the counting transaction: on MySQL,
   * INSERT IGNORE of an existing row takes a shared lock, and two transactions upgrading theirs to
   * the row lock of `lockAll` would deadlock.
   */
  async ensure(keys: string[], now: Date): Promise<void> {
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(LoginThrottle)
        .values(keys.map((key) => ({ key, failures: 0, windowStartedAt: now, lockedUntil: null })))
        .orIgnore()
        .execute(),
    );
  }

  /** The rows of `keys`, locked until the transaction ends (MySQL; SQLite's transactions take turns), in key order so no two attempts deadlock. */
  lockAll(m: EntityManager, keys: string[]): Promise<LoginThrottle[]> {
    const query = m.createQueryBuilder(LoginThrottle, 't').where('t.key IN (:...keys)', { keys }).orderBy('t.key', 'ASC');
    return (this.db.sqlite ? query : query.setLock('pessimistic_write')).getMany();
  }

  async save(m: EntityManager, row: LoginThrottle): Promise<void> {
    await m.update(LoginThrottle, { key: row.key }, { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil });
  }

  /** A right password: the account starts afresh, and the address gets the attempt back (and loses a lock that attempt set). */
  async succeeded(account: string, address: string, unlockAddress: boolean, now: Date): Promise<void> {
    await this.db.write(async (m) => {
      await m.update(LoginThrottle, { key: account }, { failures: 0, windowStartedAt: now, lockedUntil: null });
      await m
        .createQueryBuilder()
        .update(LoginThrottle)
        .set(unlockAddress ? { failures: () => 'failures - 1', lockedUntil: null } : { failures: () => 'failures - 1' })
        .where({ key: address })
        .andWhere('failures > 0')
        .execute();
    });
  }
}
