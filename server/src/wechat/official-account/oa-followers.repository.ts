import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ParentAccount } from '../../identity/entities/parent-account.entity';
import { OaFollower } from './entities/oa-follower.entity';

/** Every query on official-account followers. */
@Injectable()
export class OaFollowersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
   * the last one applied (a late delivery) changes nothing; a unionid, once known, is kept.
   */
  async applyEvent(m: EntityManager, openid: string, followed: boolean, at: Date, unionid: string | null, now: Date): Promise<void> {
    const row = await m.findOneBy(OaFollower, { openid });
    const stamp = followed ? { followedAt: at } : { unfollowedAt: at };
    if (!row) {
      await m.insert(OaFollower, { openid, unionid, followed, followedAt: null, unfollowedAt: null, ...stamp, updatedAt: now });
      return;
    }
    const last = Math.max(row.followedAt?.getTime() ?? 0, row.unfollowedAt?.getTime() ?? 0);
    if (at.getTime() < last) return;
    await m.update(OaFollower, { openid }, { followed, ...stamp, unionid: unionid ?? row.unionid, updatedAt: now });
  }
}
