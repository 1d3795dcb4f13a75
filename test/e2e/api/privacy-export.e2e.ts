import { SettableClock } from '../../../server/src/common/clock/clock';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import type { ApiClient } from '../../support/api-client';
import { aParent, bootstrapAdmin } from '../../support/builders';
import { png, submitted, upload } from '../../support/inquiry-builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { PUSH_ENV, SUB_FIELDS } from '../../support/push-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const OA_TOKEN = 'exportOaToken1';
/** Friday 9 October 2026, 10:00 in Shanghai: the download's file name carries the date. The clock runs on from there. */
const START = new Date('2026-10-09T02:00:00Z');
const SOON_AFTER_START = expect.stringMatching(/^2026-10-09T02:0\d:\d\d\.\d{3}Z$/);

/** Two parents with values found nowhere else, so a search of one's export for the other's is exact. */
const ANNA = { openid: 'o-export-anna-3F9d', unionid: 'u-export-anna-3F9d', oa: 'oa-export-anna-3F9d', phone: '13912340001', subject: '安娜的入学报名咨询', category: 'ZSKS', png: png(3, 1) };
const BERT = { openid: 'o-export-bert-8Lm1', unionid: 'u-export-bert-8Lm1', oa: 'oa-export-bert-8Lm1', phone: '13712340002', subject: '伯特的转学手续咨询', category: 'JCJY', png: png(1, 3) };
type Person = typeof ANNA;

describe('privacy: a parent sees (and corrects) everything the bureau holds about them', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let oa: OaCallbackClient;
  const clients = new Map<Person, ApiClient>();
  const photos = new Map<Person, string>();

  /** Signs in, follows the 公众号, subscribes to a category and accepts the subscribe template, asks a question with a phone and a photo. */
  const aParentWithData = async (p: Person) => {
    const parent = await aParent(anon, wechat, { openid: p.openid, unionid: p.unionid });
    wechat.follow(p.oa, p.unionid);
    expect(await oa.event(p.oa, 'subscribe')).toBeNull();
    await server.app.get(OaUnionids).idle();
    expect((await parent.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code: p.category }] }, { 'x-client-channel': 'h5' })).status).toBe(200);
    expect((await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } }, { 'x-client-channel': 'weapp' })).status).toBe(200);
    const photo = await upload(parent, p.png, 'photo.png', 'image/png');
    expect(photo.status).toBe(201);
    await submitted(parent, { subject: p.subject, phone: p.phone, photoIds: [photo.body.id] });
    clients.set(p, parent);
    photos.set(p, photo.body.id);
  };

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    server = await startTestServer({ ...wechat.env(), WECHAT_OA_APPID: wechat.appid, WECHAT_OA_SECRET: wechat.secret, WECHAT_OA_TOKEN: OA_TOKEN, ...PUSH_ENV }, new SettableClock(START));
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
    ({ anonymous: anon } = await bootstrapAdmin(server));
    await aParentWithData(ANNA);
    await aParentWithData(BERT);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const exportOf = async (p: Person) => {
    const res = await clients.get(p)!.get('/parents/me/data');
    expect(res.status).toBe(200);
    return res;
  };
  const section = (body: { sections: { key: string; records: Record<string, unknown>[] }[] }, key: string) => body.sections.find((s) => s.key === key)?.records ?? [];

  it("holds the parent's own identifiers, phone, subscription, photo and consents", async () => {
    const me = (await clients.get(ANNA)!.get('/parents/me')).body;
    const res = await exportOf(ANNA);
    expect(res.body).toMatchObject({ parentId: me.id, generatedAt: SOON_AFTER_START });
    expect(section(res.body, 'account')).toEqual([
      { id: me.id, displayName: '微信用户', openid: ANNA.openid, unionid: ANNA.unionid, demo: false, createdAt: expect.any(String), lastLoginAt: SOON_AFTER_START },
    ]);
    expect(section(res.body, 'push')).toEqual([
      { record: 'subscription', targetKind: 'category', targetCode: 'ZSKS' },
      { record: 'subscribe_quota', templateId: 'SUB_NOTICE', remaining: 1, lastResult: 'accept', updatedAt: SOON_AFTER_START },
    ]);
    // The subscribe event is the one message the 公众号 received from Anna's follower.
    expect(section(res.body, 'official-account')).toEqual([
      { record: 'follower', openid: ANNA.oa, unionid: ANNA.unionid, followed: true, followedAt: expect.any(String), unfollowedAt: null, inboundMessages: 1 },
    ]);
    // Unmasked: it is their own.
    for (const literal of [ANNA.openid, ANNA.unionid, ANNA.oa, ANNA.phone, ANNA.subject, photos.get(ANNA)!]) expect(res.text).toContain(literal);
    const consents = section(res.body, 'consents');
    expect(consents.filter((c) => c.kind === 'privacy_notice')).toHaveLength(1);
    // Given once, when subscribing in the H5 app: the accept that followed changed nothing.
    expect(consents.filter((c) => c.kind === 'subscribe_messages')).toEqual([expect.objectContaining({ granted: true, channel: 'h5' })]);
  });

  it("holds nothing of another parent's, either way round", async () => {
    const [anna, bert] = [(await exportOf(ANNA)).text, (await exportOf(BERT)).text];
    for (const literal of [BERT.openid, BERT.unionid, BERT.oa, BERT.phone, BERT.subject, BERT.category, photos.get(BERT)!]) expect(anna).not.toContain(literal);
    for (const literal of [ANNA.openid, ANNA.unionid, ANNA.oa, ANNA.phone, ANNA.subject, ANNA.category, photos.get(ANNA)!]) expect(bert).not.toContain(literal);
    expect(bert).toContain(BERT.phone);
  });

  it('downloads as a dated JSON file', async () => {
    const res = await clients.get(ANNA)!.get('/parents/me/data?download=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('我的信息-20261009.json')}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.parentId).toBe((await exportOf(ANNA)).body.parentId);
    expect((await anon.get('/parents/me/data')).status).toBe(401);
  });

  it('lets the parent correct their name: trimmed, 1–20 characters, no control characters', async () => {
    const anna = clients.get(ANNA)!;
    const res = await anna.patch('/parents/me', { displayName: '  王女士  ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王女士', demo: false });
    expect((await anna.get('/parents/me')).body.displayName).toBe('王女士');
    expect(section((await exportOf(ANNA)).body, 'account')[0]).toMatchObject({ displayName: '王女士' });

    const refused = async (displayName: unknown, message: string) => {
      const bad = await anna.patch('/parents/me', { displayName });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'displayName', message }] });
    };
    await refused('   ', '名称不能为空');
    await refused('王'.repeat(21), '名称最多 20 个字');
    await refused('王\n女士', '名称不能包含换行或控制字符');
    await refused('王\u202e士', '名称不能包含换行或控制字符');
    await refused(7, '名称须为文字');
    expect((await anna.patch('/parents/me', { displayName: '😀'.repeat(20) })).status).toBe(200);
    expect((await anna.patch('/parents/me', { displayName: '王女士', openid: 'x' })).status).toBe(400);
    expect((await anon.patch('/parents/me', { displayName: '王女士' })).status).toBe(401);
    expect((await clients.get(BERT)!.get('/parents/me')).body.displayName).toBe('微信用户');
  });

  it('withdrawing the subscribe-message consent deletes the subscriptions and quotas; subscribing again gives it again', async () => {
    const bert = clients.get(BERT)!;
    const withdrawn = await bert.post('/parents/me/consents', { kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.current.find((c: { kind: string }) => c.kind === 'subscribe_messages')).toMatchObject({ granted: false, channel: 'weapp' });
    expect((await bert.get('/parents/me/subscriptions')).body).toEqual({ items: [] });
    expect((await bert.get('/parents/me/quotas')).body).toEqual({ items: [{ templateId: 'SUB_NOTICE', remaining: 0 }] });
    expect(section((await exportOf(BERT)).body, 'push')).toEqual([]);
    // Anna's are untouched.
    expect((await clients.get(ANNA)!.get('/parents/me/subscriptions')).body.items).toEqual([{ kind: 'category', code: 'ZSKS' }]);

    expect((await bert.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } }, { 'x-client-channel': 'weapp' })).status).toBe(200);
    expect((await bert.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } }, { 'x-client-channel': 'weapp' })).status).toBe(200);
    const given = section((await exportOf(BERT)).body, 'consents').filter((c) => c.kind === 'subscribe_messages');
    expect(given.map((c) => [c.granted, c.channel])).toEqual([
      [true, 'weapp'],
      [false, 'weapp'],
      [true, 'h5'],
    ]);
  });
});
