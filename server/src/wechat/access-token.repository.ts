import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { WechatAccessToken } from './entities/wechat-access-token.entity';

/** Every query on the shared access-token row. Each write is one statement, so instances never block each other long. */
@Injectable()
export class AccessTokenRepository {
  constructor(private readonly db: Db) {}

  find(appid: string): Promise<WechatAccessToken | null> {
    return this.db.dataSource.getRepository(WechatAccessToken).findOneBy({ appid });
  }

  /** Takes the right to refresh until `until`, if nobody holds it (or their lease has passed). */
  async takeLease(appid: string, now: Date, until: Date): Promise<boolean> {
    if (await this.lease(appid, now, until)) return true;
    if (await this.find(appid)) return false;
    // The first refresh ever creates the row; of two instances doing so at once, one insert is a no-op.
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(WechatAccessToken)
        .values({ appid, token: null, expiresAt: null, refreshAfter: null, stale: false, refreshLeaseUntil: null, updatedAt: now })
        .orIgnore()
        .execute(),
    );
    return this.lease(appid, now, until);
  }

  private async lease(appid: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(WechatAccessToken)
        .set({ refreshLeaseUntil: until, updatedAt: now })
        .where('appid = :appid', { appid })
        .andWhere('(refresh_lease_until IS NULL OR refresh_lease_until < :now)', { now })
        .execute(),
    );
    return result.affected === 1;
  }

  async releaseLease(appid: string): Promise<void> {
    await this.db.write((m) => m.update(WechatAccessToken, { appid }, { refreshLeaseUntil: null }));
  }

  /** Stores a new token and gives up the lease. */
  async saveToken(appid: string, token: string, times: { expiresAt: Date; refreshAfter: Date }, now: Date): Promise<void> {
    await this.db.write((m) => m.update(WechatAccessToken, { appid }, { token, ...times, stale: false, refreshLeaseUntil: null, updatedAt: now }));
  }

  /** Marks the token stale, unless the row already holds another one (someone refreshed meanwhile). */
  async markStale(appid: string, token: string, now: Date): Promise<void> {
    await this.db.write((m) => m.update(WechatAccessToken, { appid, token }, { stale: true, updatedAt: now }));
  }
}
