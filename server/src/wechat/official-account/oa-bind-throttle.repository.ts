import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { OaBindThrottle } from './entities/oa-bind-throttle.entity';

/** The count of `绑定 NNNNNN` attempts per follower and window, each step one statement. */
@Injectable()
export class OaBindThrottleRepository {
  constructor(private readonly db: Db) {}

  /** The follower's row exists (INSERT IGNORE, committed at once, before the callback's transaction: inserting it there deadlocks on MySQL). */
  async ensure(openid: string, now: Date): Promise<void> {
    await this.db.write((m) => m.createQueryBuilder().insert().into(OaBindThrottle).values({ openid, failures: 0, windowStartedAt: now }).orIgnore().execute());
  }

  /**
   * Counts one attempt unless the follower has had `max` this window (a window older than
   * `windowStart` starts over at this attempt), in one conditional UPDATE. False when it has to wait.
   */
  async count(m: EntityManager, openid: string, max: number, windowStart: Date, now: Date): Promise<boolean> {
    const params = { openid, max, windowStart, now };
    // `failures` is set first: MySQL evaluates SET left to right, so its CASE still sees the old window.
    const counted = await m
      .createQueryBuilder()
      .update(OaBindThrottle)
      .set({
        failures: () => 'CASE WHEN window_started_at <= :windowStart THEN 1 ELSE failures + 1 END',
        windowStartedAt: () => 'CASE WHEN window_started_at <= :windowStart THEN :now ELSE window_started_at END',
      })
      .where('openid = :openid AND (failures < :max OR window_started_at <= :windowStart)', params)
      .setParameters(params)
      .execute();
    if (counted.affected) return true;
    if (await m.findOneBy(OaBindThrottle, { openid })) return false;
    // No row: ensure() was not called (not through the callback); count from here.
    await m.insert(OaBindThrottle, { openid, failures: 1, windowStartedAt: now });
    return true;
  }

  /** When the follower's current window started (null: no row). */
  async windowStartedAt(m: EntityManager, openid: string): Promise<Date | null> {
    return (await m.findOneBy(OaBindThrottle, { openid }))?.windowStartedAt ?? null;
  }

  /** Forgets the follower's attempts (an erased follower). */
  async forget(m: EntityManager, openid: string): Promise<number> {
    return (await m.delete(OaBindThrottle, { openid })).affected ?? 0;
  }

  /** A right code: the attempt is given back. */
  async giveBack(m: EntityManager, openid: string): Promise<void> {
    await m.createQueryBuilder().update(OaBindThrottle).set({ failures: () => 'failures - 1' }).where('openid = :openid AND failures > 0', { openid }).execute();
  }
}
