import { OaFollower } from '../../../server/src/wechat/official-account/entities/oa-follower.entity';
import { oaSignature } from '../../../server/src/wechat/official-account/crypto';
import { OaFollowersRepository } from '../../../server/src/wechat/official-account/oa-followers.repository';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { buildOaXml } from '../../../server/src/wechat/official-account/xml';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import type { FakeRequest } from '../../fakes/fake-http-server';
import type { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { MAPPING, PUSH_ENV, TPL_FIELDS, campaignSettled } from '../../support/push-builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const TOKEN = 'gongkaiOaToken2';
const OA = 'gh_gongkai_oa';
const USER_INFO = '/cgi-bin/user/info';
const BATCHGET = '/cgi-bin/user/info/batchget';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The openids a request to user/info or batchget asked about. */
function askedAbout(request: FakeRequest): string[] {
  if (request.path === USER_INFO) return [request.query.openid ?? ''];
  const list = (request.body as { user_list?: { openid: string }[] } | undefined)?.user_list ?? [];
  return list.map((u) => u.openid);
}

describe('official-account followers: learning their unionid', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let env: Record<string, string>;
  let server: TestServer;
  let anon: ApiClient;
  let publisher: ApiClient;
  let noticeId: number;
  let createTime = 1_790_000_000;

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
    env = { ...wechat.env(), WECHAT_OA_APPID: wechat.appid, WECHAT_OA_SECRET: wechat.secret, WECHAT_OA_TOKEN: TOKEN, ...PUSH_ENV };
    db = await freshDatabase();
    server = await startServer(db, env);
    const boot = await bootstrapAdmin(server);
    anon = boot.anonymous;
    publisher = await aStaff(boot.admin, 'oa-pusher', boot.unitCode, ['publisher']);
    const editor = await aStaff(boot.admin, 'oa-writer', boot.unitCode, ['editor']);
    noticeId = await aNotice().titled('关于秋季学期开学安排的通知').inCategory('JCJY').published().create(editor, boot.admin);
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const post = async (xml: string) => {
    const timestamp = String(server.clock.nowSeconds());
    const nonce = String(Math.floor(Math.random() * 1e9));
    const query = new URLSearchParams({ timestamp, nonce, signature: oaSignature(TOKEN, timestamp, nonce), openid: 'o-any' });
    const res = await fetch(`${server.baseUrl}/wechat/official-account?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    return { status: res.status, text: await res.text() };
  };
  const event = (from: string, name: 'subscribe' | 'unsubscribe') =>
    post(buildOaXml([['ToUserName', OA], ['FromUserName', from], ['CreateTime', ++createTime], ['MsgType', 'event'], ['Event', name]]));
  const follower = (openid: string) => server.app.get(OaFollowersRepository).find(openid);
  const unionids = () => server.app.get(OaUnionids);
  const unionidOf = async (openid: string) => (await follower(openid))?.unionid ?? null;
  const lookupsOf = (openid: string) => [...wechat.calls(USER_INFO), ...wechat.calls(BATCHGET)].filter((r) => askedAbout(r).includes(openid));
  /**
   * Followers as the callback leaves them when user/info is unavailable at subscribe time
   * (45009, not retried): following (or, with `followed` false, gone again), unionid unknown,
   * never answered, so left to the backfill. Forgets the calls made meanwhile.
   */
  const unansweredFollowers = async (openids: string[], followed = true) => {
    wechat.fail(USER_INFO, { times: openids.length, errcode: 45009 });
    for (let i = 0; i < openids.length; i += 25) {
      const chunk = openids.slice(i, i + 25);
      for (const r of await Promise.all(chunk.map((openid) => event(openid, 'subscribe')))) expect(r).toEqual({ status: 200, text: 'success' });
    }
    await unionids().idle();
    if (!followed) for (const openid of openids) expect((await event(openid, 'unsubscribe')).text).toBe('success');
    wechat.clear();
  };
  /** A template-message campaign to the parents subscribed to `category`; returns its report. */
  const templateCampaign = async (category: string) => {
    const res = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'category', code: category }, channels: ['template'], templateIds: { template: 'TPL_NOTICE' }, fieldMapping: MAPPING });
    expect(res.status).toBe(201);
    await campaignSettled(server, res.body.id);
    return (await publisher.get(`/staff/pushes/${res.body.id}`)).body;
  };
  const subscribedParent = async (openid: string, unionid: string, category: string) => {
    const parent = await aParent(anon, wechat, { openid, unionid });
    expect((await parent.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code: category }] })).status).toBe(200);
    return parent;
  };

  it('stores a new follower\'s unionid after answering the subscribe event at once, however slow user/info is', async () => {
    wechat.follow('oa-fast', 'u-fast');
    wechat.latency(USER_INFO, 1500);
    const started = Date.now();
    expect(await event('oa-fast', 'subscribe')).toEqual({ status: 200, text: 'success' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await follower('oa-fast')).toMatchObject({ followed: true, unionid: null });
    expect(await waitFor('the unionid', () => unionidOf('oa-fast'))).toBe('u-fast');
    const [call] = wechat.calls(USER_INFO);
    expect(call!.query).toMatchObject({ openid: 'oa-fast', lang: 'zh_CN' });
    expect(wechat.validToken(call!.query.access_token)).toBe(true);
  });

  it('never takes a unionid from the subscribe event itself, only from user/info', async () => {
    wechat.follow('oa-forger'); // WeChat knows no unionid for this follower
    const forged = buildOaXml([['ToUserName', OA], ['FromUserName', 'oa-forger'], ['CreateTime', ++createTime], ['MsgType', 'event'], ['Event', 'subscribe'], ['UnionId', 'u-victim']]);
    expect(await post(forged)).toEqual({ status: 200, text: 'success' });
    await unionids().idle();
    expect(wechat.calls(USER_INFO).map((r) => r.query.openid)).toEqual(['oa-forger']);
    expect(await follower('oa-forger')).toMatchObject({ followed: true, unionid: null });
    expect(await server.dataSource.getRepository(OaFollower).countBy({ unionid: 'u-victim' })).toBe(0);
  });

  it('sends a template message to the follower of a parent who signed in with that unionid, instead of skipping not_following', async () => {
    await subscribedParent('mini-linked', 'u-linked', 'ZSKS');
    wechat.follow('oa-linked', 'u-linked');
    expect((await event('oa-linked', 'subscribe')).text).toBe('success');
    await unionids().idle();
    expect(await unionidOf('oa-linked')).toBe('u-linked');
    const report = await templateCampaign('ZSKS');
    expect(report.byStatus.sent).toBe(1);
    expect(report.skippedByReason).toEqual({});
    expect(wechat.deliveredTo('oa-linked')).toHaveLength(1);
  });

  it('leaves a follower whose user/info failed at subscribe time to the backfill, which fills it', async () => {
    await subscribedParent('mini-late', 'u-late', 'XQJY');
    wechat.follow('oa-late', 'u-late');
    wechat.fail(USER_INFO, { times: 2, errcode: -1 }); // busy, and busy again on the one retry
    expect((await event('oa-late', 'subscribe')).text).toBe('success');
    await unionids().idle();
    expect(wechat.calls(USER_INFO)).toHaveLength(2);
    expect(await follower('oa-late')).toMatchObject({ unionid: null, unionidCheckedAt: null });
    expect((await templateCampaign('XQJY')).skippedByReason).toEqual({ not_following: 1 });

    const round = await unionids().backfill();
    expect(round.found).toBeGreaterThanOrEqual(1);
    expect(await unionidOf('oa-late')).toBe('u-late');
    expect(lookupsOf('oa-late').map((r) => r.path)).toEqual([USER_INFO, USER_INFO, BATCHGET]);
    const report = await templateCampaign('XQJY');
    expect(report.byStatus.sent).toBe(1);
    expect(wechat.deliveredTo('oa-late')).toHaveLength(1);
  });

  it('does not look up followers who unsubscribed', async () => {
    wechat.follow('oa-left', 'u-left');
    wechat.fail(USER_INFO, { times: 2, drop: true });
    await event('oa-left', 'subscribe');
    await unionids().idle();
    wechat.unfollow('oa-left');
    expect((await event('oa-left', 'unsubscribe')).text).toBe('success');
    await unansweredFollowers(['oa-long-gone'], false);
    expect(await follower('oa-long-gone')).toMatchObject({ followed: false, unionid: null, unionidCheckedAt: null });
    await unionids().idle();
    await server.tasks.run('oa-unionid-backfill');
    expect(lookupsOf('oa-left')).toEqual([]);
    expect(lookupsOf('oa-long-gone')).toEqual([]);
    expect(await follower('oa-left')).toMatchObject({ followed: false, unionid: null });
  });

  it('replaces an access token WeChat refuses and asks again', async () => {
    wechat.follow('oa-token', 'u-token');
    wechat.tokens.revokeAll();
    await event('oa-token', 'subscribe');
    await unionids().idle();
    expect(await unionidOf('oa-token')).toBe('u-token');
    expect(wechat.calls(USER_INFO).map((r) => wechat.validToken(r.query.access_token))).toEqual([false, true]);
  });

  it('asks again only a day later about a follower WeChat answers without a unionid (account not bound to the Open Platform)', async () => {
    wechat.follow('oa-unbound');
    await event('oa-unbound', 'subscribe');
    await unionids().idle();
    const answered = await follower('oa-unbound');
    expect(answered).toMatchObject({ followed: true, unionid: null });
    expect(answered!.unionidCheckedAt).toBeInstanceOf(Date);
    wechat.clear();
    await unionids().backfill();
    await unionids().backfill();
    expect(lookupsOf('oa-unbound')).toEqual([]);

    // The account is bound meanwhile; 23 hours on it is not asked yet, a day on the next round learns it.
    wechat.follow('oa-unbound', 'u-unbound');
    server.clock.advance(23 * 3600_000);
    await server.tasks.run('oa-unionid-backfill');
    expect(lookupsOf('oa-unbound')).toEqual([]);
    expect(await unionidOf('oa-unbound')).toBeNull();
    server.clock.advance(2 * 3600_000);
    await server.tasks.run('oa-unionid-backfill');
    expect(await unionidOf('oa-unbound')).toBe('u-unbound');
    expect(lookupsOf('oa-unbound').map((r) => r.path)).toEqual([BATCHGET]);
  });

  it('asks one by one when WeChat refuses a batch for one openid in it, and marks that one answered', async () => {
    await unansweredFollowers(['oa-batch-ok', 'oa-batch-stranger']);
    wechat.follow('oa-batch-ok', 'u-batch-ok'); // oa-batch-stranger is not an openid of this account: 40003
    await unionids().backfill();
    expect(wechat.calls(BATCHGET)).toHaveLength(1);
    expect(wechat.calls(USER_INFO).map((r) => r.query.openid).sort()).toEqual(['oa-batch-ok', 'oa-batch-stranger']);
    expect(await unionidOf('oa-batch-ok')).toBe('u-batch-ok');
    expect((await follower('oa-batch-stranger'))!.unionidCheckedAt).toBeInstanceOf(Date);
    wechat.clear();
    await unionids().backfill();
    expect(wechat.calls(BATCHGET)).toHaveLength(0);
    expect(wechat.calls(USER_INFO)).toHaveLength(0);
  });

  it('stops a round on 45009 without marking anyone, and the next round fills them', async () => {
    await unansweredFollowers(['oa-quota']);
    wechat.follow('oa-quota', 'u-quota');
    wechat.fail(BATCHGET, { errcode: 45009 });
    expect(await unionids().backfill()).toEqual({ answered: 0, found: 0 });
    expect(await follower('oa-quota')).toMatchObject({ unionid: null, unionidCheckedAt: null });
    expect(await unionids().backfill()).toEqual({ answered: 1, found: 1 });
    expect(await unionidOf('oa-quota')).toBe('u-quota');
  });

  it('bounds a round to five batches of 100', async () => {
    const rows = Array.from({ length: 650 }, (_, i) => `oa-many-${String(i).padStart(3, '0')}`);
    await unansweredFollowers(rows);
    for (const openid of rows) wechat.follow(openid, `u-${openid}`);
    expect(await unionids().backfill()).toEqual({ answered: 500, found: 500 });
    expect(wechat.calls(BATCHGET).map((r) => askedAbout(r).length)).toEqual([100, 100, 100, 100, 100]);
    expect(await unionids().backfill()).toEqual({ answered: 150, found: 150 });
    const left = await server.dataSource.getRepository(OaFollower).createQueryBuilder('f').where('f.openid LIKE :p AND f.unionid IS NULL', { p: 'oa-many-%' }).getCount();
    expect(left).toBe(0);
  });

  it('fills, when an instance starts, followers left without unionid when the last one stopped', async () => {
    wechat.follow('oa-restart', 'u-restart');
    wechat.fail(USER_INFO, { times: 2, drop: true });
    await event('oa-restart', 'subscribe');
    await unionids().idle();
    expect(await unionidOf('oa-restart')).toBeNull();
    await server.stop();
    server = await startServer(db, env);
    expect(await waitFor('the unionid after the restart', () => unionidOf('oa-restart'))).toBe('u-restart');
  });
});

describe('official-account followers without WECHAT_OA_APPID', () => {
  const wechat = new FakeWechat();
  let server: TestServer;

  beforeAll(async () => {
    await wechat.start();
    server = await startServer(await freshDatabase(), { ...wechat.env(), WECHAT_OA_TOKEN: TOKEN });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('keeps followers from events and never calls user/info', async () => {
    wechat.follow('oa-plain', 'u-plain');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const query = new URLSearchParams({ timestamp, nonce: '1', signature: oaSignature(TOKEN, timestamp, '1') });
    const xml = buildOaXml([['ToUserName', OA], ['FromUserName', 'oa-plain'], ['CreateTime', 1_790_000_001], ['MsgType', 'event'], ['Event', 'subscribe']]);
    const res = await fetch(`${server.baseUrl}/wechat/official-account?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    expect(await res.text()).toBe('success');
    await server.app.get(OaUnionids).idle();
    expect(await server.app.get(OaUnionids).backfill()).toEqual({ answered: 0, found: 0 });
    expect(await server.app.get(OaFollowersRepository).find('oa-plain')).toMatchObject({ followed: true, unionid: null });
    expect(wechat.calls(USER_INFO)).toEqual([]);
    expect(wechat.calls(BATCHGET)).toEqual([]);
  });
});

/** The fake's own protocol, spoken with fetch. */
describe('fake WeChat: user/info and user/info/batchget', () => {
  const wechat = new FakeWechat();
  let token: string;

  beforeAll(async () => {
    await wechat.start();
    wechat.follow('o-bound', 'u-bound').follow('o-unbound').follow('o-gone', 'u-gone').unfollow('o-gone');
  });
  beforeEach(() => {
    token = (wechat.tokens.issue(false).body as { access_token: string }).access_token;
  });
  afterEach(() => wechat.clear());
  afterAll(() => wechat.stop());

  const info = async (openid: string, accessToken = token): Promise<any> => (await fetch(`${wechat.url}${USER_INFO}?access_token=${encodeURIComponent(accessToken)}&openid=${openid}&lang=zh_CN`)).json();
  const batch = async (body: unknown, accessToken = token): Promise<any> =>
    (await fetch(`${wechat.url}${BATCHGET}?access_token=${encodeURIComponent(accessToken)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

  it('answers a follower with subscribe 1 (and unionid when bound), a former one with subscribe 0, a stranger with 40003', async () => {
    expect(await info('o-bound')).toMatchObject({ subscribe: 1, openid: 'o-bound', unionid: 'u-bound', subscribe_time: expect.any(Number) });
    const unbound = await info('o-unbound');
    expect(unbound).toMatchObject({ subscribe: 1, openid: 'o-unbound' });
    expect(unbound).not.toHaveProperty('unionid');
    expect(await info('o-gone')).toEqual({ subscribe: 0, openid: 'o-gone' });
    expect(await info('o-stranger')).toEqual({ errcode: 40003, errmsg: 'invalid openid' });
  });

  it('checks the access token of both endpoints', async () => {
    expect(await info('o-bound', 'not-a-token')).toMatchObject({ errcode: 40001 });
    expect(await batch({ user_list: [{ openid: 'o-bound' }] }, 'not-a-token')).toMatchObject({ errcode: 40001 });
  });

  it('answers a batch in order, refuses it whole for one stranger, and takes 1–100 openids', async () => {
    const answer = await batch({ user_list: [{ openid: 'o-unbound', lang: 'zh_CN' }, { openid: 'o-bound', lang: 'zh_CN' }, { openid: 'o-gone' }] });
    expect(answer.user_info_list.map((u: { openid: string; subscribe: number; unionid?: string }) => [u.openid, u.subscribe, u.unionid])).toEqual([
      ['o-unbound', 1, undefined],
      ['o-bound', 1, 'u-bound'],
      ['o-gone', 0, undefined],
    ]);
    expect(await batch({ user_list: [{ openid: 'o-bound' }, { openid: 'o-stranger' }] })).toEqual({ errcode: 40003, errmsg: 'invalid openid' });
    expect(await batch({ user_list: [] })).toMatchObject({ errcode: 40032 });
    expect(await batch({ user_list: Array.from({ length: 101 }, () => ({ openid: 'o-bound' })) })).toMatchObject({ errcode: 40032 });
    expect(await batch({ openids: ['o-bound'] })).toMatchObject({ errcode: 47001 });
  });

  it('applies queued faults and latency to user/info', async () => {
    wechat.fail(USER_INFO, { errcode: -1 });
    expect(await info('o-bound')).toEqual({ errcode: -1, errmsg: 'system error' });
    wechat.latency(USER_INFO, 200);
    const started = Date.now();
    expect((await info('o-bound')).subscribe).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
