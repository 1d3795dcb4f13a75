import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, LessThan, Like, Not } from 'typeorm';
import { Db } from '../../database/db';
import { ParentAccount } from '../../identity/entities/parent-account.entity';
import { OaFollower } from './entities/oa-follower.entity';

/** How an erased follower's openid begins: its row stays (follower counts) under a random name. */
export const ERASED_OPENID_PREFIX = 'erased:';

/** Every query on official-account followers. */
@Injectable()
export class OaFollowersRepository {
  constructor(private readonly db: Db) {}

  private get dataSource() {
    return this.db.dataSource;
  }

  find(openid: string): Promise<OaFollower | null> {
    return this.dataSource.getRepository(OaFollower).findOneBy({ openid });
  }

  /**
   * The official-account openid to send a parent template messages to: the current follower with
   * the parent's unionid (null when the parent has no unionid or does not follow).
   */
  async followerOpenidForParent(parentId: number): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(OaFollower)
      .createQueryBuilder('f')
      .innerJoin(ParentAccount, 'p', 'p.unionid = f.unionid')
      .select('f.openid', 'openid')
      .where('p.id = :parentId', { parentId })
      .andWhere('f.followed = 1')
      .orderBy('f.followed_at', 'DESC')
      .getRawOne<{ openid: string }>();
    return row?.openid ?? null;
  }

  /**
   * Applies a subscribe or unsubscribe event inside the caller's transaction. An event older than
   * the last one applied (a late delivery) changes nothing; the unionid is left to the lookups
   * (recordLookups). Returns whether the follower now follows with no unionid known, i.e. is worth a lookup.
   * `erasedAs`: the pseudonym the openid's row has if its parent cancelled their account; such a row
   * takes the event under its pseudonym (counts stay right) and is never looked up again.
   */
  async applyEvent(m: EntityManager, openid: string, erasedAs: string, followed: boolean, at: Date, now: Date): Promise<boolean> {
    const stamp = followed ? { followedAt: at } : { unfollowedAt: at };
    const erased = await m.findOneBy(OaFollower, { openid: erasedAs });
    if (erased) {
      const last = Math.max(erased.followedAt?.getTime() ?? 0, erased.unfollowedAt?.getTime() ?? 0);
      if (at.getTime() >= last) await m.update(OaFollower, { openid: erasedAs }, { followed, ...stamp, updatedAt: now });
      return false;
    }
    const row = await m.findOneBy(OaFollower, { openid });
    if (!row) {
      await m.insert(OaFollower, { openid, unionid: null, followed, followedAt: null, unfollowedAt: null, ...stamp, updatedAt: now });
      return followed;
    }
    const last = Math.max(row.followedAt?.getTime() ?? 0, row.unfollowedAt?.getTime() ?? 0);
    if (at.getTime() < last) return false;
    await m.update(OaFollower, { openid }, { followed, ...stamp, updatedAt: now });
    return followed && row.unionid === null;
  }

  /** The followers with one of these unionids (a parent's 公众号 identity). */
  withUnionids(m: EntityManager | null, unionids: string[]): Promise<OaFollower[]> {
    if (!unionids.length) return Promise.resolve([]);
    return (m ?? this.dataSource.manager).find(OaFollower, { where: { unionid: In(unionids) }, order: { openid: 'ASC' } });
  }

  /** Renames the follower to `pseudonym` and forgets its unionid; following and its dates stay, so counts stay right. */
  async pseudonymise(m: EntityManager, openid: string, pseudonym: string, now: Date): Promise<number> {
    const result = await m.update(OaFollower, { openid }, { openid: pseudonym, unionid: null, unionidCheckedAt: now, updatedAt: now });
    return result.affected ?? 0;
  }

  /**
   * Up to `limit` followers for the unionid backfill: following, unionid unknown, and never
   * answered or last answered before `answeredBefore`; never-answered first, then the longest ago
   * (so followers WeChat keeps answering without a unionid do not crowd out the others).
   */
  async awaitingUnionid(limit: number, answeredBefore: Date): Promise<string[]> {
    // An erased follower's pseudonym is no openid WeChat knows.
    const waiting = { followed: true, unionid: IsNull(), openid: Not(Like(`${ERASED_OPENID_PREFIX}%`)) };
    const rows = await this.dataSource.getRepository(OaFollower).find({
      select: { openid: true },
      where: [
        { ...waiting, unionidCheckedAt: IsNull() },
        { ...waiting, unionidCheckedAt: LessThan(answeredBefore) },
      ],
      order: { unionidCheckedAt: 'ASC', openid: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.openid);
  }

  /**
   * Stores the outcome of unionid lookups in one transaction: the unionids found, and for the
   * followers WeChat answered without one, the time of that answer. A unionid already known is
   * never replaced (an openid's unionid does not change); `followed` is left to the events, the
   * authority on following (a lookup's answer may be older than an event applied meanwhile).
   */
  async recordLookups(found: { openid: string; unionid: string }[], absent: string[], now: Date): Promise<void> {
    if (found.length === 0 && absent.length === 0) return;
    await this.db.transaction(async (m) => {
      for (const { openid, unionid } of found) await m.update(OaFollower, { openid, unionid: IsNull() }, { unionid, updatedAt: now });
      if (absent.length) await m.update(OaFollower, { openid: In(absent), unionid: IsNull() }, { unionidCheckedAt: now });
    });
  }
}
