import { PUSH_FIELD_TYPES, validateValue } from '@gongkai/shared';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { EventBus } from '../../../server/src/common/events/event-bus';
import { PushDelivery } from '../../../server/src/push/entities/push-delivery.entity';
import { PushDryRun } from '../../../server/src/push/entities/push-dry-run.entity';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { MAPPING, PUSH_ENV, SUB_FIELDS, SUB_LABELS, TPL_FIELDS, acceptSubscribe, bulkParents, campaignSettled } from '../../support/push-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const put = (client: ApiClient, path: string, body: unknown) => client.request<any>('PUT', path, body);
const OA_TOKEN = 'pushOaToken1';

describe('announcement pushes', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let publisher: ApiClient;
  let editor: ApiClient;
  let unitCode: string;
  let noticeId: number;
  let oa: OaCallbackClient;

  /** `openid` follows the official account (WeChat knows its unionid): the subscribe event, then the unionid lookup it starts. */
  const follows = async (openid: string, unionid: string) => {
    wechat.follow(openid, unionid);
    expect(await oa.event(openid, 'subscribe')).toBeNull();
    await server.app.get(OaUnionids).idle();
  };

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), WECHAT_OA_APPID: wechat.appid, WECHAT_OA_SECRET: wechat.secret, WECHAT_OA_TOKEN: OA_TOKEN, ...PUSH_ENV });
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
    ({ admin, anonymous: anon, unitCode } = await bootstrapAdmin(server));
    publisher = await aStaff(admin, 'pusher', unitCode, ['publisher']);
    editor = await aStaff(admin, 'writer', unitCode, ['editor']);
    noticeId = await aNotice().titled('关于2026年城区义务教育学校招生划片范围及入学报名有关事项的通知').inCategory('ZSKS').published().create(editor, admin);
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const campaign = (extra: Record<string, unknown> = {}) => ({
    noticeId,
    audience: { kind: 'category', code: 'ZSKS' },
    channels: ['subscribe'],
    templateIds: { subscribe: 'SUB_NOTICE' },
    fieldMapping: MAPPING,
    ...extra,
  });

  const push = async (body: object): Promise<any> => {
    const res = await publisher.post('/staff/pushes', body);
    expect(res.status).toBe(201);
    await campaignSettled(server, res.body.id);
    return (await publisher.get(`/staff/pushes/${res.body.id}`)).body;
  };

  it('lists the configured templates publicly', async () => {
    const res = await anon.get('/push/templates');
    expect(res.status).toBe(200);
    expect(res.body.subscribe).toEqual([{ id: 'SUB_NOTICE', name: '公告通知', fields: SUB_FIELDS, labels: SUB_LABELS, page: 'pages/notice/index?id={id}' }]);
    expect(res.body.template.map((t: { id: string }) => t.id)).toEqual(['TPL_NOTICE']);
  });

  it('replaces, lists and validates a parent\'s subscriptions', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-subs' });
    expect((await parent.get('/parents/me/subscriptions')).body).toEqual({ items: [] });
    const set = await put(parent, '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'ZSKS' }, { kind: 'topic', code: 'zoning' }, { kind: 'unit', code: unitCode }, { kind: 'category', code: 'ZSKS' }] });
    expect(set.status).toBe(200);
    expect(set.body.items).toHaveLength(3);
    const bad = await put(parent, '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'NOPE' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const badKind = await put(parent, '/parents/me/subscriptions', { items: [{ kind: 'school', code: 'x' }] });
    expect(badKind.status).toBe(400);
    expect((await parent.get('/parents/me/subscriptions')).body.items).toHaveLength(3);
    expect((await parent.request('PUT', '/parents/me/subscriptions', { items: [] })).body).toEqual({ items: [] });
    expect((await anon.get('/parents/me/subscriptions')).status).toBe(401);
  });

  it('counts one-time subscribe quota: accept adds one, other results change nothing', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-quota' });
    expect((await parent.get('/parents/me/quotas')).body).toEqual({ items: [{ templateId: 'SUB_NOTICE', remaining: 0 }] });
    await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } });
    await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'reject' } });
    const res = await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ templateId: 'SUB_NOTICE', remaining: 2 }] });
    expect((await parent.post('/parents/me/subscribe-results', { results: { OTHER: 'accept' } })).status).toBe(400);
    expect((await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'maybe' } })).status).toBe(400);
  });

  it('sends a subscribe message end to end, uses the quota, skips without it, and records 43101', async () => {
    const a = await aParent(anon, wechat, { openid: 'o-send-a' });
    const b = await aParent(anon, wechat, { openid: 'o-send-b' });
    for (const p of [a, b]) await put(p, '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'ZSKS' }] });
    await a.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } });
    wechat.grantQuota('o-send-a', 'SUB_NOTICE', 1);

    const first = await push(campaign());
    expect(first.byStatus.sent).toBe(1);
    expect(first.skippedByReason.no_quota).toBeGreaterThanOrEqual(1);
    expect(first.progress).toBe(1);
    expect(first.finishedAt).not.toBeNull();
    const sent = wechat.deliveredTo('o-send-a');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.page).toBe(`pages/notice/index?id=${noticeId}`);
    expect(wechat.deliveredTo('o-send-b')).toHaveLength(0);
    expect((await a.get('/parents/me/quotas')).body.items[0].remaining).toBe(0);

    // No quota left: skipped when the campaign is made.
    const second = await push(campaign());
    expect(second.byStatus.sent).toBe(0);
    expect(wechat.deliveredTo('o-send-a')).toHaveLength(1);

    // The app thinks there is quota, WeChat does not (43101): failed, and the quota is reset.
    await a.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } });
    const third = await push(campaign());
    expect(third.failedByReason).toEqual({ refused: 1 });
    expect((await a.get('/parents/me/quotas')).body.items[0].remaining).toBe(0);
    const failed = await publisher.get(`/staff/pushes/${third.id}/deliveries?status=failed`);
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0]).toMatchObject({ channel: 'subscribe', status: 'failed', reason: 'refused', lastErrorCode: '43101', openid: 'o-se****-a' });

    const audit = await server.dataSource.getRepository(AuditLog).findBy({ entityType: 'push_campaign', entityId: String(first.id) });
    expect(audit.map((e) => e.action)).toEqual(['push.create']);
  });

  it('sends template messages to followers linked by unionid, with client_msg_id, and records the job result', async () => {
    const linked = await aParent(anon, wechat, { openid: 'o-tpl-a', unionid: 'u-tpl-a' });
    const unlinked = await aParent(anon, wechat, { openid: 'o-tpl-b', unionid: 'u-tpl-b' });
    for (const p of [linked, unlinked]) await put(p, '/parents/me/subscriptions', { items: [{ kind: 'topic', code: 'zoning' }] });
    await follows('oa-tpl-a', 'u-tpl-a');
    const report = await push(campaign({ audience: { kind: 'topic', code: 'zoning' }, channels: ['template'], templateIds: { template: 'TPL_NOTICE' } }));
    expect(report.byStatus).toMatchObject({ sent: 1, skipped: 1 });
    expect(report.skippedByReason).toEqual({ not_following: 1 });
    const [message] = wechat.deliveredTo('oa-tpl-a');
    expect(message).toBeDefined();
    expect(message!.data.thing1!.value.length).toBeLessThanOrEqual(20);
    const call = wechat.calls('/cgi-bin/message/template/send')[0]!;
    const delivery = await server.dataSource.getRepository(PushDelivery).findOneByOrFail({ campaignId: report.id, status: 'sent' });
    expect((call.body as { client_msg_id: string }).client_msg_id).toBe(`push-${delivery.id}`);
    expect(delivery.msgid).toBe(String(message!.msgid));

    server.app.get(EventBus).emit('wechat.template_job_finished', { msgId: delivery.msgid!, status: 'failed:user block' });
    await new Promise((r) => setTimeout(r, 100));
    const items = (await publisher.get(`/staff/pushes/${report.id}/deliveries?status=sent`)).body.items;
    expect(items[0]).toMatchObject({ jobStatus: 'failed:user block', openid: 'oa-t****-a' });
  });

  it('applies a template-job result that came back before the delivery it reports on was written', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-tpl-early', unionid: 'u-tpl-early' });
    await put(parent, '/parents/me/subscriptions', { items: [{ kind: 'topic', code: 'zhongkao' }] });
    await follows('oa-tpl-early', 'u-tpl-early');
    // WeChat's answer carries msgid 7700000001; its TEMPLATESENDJOBFINISH is already stored when the outcome is written.
    wechat.fail('/cgi-bin/message/template/send', { body: { errcode: 0, errmsg: 'ok', msgid: 7700000001 } });
    expect(await oa.event('oa-tpl-early', 'TEMPLATESENDJOBFINISH', [['MsgID', '7700000001'], ['Status', 'success']])).toBeNull();
    const report = await push(campaign({ audience: { kind: 'topic', code: 'zhongkao' }, channels: ['template'], templateIds: { template: 'TPL_NOTICE' } }));
    expect(report.byStatus.sent).toBe(1);
    const items = (await publisher.get(`/staff/pushes/${report.id}/deliveries?status=sent`)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ channel: 'template', jobStatus: 'success' });
  });

  it('previews the exact fitted data, always valid for WeChat, and refuses what cannot be fitted', async () => {
    const res = await publisher.post('/staff/pushes/preview', campaign({ channels: ['subscribe', 'template'], templateIds: { subscribe: 'SUB_NOTICE', template: 'TPL_NOTICE' } }));
    expect(res.status).toBe(200);
    expect(res.body.channels).toHaveLength(2);
    for (const channel of res.body.channels) {
      const fields = channel.channel === 'subscribe' ? SUB_FIELDS : TPL_FIELDS;
      expect(channel.problems).toEqual([]);
      for (const [key, type] of Object.entries(fields)) {
        expect(PUSH_FIELD_TYPES).toContain(type);
        expect(validateValue(type, channel.data[key].value, channel.channel)).toBeNull();
      }
      expect(channel.changed.map((c: { key: string }) => c.key)).toContain('thing1');
    }
    // What staff need to draw each message as the phone shows it: the template's title, each keyword's name, whether it opens the notice.
    const [sub, tpl] = res.body.channels;
    expect(sub).toMatchObject({ templateName: '公告通知', opensNotice: true });
    expect(sub.fields).toEqual([
      { key: 'thing1', type: 'thing', label: '通知标题' },
      { key: 'date2', type: 'date', label: '发布日期' },
      { key: 'thing3', type: 'thing', label: '发布单位' },
    ]);
    // No names configured for the official-account template: its place and kind; the fake configures the mini-program, so it opens the notice.
    expect(tpl).toMatchObject({ templateName: '公告提醒', opensNotice: true });
    expect(tpl.fields.map((f: { label: string }) => f.label)).toEqual(['第1项（内容）', '第2项（时间）', '第3项（内容）']);
    const bad = await publisher.post('/staff/pushes/preview', campaign({ fieldMapping: { ...MAPPING, date2: '不是日期' } }));
    expect(bad.status).toBe(200);
    expect(bad.body.channels[0].problems.map((p: { key: string }) => p.key)).toEqual(['date2']);
    const refused = await publisher.post('/staff/pushes', campaign({ fieldMapping: { ...MAPPING, date2: '不是日期' } }));
    expect(refused.status).toBe(400);
    const unknownTemplate = await publisher.post('/staff/pushes/preview', campaign({ templateIds: { subscribe: 'NOPE' } }));
    expect(unknownTemplate.status).toBe(400);
    const draft = await aNotice().titled('草稿').create(editor);
    expect((await publisher.post('/staff/pushes/preview', campaign({ noticeId: draft }))).status).toBe(400);
    expect((await editor.post('/staff/pushes/preview', campaign())).status).toBe(403);
  });

  it('refreshes a refused access token mid-campaign and carries on', async () => {
    const parents = await bulkParents(server, 'tok', 300, { subscribe: { kind: 'unit', code: unitCode } });
    await acceptSubscribe(server, parents, 'SUB_NOTICE');
    for (const p of parents) wechat.grantQuota(p.openid, 'SUB_NOTICE', 1);
    wechat.latency('/cgi-bin/message/subscribe/send', 2);
    const res = await publisher.post('/staff/pushes', campaign({ audience: { kind: 'unit', code: unitCode } }));
    expect(res.status).toBe(201);
    const tokensBefore = wechat.calls('/cgi-bin/stable_token').length;
    await new Promise((r) => setTimeout(r, 150));
    wechat.tokens.revokeAll();
    await campaignSettled(server, res.body.id);
    const report = (await publisher.get(`/staff/pushes/${res.body.id}`)).body;
    expect(report.byStatus.sent).toBe(300);
    expect(wechat.delivered('subscribe')).toHaveLength(300);
    expect(new Set(wechat.delivered('subscribe').map((d) => d.openid)).size).toBe(300);
    expect(wechat.calls('/cgi-bin/stable_token').length).toBeGreaterThan(tokensBefore);
  });

  it('cancels the unsent deliveries of a campaign; sent ones stay sent', async () => {
    const parents = await bulkParents(server, 'cancel', 400, { subscribe: { kind: 'topic', code: 'zhongkao' } });
    await acceptSubscribe(server, parents, 'SUB_NOTICE');
    for (const p of parents) wechat.grantQuota(p.openid, 'SUB_NOTICE', 1);
    wechat.latency('/cgi-bin/message/subscribe/send', 20);
    const res = await publisher.post('/staff/pushes', campaign({ audience: { kind: 'topic', code: 'zhongkao' } }));
    await new Promise((r) => setTimeout(r, 300));
    const cancelled = await publisher.post(`/staff/pushes/${res.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await campaignSettled(server, res.body.id);
    const report = (await publisher.get(`/staff/pushes/${res.body.id}`)).body;
    expect(report.byStatus.cancelled).toBeGreaterThan(0);
    expect(report.byStatus.sent).toBeGreaterThan(0);
    expect(report.byStatus.sent + report.byStatus.cancelled).toBe(400);
    expect(wechat.delivered('subscribe')).toHaveLength(report.byStatus.sent);
    await new Promise((r) => setTimeout(r, 200));
    expect(wechat.delivered('subscribe')).toHaveLength(report.byStatus.sent);
  });

  it('pages the deliveries with a cursor', async () => {
    const list = (await publisher.get('/staff/pushes/1/deliveries?limit=1')).body;
    expect(list.items).toHaveLength(1);
    expect((await publisher.get('/staff/pushes/999999')).status).toBe(404);
    expect((await publisher.get('/staff/pushes/1/deliveries?status=bogus')).status).toBe(400);
  });
});

describe('announcement pushes without WeChat credentials (dry run)', () => {
  let server: TestServer;

  afterAll(async () => {
    await server?.destroy();
  });

  it('records the exact request instead of sending and marks the deliveries sent (dry run)', async () => {
    server = await startTestServer({ ...PUSH_ENV, DEMO_DATA: 'false' });
    const { admin, unitCode } = await bootstrapAdmin(server);
    const publisher = await aStaff(admin, 'dry-pusher', unitCode, ['publisher']);
    const noticeId = await aNotice().titled('演示推送').inCategory('ZSKS').published().create(admin, admin);
    await acceptSubscribe(server, await bulkParents(server, 'dry', 5, { subscribe: { kind: 'category', code: 'ZSKS' } }), 'SUB_NOTICE');
    const res = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'all' }, channels: ['subscribe'], templateIds: { subscribe: 'SUB_NOTICE' }, fieldMapping: MAPPING });
    expect(res.status).toBe(201);
    await campaignSettled(server, res.body.id);
    const rows = await server.dataSource.getRepository(PushDelivery).findBy({ campaignId: res.body.id });
    expect(rows.map((r) => [r.status, r.dryRun])).toEqual(rows.map(() => ['sent', true]));
    const dry = await server.dataSource.getRepository(PushDryRun).find();
    expect(dry).toHaveLength(5);
    expect(dry[0]!.path).toBe('/cgi-bin/message/subscribe/send');
    expect(dry[0]!.body).toMatchObject({ template_id: 'SUB_NOTICE', page: `pages/notice/index?id=${noticeId}`, data: { thing1: { value: '演示推送' } } });
  });
});

describe('announcement pushes in the embedded demo (dry run)', () => {
  let server: TestServer;

  afterAll(async () => {
    await server?.destroy();
  });

  it('offers the demo subscribe template and records a demo parent’s message for the publisher to read', async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: 'demo-password-1', PUSH_POLL_MS: '50' });
    const anon = new ApiClient(server.baseUrl);
    const templates = await anon.get('/push/templates');
    expect(templates.body.subscribe).toEqual([expect.objectContaining({ id: 'DEMO_NOTICE', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' } })]);
    const parent = anon.as((await anon.post('/auth/demo')).body.token);
    expect((await put(parent, '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'ZSKS' }] })).status).toBe(200);
    expect((await parent.post('/parents/me/subscribe-results', { results: { DEMO_NOTICE: 'accept' } })).status).toBe(200);
    const admin = anon.as((await anon.post('/auth/staff', { username: 'admin', password: 'demo-password-1' })).body.token);
    const publisher = anon.as((await anon.post('/auth/staff', { username: 'publisher', password: 'demo-password-1' })).body.token);
    const editor = anon.as((await anon.post('/auth/staff', { username: 'editor', password: 'demo-password-1' })).body.token);
    const noticeId = await aNotice().titled('演示推送：招生报名提醒').inCategory('ZSKS').published().create(admin, admin);
    const res = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe'], templateIds: { subscribe: 'DEMO_NOTICE' }, fieldMapping: { thing1: 'title', time2: 'publishedAt', thing3: 'unitName' } });
    expect(res.status).toBe(201);
    await campaignSettled(server, res.body.id);
    const report = (await publisher.get(`/staff/pushes/${res.body.id}`)).body;
    expect(report.byStatus.sent).toBeGreaterThanOrEqual(1);
    const dry = await publisher.get(`/staff/pushes/${res.body.id}/dry-run`);
    expect(dry.status).toBe(200);
    const parentId = (await parent.get('/parents/me')).body.id;
    const mine = dry.body.items.filter((i: any) => i.parentId === parentId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'subscribe', path: '/cgi-bin/message/subscribe/send', body: { template_id: 'DEMO_NOTICE', page: `/pages/notice/detail?id=${noticeId}`, data: { thing1: { value: '演示推送：招生报名提醒' } } } });
    expect((await editor.get(`/staff/pushes/${res.body.id}/dry-run`)).status).toBe(403);
    expect((await publisher.get('/staff/pushes/999999/dry-run')).status).toBe(404);
  });
});
