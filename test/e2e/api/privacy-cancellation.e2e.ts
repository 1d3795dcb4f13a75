import { createHash } from 'node:crypto';
import { Tokens } from '../../../server/src/common/auth/tokens';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { download, png, submitted, upload } from '../../support/inquiry-builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { MAPPING, PUSH_ENV, SUB_FIELDS, TPL_FIELDS, bulkParents, campaignSettled } from '../../support/push-builders';
import { whereFound, type Needle } from '../../support/personal-data-walk';
import { startTestServer, type TestServer } from '../../support/test-server';

const OA_TOKEN = 'cancelOaToken1';
const DAY = 24 * 3600_000;

describe('privacy: cancelling an account (注销) leaves no personal data in any table', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let publisher: ApiClient;
  let handler: ApiClient;
  let oa: OaCallbackClient;
  let noticeId: number;

  const PARENT = { openid: 'o-cancel-parent-Zx41', unionid: 'u-cancel-parent-Zx41', oa: 'oa-cancel-parent-Zx41', phone: '13698765432' };
  const OTHER = { openid: 'o-cancel-other-Yw52', unionid: 'u-cancel-other-Yw52', oa: 'oa-cancel-other-Yw52' };

  const follows = async (openid: string, unionid: string) => {
    wechat.follow(openid, unionid);
    expect(await oa.event(openid, 'subscribe')).toBeNull();
    await server.app.get(OaUnionids).idle();
  };
  const subscribes = async (parent: ApiClient, openid: string) => {
    expect((await parent.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'ZSKS' }] }, { 'x-client-channel': 'weapp' })).status).toBe(200);
    expect((await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } })).status).toBe(200);
    wechat.grantQuota(openid, 'SUB_NOTICE', 1);
  };
  const act = async (id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = (await handler.get(`/staff/inquiries/${id}`)).body;
    const res = await handler.post(`/staff/inquiries/${id}/${action}`, { version, ...body });
    expect(res.status).toBe(200);
  };
  const followersFollowing = async () => Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM oa_follower WHERE followed = 1'))[0].n);

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
    server = await startTestServer({ ...wechat.env(), WECHAT_OA_APPID: wechat.appid, WECHAT_OA_SECRET: wechat.secret, WECHAT_OA_TOKEN: OA_TOKEN, ...PUSH_ENV });
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
    let admin: ApiClient;
    let unitCode: string;
    ({ admin, anonymous: anon, unitCode } = await bootstrapAdmin(server));
    publisher = await aStaff(admin, 'cancel-pusher', unitCode, ['publisher']);
    handler = await aStaff(admin, 'cancel-handler', unitCode, ['inquiry_handler']);
    const editor = await aStaff(admin, 'cancel-writer', unitCode, ['editor']);
    noticeId = await aNotice().titled('关于2026年秋季学期义务教育招生报名的通知').inCategory('ZSKS').published().create(editor, admin);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('erases or anonymises every trace, keeps the archived inquiry and every count, ends the session, and a new sign-in starts afresh', async () => {
    // A parent who follows the 公众号 (and wrote to it), subscribes, receives pushes on both channels and asks a question with a phone and a photo.
    const parent = await aParent(anon, wechat, { openid: PARENT.openid, unionid: PARENT.unionid });
    const other = await aParent(anon, wechat, { openid: OTHER.openid, unionid: OTHER.unionid });
    const parentId = (await parent.get('/parents/me')).body.id;
    await follows(PARENT.oa, PARENT.unionid);
    await follows(OTHER.oa, OTHER.unionid);
    await oa.text(PARENT.oa, '招生报名');
    await oa.text(PARENT.oa, '绑定 000000');
    await subscribes(parent, PARENT.openid);
    await subscribes(other, OTHER.openid);

    const created = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe', 'template'], templateIds: { subscribe: 'SUB_NOTICE', template: 'TPL_NOTICE' }, fieldMapping: MAPPING });
    expect(created.status).toBe(201);
    await campaignSettled(server, created.body.id);
    const report = (await publisher.get(`/staff/pushes/${created.body.id}`)).body;
    expect(report).toMatchObject({ total: 4, byStatus: { sent: 4 } });
    expect(wechat.deliveredTo(PARENT.openid)).toHaveLength(1);
    expect(wechat.deliveredTo(PARENT.oa)).toHaveLength(1);

    const photo = await upload(parent, png(4, 4), 'IMG_0001.png', 'image/png');
    expect(photo.status).toBe(201);
    const inquiry = await submitted(parent, { subject: '学区划分咨询', content: '请问我家所在小区属于哪个学区？', phone: PARENT.phone, photoIds: [photo.body.id] });
    await act(inquiry.id, 'accept');
    await act(inquiry.id, 'reply', { text: '您所在小区属于城关第一小学学区。' });
    const archived = (await handler.get(`/staff/inquiries/${inquiry.id}`)).body;
    expect(archived).toMatchObject({ subject: '学区划分咨询', content: '请问我家所在小区属于哪个学区？', reply: { text: '您所在小区属于城关第一小学学区。' } });

    const [stored] = await server.dataSource.query('SELECT sha256 FROM inquiry_photo WHERE id = ?', [photo.body.id]);
    const photoBytes = (await download(parent, `/api/v1/inquiries/photos/${photo.body.id}`)).bytes;
    expect(photoBytes.length).toBeGreaterThan(0);
    const needles: Needle[] = [
      { label: 'openid', text: PARENT.openid },
      { label: 'unionid', text: PARENT.unionid },
      { label: '公众号 openid', text: PARENT.oa },
      { label: 'phone', text: PARENT.phone },
      { label: 'photo sha256', text: stored.sha256 },
      { label: 'photo sha256 of the upload', text: createHash('sha256').update(png(4, 4)).digest('hex') },
      { label: 'photo bytes', bytes: photoBytes },
    ];
    // The walk finds them before: it would see them after.
    // The walk covers the whole schema.
    expect(server.dataSource.entityMetadatas.filter((m) => m.tableType !== 'view').length).toBeGreaterThan(20);
    const before = await whereFound(server, needles);
    for (const label of ['openid', 'unionid', '公众号 openid', 'phone', 'photo sha256', 'photo bytes']) expect(before.some((w) => w.endsWith(`: ${label}`))).toBe(true);
    const places = ['parent_account.openid', 'parent_account.unionid', 'oa_follower.openid', 'oa_follower.unionid', 'oa_inbound_message.from_user', 'oa_inbound_message.dedupe_key', 'oa_inbound_message.reply_xml'];
    places.push('oa_callback_nonce.message_key', 'oa_bind_throttle.openid', 'push_delivery.openid', 'inquiry_photo.sha256', 'stored_file.sha256', 'object store', 'inquiry.phone (entity)');
    for (const where of places) {
      expect(before.some((w) => w.startsWith(`${where}: `))).toBe(true);
    }
    const following = await followersFollowing();

    const cancelled = await parent.delete('/parents/me');
    expect(cancelled.status).toBe(200);
    const erased = Object.fromEntries((cancelled.body.erased as { key: string; count: number }[]).map((e) => [e.key, e.count]));
    expect(erased).toMatchObject({ parent_account: 1, push_subscription: 1, push_quota: 1, push_delivery_openid: 2, oa_follower: 1, oa_bind_throttle: 1, oa_inbound_message: 3, inquiry_photo: 1 });

    // Nothing left, the photo's bytes in storage included: they go with the cancellation, not at the next clean-up round.
    expect(before).toContain('object store: photo bytes');
    expect(await whereFound(server, needles)).toEqual([]);

    // The archive keeps its facts; the push report and the follower count are what they were.
    const kept = (await handler.get(`/staff/inquiries/${inquiry.id}`)).body;
    expect(kept).toMatchObject({ trackingNo: inquiry.trackingNo, subject: '学区划分咨询', content: '请问我家所在小区属于哪个学区？', status: archived.status, reply: { text: '您所在小区属于城关第一小学学区。' }, phone: null, photos: [] });
    expect((await publisher.get(`/staff/pushes/${created.body.id}`)).body).toEqual(report);
    expect(await followersFollowing()).toBe(following);
    // The other parent keeps everything.
    expect((await whereFound(server, [{ label: 'other', text: OTHER.openid }, { label: 'other 公众号', text: OTHER.oa }])).length).toBeGreaterThan(2);
    expect((await other.get('/parents/me/subscriptions')).body.items).toEqual([{ kind: 'category', code: 'ZSKS' }]);

    // The old token is refused, also for a second cancellation.
    expect((await parent.get('/parents/me')).status).toBe(401);
    expect((await parent.delete('/parents/me')).status).toBe(401);
    expect((await parent.get('/parents/me/inquiries')).status).toBe(401);

    // Signing in again with the same WeChat account makes a new, empty account.
    const again = await aParent(anon, wechat, { openid: PARENT.openid, unionid: PARENT.unionid });
    const me = (await again.get('/parents/me')).body;
    expect(me.id).not.toBe(parentId);
    expect(me.displayName).toBe('微信用户');
    expect((await again.get('/parents/me/inquiries')).body.items).toEqual([]);
    expect((await again.get('/parents/me/subscriptions')).body.items).toEqual([]);
    const data = (await again.get('/parents/me/data')).body as { sections: { key: string; records: unknown[] }[] };
    const records = Object.fromEntries(data.sections.map((s) => [s.key, s.records]));
    expect(records).toMatchObject({ push: [], 'official-account': [], inquiries: [] });
    expect(records.account).toEqual([expect.objectContaining({ id: me.id, openid: PARENT.openid })]);

    // Still following the 公众号, the person unfollows it later: the pseudonymous row takes the
    // event (a keyed hash of the openid finds it), so the follower count drops by one, and no row
    // under the real openid appears.
    expect(await oa.event(PARENT.oa, 'unsubscribe')).toBeNull();
    expect(await followersFollowing()).toBe(following - 1);
    expect(await server.dataSource.query('SELECT openid FROM oa_follower WHERE openid = ?', [PARENT.oa])).toEqual([]);
  });
});

describe('privacy: push and 公众号 records without a cancellation (dry runs, retention)', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let publisher: ApiClient;
  let oa: OaCallbackClient;
  let campaignId: number;
  let parents: { id: number; openid: string }[];

  const raw = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => server.dataSource.query(sql, params);
  const touser = async (parentId: number) => {
    const [row] = await raw<{ body: string }>('SELECT r.body FROM push_dry_run r JOIN push_delivery d ON d.id = r.delivery_id WHERE d.parent_id = ?', [parentId]);
    return (JSON.parse(row!.body) as { touser: string | null }).touser;
  };
  const deliveryOpenid = async (parentId: number) => (await raw<{ openid: string | null }>('SELECT openid FROM push_delivery WHERE parent_id = ?', [parentId]))[0]!.openid;
  const retention = async (days: number) => {
    server.clock.advance(days * DAY);
    await server.tasks.run('privacy-retention');
  };

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    // No official-account credentials: template messages are recorded as dry runs. Tokens outlive the clock's jumps.
    server = await startTestServer({ ...wechat.env(), WECHAT_OA_TOKEN: OA_TOKEN, ...PUSH_ENV, TOKEN_TTL_SECONDS: String(30 * 24 * 3600) });
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
    let unitCode: string;
    ({ admin, unitCode } = await bootstrapAdmin(server));
    publisher = await aStaff(admin, 'dry-pusher', unitCode, ['publisher']);
    const editor = await aStaff(admin, 'dry-writer', unitCode, ['editor']);
    const noticeId = await aNotice().titled('关于校车线路调整的通知').inCategory('ZSKS').published().create(editor, admin);
    // Signed in (below the API) at the clock's start, the real time of the run.
    parents = (await bulkParents(server, 'o-dry', 2, { subscribe: { kind: 'category', code: 'ZSKS' }, follow: true })).sort((a, b) => a.id - b.id);
    const created = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'category', code: 'ZSKS' }, channels: ['template'], templateIds: { template: 'TPL_NOTICE' }, fieldMapping: MAPPING });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    await campaignSettled(server, campaignId);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it("a cancellation takes the openid out of the dry run's recorded request; the dry-run list and the report stay whole", async () => {
    const [gone, stays] = parents as [{ id: number; openid: string }, { id: number; openid: string }];
    expect(await touser(gone.id)).toBe(`oa-${gone.openid}`);
    const report = (await publisher.get(`/staff/pushes/${campaignId}`)).body;
    expect(report).toMatchObject({ total: 2, byStatus: { sent: 2 } });

    const client = new ApiClient(server.baseUrl).as((await server.app.get(Tokens).issue('parent', gone.id)).token);
    expect((await client.delete('/parents/me')).status).toBe(200);

    expect(await touser(gone.id)).toBeNull();
    expect(await deliveryOpenid(gone.id)).toBeNull();
    expect(await touser(stays.id)).toBe(`oa-${stays.openid}`);
    const dryRun = (await publisher.get(`/staff/pushes/${campaignId}/dry-run`)).body;
    expect(dryRun.items.map((i: { parentId: number; body: { touser: string | null } }) => [i.parentId, i.body.touser])).toEqual([
      [gone.id, null],
      [stays.id, `oa-${stays.openid}`],
    ]);
    expect((await publisher.get(`/staff/pushes/${campaignId}`)).body).toEqual(report);
    const [follower] = await raw<{ openid: string; unionid: string | null; followed: number | boolean }>("SELECT openid, unionid, followed FROM oa_follower WHERE openid LIKE 'erased:%'");
    expect(follower).toMatchObject({ openid: expect.stringMatching(/^erased:[0-9a-f]{56}$/), unionid: null });
    expect(Number(follower!.followed)).toBe(1);
  });

  it('retention: 公众号 messages after 30 days, push openids after 90, accounts idle for 1095 days', async () => {
    const stays = parents[1]!;
    await oa.text(`oa-${stays.openid}`, '你好');
    const messages = async () => Number((await raw<{ n: number }>('SELECT COUNT(*) AS n FROM oa_inbound_message'))[0]!.n);
    expect(await messages()).toBe(1);

    await retention(29);
    expect(await messages()).toBe(1);
    await retention(2);
    expect(await messages()).toBe(0);

    expect(await deliveryOpenid(stays.id)).toBe(`oa-${stays.openid}`);
    await retention(58); // 89 days after the send
    expect(await deliveryOpenid(stays.id)).toBe(`oa-${stays.openid}`);
    await retention(2);
    expect(await deliveryOpenid(stays.id)).toBeNull();
    expect(await touser(stays.id)).toBeNull();
    // Staff sessions ended with the clock's jumps.
    const again = admin.as(await login(new ApiClient(server.baseUrl), 'dry-pusher'));
    expect((await again.get(`/staff/pushes/${campaignId}`)).body).toMatchObject({ total: 2, byStatus: { sent: 2 } });

    const account = async () => (await raw<{ openid: string | null; display_name: string; cancelled_at: unknown }>('SELECT openid, display_name, cancelled_at FROM parent_account WHERE id = ?', [stays.id]))[0]!;
    expect((await account()).openid).toBe(stays.openid);
    await retention(1096 - 91);
    expect(await account()).toMatchObject({ openid: null, display_name: '已注销用户', cancelled_at: expect.anything() });
    const [follower] = await raw<{ n: number }>('SELECT COUNT(*) AS n FROM oa_follower WHERE unionid IS NOT NULL');
    expect(Number(follower!.n)).toBe(0);
  });
});
