import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataHasher } from '../../privacy/crypto/data-hasher';
import { inBatches, PersonalDataRegistry, type ErasedCount, type ParentIdentifiers, type PersonalDataProvider, type RetentionHandler } from '../../privacy/personal-data-registry';
import { OaBindThrottleRepository } from './oa-bind-throttle.repository';
import { ERASED_OPENID_PREFIX, OaFollowersRepository } from './oa-followers.repository';
import { OaInboxRepository } from './oa-inbox.repository';

/** Handled messages one retention batch deletes. */
const RETENTION_BATCH = 1000;

/**
 * The official account's part of the rights flow. A parent's 公众号 identity is the follower with
 * the parent's unionid (nothing links them otherwise). On erasure the follower row stays under a
 * pseudonym, so follower counts stay right, and its openid goes from every record of the callback.
 * The pseudonym is a keyed hash of the openid: someone who still follows the 公众号 after cancelling
 * the mini-program account may unfollow later, and that event must find the row to keep the count
 * right, without the openid being stored.
 */
export function erasedOpenid(hasher: DataHasher, openid: string): string {
  // 7 + 56 characters: within the 64 of the openid columns.
  return `${ERASED_OPENID_PREFIX}${hasher.hash('oa_openid', openid).slice(0, 56)}`;
}

@Injectable()
export class OaPersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'official-account';
  readonly label = '公众号';
  readonly eraseOrder = 40;
  readonly retention: readonly RetentionHandler[];

  constructor(
    private readonly followers: OaFollowersRepository,
    private readonly inbox: OaInboxRepository,
    private readonly throttle: OaBindThrottleRepository,
    private readonly hasher: DataHasher,
    private readonly registry: PersonalDataRegistry,
  ) {
    this.retention = [
      { kind: 'oa_message', run: (m, cutoff) => inBatches(RETENTION_BATCH, (limit) => this.inbox.deleteReceivedBefore(m, cutoff, limit)) },
    ];
  }
  onModuleInit(): void {
    this.registry.register(this);
  }


  async export(_parentId: number, who: ParentIdentifiers): Promise<Record<string, unknown>[]> {
    const followers = await this.followers.withUnionids(null, who.unionids);
    return Promise.all(
      followers.map(async (f) => ({
        record: 'follower',
        openid: f.openid,
        unionid: f.unionid,
        followed: f.followed,
        followedAt: f.followedAt?.toISOString() ?? null,
        unfollowedAt: f.unfollowedAt?.toISOString() ?? null,
        inboundMessages: await this.inbox.countFrom([f.openid]),
      })),
    );
  }

  async erase(m: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]> {
    let followers = 0;
    let messages = 0;
    let throttles = 0;
    for (const follower of await this.followers.withUnionids(m, who.unionids)) {
      const pseudonym = erasedOpenid(this.hasher, follower.openid);
      messages += await this.inbox.renameSender(m, follower.openid, pseudonym);
      throttles += await this.throttle.forget(m, follower.openid);
      followers += await this.followers.pseudonymise(m, follower.openid, pseudonym, now);
    }
    return [
      { kind: 'oa_follower', label: '公众号关注记录中的微信标识', count: followers },
      { kind: 'oa_inbound_message', label: '公众号消息记录中的微信标识', count: messages },
      { kind: 'oa_bind_throttle', label: '公众号绑定尝试记录', count: throttles },
    ];
  }
}
