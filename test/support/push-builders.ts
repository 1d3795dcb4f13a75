import type { PushFieldType } from '@gongkai/shared';
import { Tokens } from '../../server/src/common/auth/tokens';
import { ParentAccount } from '../../server/src/identity/entities/parent-account.entity';
import { PushQuota } from '../../server/src/push/entities/push-quota.entity';
import { PushSubscription } from '../../server/src/push/entities/push-subscription.entity';
import { PushDelivery } from '../../server/src/push/entities/push-delivery.entity';
import { OaFollower } from '../../server/src/wechat/official-account/entities/oa-follower.entity';
import { ApiClient } from './api-client';
import type { TestServer } from './test-server';

const CHUNK = 1000;

/** The templates the push tests configure (and register on the fake), and a mapping filling them from the notice. */
export const SUB_FIELDS: Record<string, PushFieldType> = { thing1: 'thing', date2: 'date', thing3: 'thing' };
export const TPL_FIELDS: Record<string, PushFieldType> = { thing1: 'thing', time2: 'time', keyword3: 'keyword' };
/** The keyword names the subscribe template shows on the phone (the official-account one has none configured: staff see stand-ins). */
export const SUB_LABELS: Record<string, string> = { thing1: '通知标题', date2: '发布日期', thing3: '发布单位' };
export const PUSH_ENV = {
  WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify([{ id: 'SUB_NOTICE', name: '公告通知', fields: SUB_FIELDS, labels: SUB_LABELS, page: 'pages/notice/index?id={id}' }]),
  WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'TPL_NOTICE', name: '公告提醒', fields: TPL_FIELDS }]),
  PUSH_POLL_MS: '50',
  PUSH_RATE_PER_SECOND: '2000',
  PUSH_RETRY_BASE_MS: '20',
};
export const MAPPING = { thing1: 'title', date2: 'publishedAt', thing3: 'unitName', time2: 'publishedAt', keyword3: 'categoryName' };

export interface BulkParent {
  id: number;
  openid: string;
  unionid: string;
}

/**
 * Creates `count` parents below the API (a campaign test needs thousands; signing each in would
 * take minutes), with openid `${prefix}-${i}` and unionid `u-${prefix}-${i}`. Optionally
 * subscribes them, gives them subscribe quota, and makes them follow the official account
 * (follower openid `oa-${prefix}-${i}`).
 */
export async function bulkParents(
  server: TestServer,
  prefix: string,
  count: number,
  options: { subscribe?: { kind: 'category' | 'topic' | 'unit'; code: string }; quota?: { templateId: string; remaining: number }; follow?: boolean } = {},
): Promise<BulkParent[]> {
  const ds = server.dataSource;
  const now = new Date();
  const all = Array.from({ length: count }, (_, i) => ({ openid: `${prefix}-${i}`, unionid: `u-${prefix}-${i}` }));
  for (let i = 0; i < all.length; i += CHUNK) {
    await ds
      .createQueryBuilder()
      .insert()
      .into(ParentAccount)
      .values(all.slice(i, i + CHUNK).map((p) => ({ ...p, displayName: '家长', demo: false, createdAt: now, lastLoginAt: now })))
      .updateEntity(false)
      .execute();
  }
  const rows = await ds
    .getRepository(ParentAccount)
    .createQueryBuilder('p')
    .select(['p.id', 'p.openid', 'p.unionid'])
    .where('p.openid LIKE :prefix', { prefix: `${prefix}-%` })
    .getMany();
  const parents = rows.map((p) => ({ id: p.id, openid: p.openid!, unionid: p.unionid! }));
  const insert = async (table: typeof PushSubscription | typeof PushQuota, values: object[]) => {
    for (let i = 0; i < values.length; i += CHUNK) await ds.createQueryBuilder().insert().into(table).values(values.slice(i, i + CHUNK)).updateEntity(false).execute();
  };
  if (options.subscribe) await insert(PushSubscription, parents.map((p) => ({ parentId: p.id, targetKind: options.subscribe!.kind, targetCode: options.subscribe!.code })));
  if (options.quota) await insert(PushQuota, parents.map((p) => ({ parentId: p.id, templateId: options.quota!.templateId, remaining: options.quota!.remaining, lastResult: 'accept', updatedAt: now })));
  if (options.follow) {
    for (let i = 0; i < parents.length; i += CHUNK) {
      await ds
        .createQueryBuilder()
        .insert()
        .into(OaFollower)
        .values(parents.slice(i, i + CHUNK).map((p) => ({ openid: `oa-${p.openid}`, unionid: p.unionid, followed: true, followedAt: now, unfollowedAt: null, updatedAt: now })))
        .updateEntity(false)
        .execute();
    }
  }
  return parents;
}

/**
 * Each bulk parent accepts each of `templateIds` once more, through the API as the mini-program
 * reports requestSubscribeMessage's answer (one POST /parents/me/subscribe-results a parent),
 * `concurrency` at a time.
 * The parents' tokens are issued by the server's own token service, as sign-in would (bulk
 * parents never signed in).
 */
export async function acceptSubscribe(server: TestServer, parents: BulkParent[], templateIds: string | string[], concurrency = 32): Promise<void> {
  const tokens = server.app.get(Tokens);
  const results = Object.fromEntries([templateIds].flat().map((id) => [id, 'accept']));
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < parents.length; i = next++) {
      const client = new ApiClient(server.baseUrl).as((await tokens.issue('parent', parents[i]!.id)).token);
      const res = await client.post('/parents/me/subscribe-results', { results });
      if (res.status !== 200) throw new Error(`subscribe-results of parent ${parents[i]!.id}: ${res.status} ${res.text}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Waits until the campaign has nothing queued or sending (or `timeoutMs` passes). */
export async function campaignSettled(server: TestServer, campaignId: number, timeoutMs = 45_000): Promise<void> {
  const repo = server.dataSource.getRepository(PushDelivery);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pending = await repo.createQueryBuilder('d').where('d.campaign_id = :campaignId AND d.status IN (:...s)', { campaignId, s: ['queued', 'sending'] }).getCount();
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`campaign ${campaignId}: ${pending} deliveries still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
