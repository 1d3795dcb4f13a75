import { Logger } from '@nestjs/common';
import { AUTO_PUSH_CREATOR } from '@gongkai/shared';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { EventBus } from '../../../server/src/common/events/event-bus';
import { AutoPushService } from '../../../server/src/push/auto-push.service';
import { PushAutoSetting } from '../../../server/src/push/entities/push-auto-setting.entity';
import { PushCampaign } from '../../../server/src/push/entities/push-campaign.entity';
import { PushDelivery } from '../../../server/src/push/entities/push-delivery.entity';
import { PushCampaignsService } from '../../../server/src/push/push-campaigns.service';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { MAPPING, PUSH_ENV, SUB_FIELDS, TPL_FIELDS, campaignSettled } from '../../support/push-builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const SETTING = { channels: ['subscribe', 'template'], templateIds: { subscribe: 'SUB_NOTICE', template: 'TPL_NOTICE' }, fieldMapping: MAPPING };
const HAN = /\p{Script=Han}/u;
const OA_TOKEN = 'autoPushOaToken';
const HOUR_MS = 3600_000;

describe('automatic pushes on publish (per category)', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;
  let publisher: ApiClient;
  let unitCode: string;
  let oa: OaCallbackClient;

  /** The sweep ('auto-push') runs at start and when a test runs it: its poll (SCHEDULE_POLL_MS) is an hour here. */
  const env = (extra: Record<string, string> = {}) => ({
    ...wechat.env(),
    WECHAT_OA_APPID: wechat.appid,
    WECHAT_OA_SECRET: wechat.secret,
    WECHAT_OA_TOKEN: OA_TOKEN,
    ...PUSH_ENV,
    SCHEDULE_POLL_MS: '3600000',
    ...extra,
  });

  /** Signs the staff in again (after the clock moved past their tokens' lifetime, or a restart). */
  async function signIn(): Promise<void> {
    anon = new ApiClient(server.baseUrl);
    admin = anon.as(await login(anon, 'root'));
    editor = anon.as(await login(anon, 'auto-writer'));
    publisher = anon.as(await login(anon, 'auto-pusher'));
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
  }

  /** Stops the server and starts a new one on the same database and clock (as after a crash or a deploy). */
  async function restart(extra: Record<string, string> = {}): Promise<void> {
    await server.stop();
    server = await startServer(db, env(extra), server.clock);
    await signIn();
  }

  /** Sets (or with null turns off) ZSKS's automatic push, as an admin does. */
  const setAutoPush = (autoPush: unknown, client = admin, code = 'ZSKS') => client.request<any>('PUT', `/staff/push/auto-push/${code}`, { autoPush });
  const autoPushList = async () => (await admin.get('/staff/push/auto-push')).body as { code: string; name: string; autoPush: unknown; autoPushSince: string | null }[];

  const autoPush = () => server.app.get(AutoPushService);
  const campaignsOf = (noticeId: number) => server.dataSource.getRepository(PushCampaign).findBy({ noticeId });

  /** Waits for the notice's automatic campaign to be made. */
  async function autoCampaign(noticeId: number, timeoutMs = 15_000): Promise<PushCampaign> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await server.dataSource.getRepository(PushCampaign).findOneBy({ autoNoticeId: noticeId });
      if (row) return row;
      if (Date.now() > until) throw new Error(`no automatic campaign for notice ${noticeId} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * A notice of ZSKS published through the API while its `notice.published` event is lost, as if
   * the instance died right after the commit (the event is in-process).
   */
  async function publishedUnheard(title: string): Promise<number> {
    const bus = server.app.get(EventBus);
    const emit = bus.emit.bind(bus);
    const lost = jest.spyOn(bus, 'emit').mockImplementation(((name: string, payload: unknown) => {
      if (name !== 'notice.published') (emit as (n: string, p: unknown) => void)(name, payload);
    }) as typeof bus.emit);
    try {
      return await aNotice().titled(title).inCategory('ZSKS').published().create(editor, admin);
    } finally {
      lost.mockRestore();
    }
  }

  /** A parent signed in through the fake WeChat, subscribed to `code`, with `quota` subscribe acceptances (and following the official account when `follow`). */
  async function parent(openid: string, code: string, options: { quota?: number; follow?: boolean } = {}): Promise<void> {
    const unionid = `u-${openid}`;
    const client = await aParent(anon, wechat, { openid, unionid });
    expect((await client.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code }] })).status).toBe(200);
    for (let i = 0; i < (options.quota ?? 0); i++) await client.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } });
    if (options.quota) wechat.grantQuota(openid, 'SUB_NOTICE', options.quota);
    if (options.follow) {
      // Follows the official account: the subscribe event, then the unionid lookup it starts.
      wechat.follow(`oa-${openid}`, unionid);
      expect(await oa.event(`oa-${openid}`, 'subscribe')).toBeNull();
      await server.app.get(OaUnionids).idle();
    }
  }

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
    db = await freshDatabase();
    server = await startServer(db, env());
    ({ admin, anonymous: anon, unitCode } = await bootstrapAdmin(server));
    oa = new OaCallbackClient(server.baseUrl, OA_TOKEN, 'gh_gongkai_oa', server.clock);
    editor = await aStaff(admin, 'auto-writer', unitCode, ['editor']);
    publisher = await aStaff(admin, 'auto-pusher', unitCode, ['publisher']);
    await parent('o-auto-a', 'ZSKS', { quota: 10, follow: true });
    await parent('o-auto-b', 'ZSKS');
    await parent('o-auto-c', 'JCJY', { quota: 10, follow: true });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('lets an admin turn auto push on for 招生考试: audited, shown to staff, never to the public', async () => {
    const res = await setAutoPush(SETTING);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 'ZSKS', name: '招生考试', autoPush: SETTING, autoPushSince: expect.any(String) });
    const since = res.body.autoPushSince as string;
    expect(Math.abs(new Date(since).getTime() - server.clock.nowMs())).toBeLessThan(60_000);

    const staffList = await autoPushList();
    expect(staffList.find((c) => c.code === 'ZSKS')).toEqual({ code: 'ZSKS', name: '招生考试', autoPush: SETTING, autoPushSince: since });
    expect(staffList.filter((c) => c.autoPush !== null).map((c) => c.code)).toEqual(['ZSKS']);
    expect(staffList.find((c) => c.code === 'JCJY')).toMatchObject({ autoPush: null, autoPushSince: null });

    // Catalog knows nothing of it: neither its public nor its staff list of categories shows it.
    const publicList = await anon.get('/categories');
    expect(publicList.status).toBe(200);
    for (const c of publicList.body) expect(Object.keys(c).sort()).toEqual(['code', 'description', 'id', 'name', 'sortOrder']);
    expect(publicList.text).not.toContain('SUB_NOTICE');
    const categories = await admin.get('/staff/categories');
    expect(categories.status).toBe(200);
    expect(categories.text).not.toContain('SUB_NOTICE');
    expect(categories.text).not.toContain('autoPush');

    // Setting it again keeps the time it was turned on.
    server.clock.advance(60_000);
    const again = await setAutoPush(SETTING);
    expect(again.status).toBe(200);
    expect(again.body.autoPushSince).toBe(since);

    const audit = await admin.get('/staff/audit?entityType=category&entityId=ZSKS');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['category.auto_push', 'category.auto_push']);
    expect(audit.body.items[1]).toMatchObject({ before: { autoPush: null, autoPushSince: null }, after: { autoPush: SETTING, autoPushSince: since } });

    expect((await setAutoPush(null, publisher)).status).toBe(403);
    expect((await publisher.get('/staff/push/auto-push')).status).toBe(403);
    const unknown = await setAutoPush(SETTING, admin, 'NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('分类“NOPE”不存在');
  });

  it('refuses settings that do not fit the configured templates, in Chinese, and keeps the one in force', async () => {
    const auditBefore = await server.dataSource.getRepository(AuditLog).countBy({ entityType: 'category' });
    const refuse = async (body: unknown, field: string, message: string | RegExp) => {
      const res = await admin.request<any>('PUT', '/staff/push/auto-push/ZSKS', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(HAN);
      const detail = (res.body.details as { field: string; message: string }[]).find((d) => d.field === field);
      expect(detail).toBeDefined();
      expect(detail!.message).toMatch(message);
      return res.body;
    };
    await refuse({ autoPush: { ...SETTING, templateIds: { subscribe: 'NOPE', template: 'TPL_NOTICE' } } }, 'autoPush.templateIds.subscribe', '未配置的模板：NOPE');
    await refuse({ autoPush: { ...SETTING, channels: ['subscribe'] } }, 'autoPush.templateIds.template', '未选择的渠道：template');
    const unfit = await refuse({ autoPush: { ...SETTING, fieldMapping: { ...MAPPING, date2: '不是日期' } } }, 'autoPush.fieldMapping.date2', /^subscribe：日期无法识别/);
    expect(unfit.message).toBe('推送内容不符合模板要求');
    const { thing3: _dropped, ...partial } = MAPPING;
    await refuse({ autoPush: { ...SETTING, fieldMapping: partial } }, 'autoPush.fieldMapping.thing3', 'subscribe：未指定该字段的内容');
    await refuse({ autoPush: { ...SETTING, channels: [] } }, 'autoPush.channels', '至少选择一个推送渠道');
    await refuse({ autoPush: { ...SETTING, channels: ['sms'] } }, 'autoPush.channels', '推送渠道须为 subscribe 或 template');
    await refuse({ autoPush: { ...SETTING, audience: { kind: 'all' } } }, 'autoPush.audience', '不支持的字段：autoPush.audience');
    await refuse({ autoPush: 'on' }, 'autoPush', '自动推送设置（autoPush）须为对象或 null');
    await refuse({}, 'autoPush', '自动推送设置（autoPush）须为对象或 null');

    const zsks = (await autoPushList()).find((c) => c.code === 'ZSKS')!;
    expect(zsks.autoPush).toEqual(SETTING);
    expect(await server.dataSource.getRepository(AuditLog).countBy({ entityType: 'category' })).toBe(auditBefore);
  });

  it('pushes a notice published in ZSKS exactly once to the category’s subscribers, through WeChat', async () => {
    const id = await aNotice().titled('关于普通高中招生录取工作的通知').inCategory('ZSKS').published().create(editor, admin);
    const row = await autoCampaign(id);
    expect(row).toMatchObject({ createdById: null, createdByUsername: AUTO_PUSH_CREATOR, audienceKind: 'category', audienceCode: 'ZSKS' });
    await campaignSettled(server, row.id);

    const report = (await publisher.get(`/staff/pushes/${row.id}`)).body;
    expect(report).toMatchObject({ noticeId: id, createdBy: AUTO_PUSH_CREATOR, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe', 'template'], templateIds: SETTING.templateIds });
    // a: both channels sent; b: no quota, not following.
    expect(report.total).toBe(4);
    expect(report.byStatus).toMatchObject({ sent: 2, skipped: 2 });
    expect(report.skippedByReason).toEqual({ no_quota: 1, not_following: 1 });
    const [subscribe] = wechat.deliveredTo('o-auto-a');
    expect(subscribe!.page).toBe(`pages/notice/index?id=${id}`);
    expect(subscribe!.data.thing1!.value).toBe('关于普通高中招生录取工作的通知');
    expect(wechat.deliveredTo('oa-o-auto-a')).toHaveLength(1);
    expect(wechat.deliveredTo('o-auto-c')).toHaveLength(0);
    expect(wechat.deliveredTo('oa-o-auto-c')).toHaveLength(0);

    const audit = await server.dataSource.getRepository(AuditLog).findBy({ entityType: 'push_campaign', entityId: String(row.id) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'push.auto_create', actorId: null, after: { noticeId: id, createdBy: AUTO_PUSH_CREATOR, total: 4 } });
    await autoPush().idle();
    expect(await campaignsOf(id)).toHaveLength(1);
  });

  it('makes none for a notice of another category, nor for an 依申请公开 one', async () => {
    const other = await aNotice().titled('基础教育科工作简报').inCategory('JCJY').published().create(editor, admin);
    const onRequest = await aNotice().titled('招生考试考生个人成绩（依申请公开）').inCategory('ZSKS').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
    await autoPush().idle();
    await server.tasks.run('auto-push');
    expect(await campaignsOf(other)).toEqual([]);
    expect(await campaignsOf(onRequest)).toEqual([]);
    expect(await server.app.get(PushCampaignsService).createAutomatic(onRequest)).toEqual({ kind: 'not_applicable' });
  });

  it('makes one campaign however often the event comes and however many instances try', async () => {
    const id = await aNotice().titled('中考体育考试安排').inCategory('ZSKS').published().create(editor, admin);
    await autoCampaign(id);
    const bus = server.app.get(EventBus);
    for (let i = 0; i < 3; i++) bus.emit('notice.published', { noticeId: id, publishedAt: server.clock.now().toISOString(), scheduled: false });
    await autoPush().idle();
    await server.tasks.run('auto-push');
    expect(await server.app.get(PushCampaignsService).createAutomatic(id)).toEqual({ kind: 'exists' });
    expect(await campaignsOf(id)).toHaveLength(1);

    // A second instance on the same database; both see a notice whose event was lost, at once.
    const other = await startServer(db, env(), server.clock);
    try {
      const lost = await publishedUnheard('事件丢失后两台实例同时补推');
      const [attempts] = await Promise.all([
        Promise.allSettled([server.app.get(PushCampaignsService).createAutomatic(lost), other.app.get(PushCampaignsService).createAutomatic(lost)]),
        server.tasks.run('auto-push'),
        other.tasks.run('auto-push'),
      ]);
      const outcomes = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value.kind] : []));
      // The one that lost the race answers `exists` (or, on SQLite, may find the database busy: nothing written either way).
      expect(outcomes.filter((k) => k === 'created').length).toBeLessThanOrEqual(1);
      await autoPush().idle();
      await other.app.get(AutoPushService).idle();
      await server.tasks.run('auto-push');
      expect(await campaignsOf(lost)).toHaveLength(1);
    } finally {
      await other.stop();
    }

    // The database itself refuses a second automatic campaign of one notice.
    const row = await autoCampaign(id);
    const { id: _id, ...copy } = row;
    await expect(server.dataSource.getRepository(PushCampaign).insert({ ...copy, createdAt: new Date() })).rejects.toThrow();
    expect(await campaignsOf(id)).toHaveLength(1);
  });

  it('catches up on notices published while nobody listened: on its poll and at start', async () => {
    const unheard = await publishedUnheard('定时发布后实例宕机的通知');
    await autoPush().idle();
    expect(await campaignsOf(unheard)).toEqual([]);
    await server.tasks.run('auto-push');
    const row = await autoCampaign(unheard, 0);
    expect(row.createdByUsername).toBe(AUTO_PUSH_CREATOR);
    await campaignSettled(server, row.id);
    expect(wechat.deliveredTo('o-auto-a').filter((d) => d.page === `pages/notice/index?id=${unheard}`)).toHaveLength(1);

    // Not when more than 24 h have passed since it was published.
    const late = await publishedUnheard('发布 25 小时后才补推的通知');
    server.clock.advance(25 * HOUR_MS);
    await signIn();
    await server.tasks.run('auto-push');
    expect(await campaignsOf(late)).toEqual([]);
    expect(await server.app.get(PushCampaignsService).createAutomatic(late)).toEqual({ kind: 'not_applicable' });

    // Nor for notices published before auto push was turned on.
    expect((await setAutoPush(null)).status).toBe(200);
    const before = await publishedUnheard('开启自动推送之前发布的通知');
    server.clock.advance(60_000);
    expect((await setAutoPush(SETTING)).status).toBe(200);
    await server.tasks.run('auto-push');
    expect(await campaignsOf(before)).toEqual([]);
    expect(await server.app.get(PushCampaignsService).createAutomatic(before)).toEqual({ kind: 'not_applicable' });

    // Published, then the instance stopped before anything else ran: the next start makes it.
    const atStart = await publishedUnheard('重启前发布、重启时补推的通知');
    await restart();
    const made = await autoCampaign(atStart, 0);
    await campaignSettled(server, made.id);
    expect((await publisher.get(`/staff/pushes/${made.id}`)).body).toMatchObject({ createdBy: AUTO_PUSH_CREATOR, byStatus: { sent: 2 } });
  });

  it('pushes notices the review chain publishes, at registration and at their scheduled time', async () => {
    const [head, secrecy, leader] = [
      await aStaff(admin, 'auto-head', unitCode, ['unit_head']),
      await aStaff(admin, 'auto-secrecy', unitCode, ['secrecy_reviewer']),
      await aStaff(admin, 'auto-leader', unitCode, ['leader']),
    ];
    const ok = async (res: Promise<{ status: number; text: string; body: any }>) => {
      const r = await res;
      if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
      return r.body;
    };
    const approved = async (title: string): Promise<{ id: number; version: number }> => {
      const id = await aNotice().titled(title).inCategory('ZSKS').create(editor);
      let n = await ok(editor.post(`/staff/notices/${id}/submit`, { version: (await editor.get(`/staff/notices/${id}`)).body.version }));
      n = await ok(head.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
      n = await ok(secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: { publishable: true, disclosure: 'proactive' } }));
      n = await ok(leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
      return { id, version: n.version };
    };

    const now = await approved('经审核链登记发布的招生通知');
    await ok(publisher.post(`/staff/notices/${now.id}/registration`, { version: now.version }));
    await autoCampaign(now.id);

    const later = await approved('经审核链定时发布的招生通知');
    const scheduled = await ok(publisher.post(`/staff/notices/${later.id}/registration`, { version: later.version, publishAt: new Date(server.clock.nowMs() + HOUR_MS).toISOString() }));
    expect(scheduled.status).toBe('scheduled');
    server.clock.advance(HOUR_MS + 1000);
    await server.tasks.run('scheduled-publisher'); // its poll is an hour here
    expect((await ok(publisher.get(`/staff/notices/${later.id}`))).status).toBe('published');
    const row = await autoCampaign(later.id);
    await campaignSettled(server, row.id);
    expect(wechat.deliveredTo('o-auto-a').filter((d) => d.page === `pages/notice/index?id=${later.id}`)).toHaveLength(1);
    for (const id of [now.id, later.id]) expect(await campaignsOf(id)).toHaveLength(1);
  });

  it('records nothing and warns when the setting no longer fits (a template was removed), until it is fixed', async () => {
    await restart({ WECHAT_OA_TEMPLATES: '[]' });
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const campaignsBefore = await server.dataSource.getRepository(PushCampaign).count();
      const deliveriesBefore = await server.dataSource.getRepository(PushDelivery).count();
      const auditBefore = await server.dataSource.getRepository(AuditLog).countBy({ entityType: 'push_campaign' });
      const id = await aNotice().titled('模板下线后发布的通知').inCategory('ZSKS').published().create(editor, admin);
      await autoPush().idle();
      await server.tasks.run('auto-push');
      await server.tasks.run('auto-push');
      expect(await server.dataSource.getRepository(PushCampaign).count()).toBe(campaignsBefore);
      expect(await server.dataSource.getRepository(PushDelivery).count()).toBe(deliveriesBefore);
      expect(await server.dataSource.getRepository(AuditLog).countBy({ entityType: 'push_campaign' })).toBe(auditBefore);
      const warnings = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(`notice ${id} `));
      // Once, not on every pass.
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('no longer fits');
      expect(warnings[0]).toContain('templateIds.template');

      // The admin cannot keep the broken setting, and fixes it: the notice still gets its push.
      expect((await setAutoPush(SETTING)).status).toBe(400);
      const fixed = await setAutoPush({ channels: ['subscribe'], templateIds: { subscribe: 'SUB_NOTICE' }, fieldMapping: MAPPING });
      expect(fixed.status).toBe(200);
      await server.tasks.run('auto-push');
      const row = await autoCampaign(id, 0);
      expect(row.channels).toEqual(['subscribe']);
    } finally {
      warn.mockRestore();
    }
  });

  it('stops when turned off', async () => {
    const off = await setAutoPush(null);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ code: 'ZSKS', name: '招生考试', autoPush: null, autoPushSince: null });
    const id = await aNotice().titled('关闭自动推送后发布的通知').inCategory('ZSKS').published().create(editor, admin);
    await autoPush().idle();
    await server.tasks.run('auto-push');
    expect(await campaignsOf(id)).toEqual([]);
    expect(await server.dataSource.getRepository(PushAutoSetting).count()).toBe(0);
  });
});
