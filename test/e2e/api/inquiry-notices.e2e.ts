import { validateValue, type PushFieldType } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { InquiryNotices } from '../../../server/src/inquiries/inquiry-notices.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import type { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { submitted } from '../../support/inquiry-builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const OA_TOKEN = 'gongkaiOaToken3';
const REPLY: Record<string, PushFieldType> = { thing1: 'thing', character_string2: 'character_string', time3: 'time', phrase4: 'phrase' };
const REMIND: Record<string, PushFieldType> = { thing1: 'thing', keyword2: 'keyword', time3: 'time' };
const SUBSCRIBE = '/cgi-bin/message/subscribe/send';
const TEMPLATE = '/cgi-bin/message/template/send';
const TASK = 'inquiry-notices';

/**
 * Notices about inquiries through the fake WeChat: the parent's reply notice (using their
 * acceptance of the reply template), and the handler's reminders one working day before the
 * deadline and when it passes — each once, also across a restart. The clock starts on Monday
 * 12 October 2026; each test moves it and runs a round of the sweep itself (the timer's pause is an
 * hour, so no round runs unasked except the one at start).
 */
describe('inquiry notices', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let server: TestServer;
  let env: Record<string, string>;
  let anon: ApiClient;
  let handler: ApiClient;
  let handlerId: number;
  const clock = new SettableClock(new Date('2026-10-12T09:00:00+08:00'));
  const sweep = () => server.tasks.run(TASK);

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'REPLY_TPL', REPLY).registerTemplate('template', 'REMIND_TPL', REMIND);
    db = await freshDatabase();
    env = {
      ...wechat.env(),
      WECHAT_OA_APPID: wechat.appid,
      WECHAT_OA_SECRET: wechat.secret,
      WECHAT_OA_TOKEN: OA_TOKEN,
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify([{ id: 'REPLY_TPL', name: '咨询答复通知', fields: REPLY }]),
      WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'REMIND_TPL', name: '办理期限提醒', fields: REMIND }]),
      SCHEDULE_POLL_MS: '3600000',
      // Staff signed in on Monday still are on Friday.
      TOKEN_TTL_SECONDS: String(7 * 24 * 3600),
    };
    server = await startServer(db, env, clock);
    const boot = await bootstrapAdmin(server);
    anon = boot.anonymous;
    handler = await aStaff(boot.admin, 'notice-handler', boot.unitCode, ['inquiry_handler']);
    handlerId = (await handler.get('/auth/me')).body.id;
    // The handler links the official account for reminders.
    const code = (await handler.post('/staff/me/oa-binding', {})).body.code;
    expect(await new OaCallbackClient(server.baseUrl, OA_TOKEN, undefined, clock).text('oa-handler-1', `绑定 ${code}`)).toContain('已绑定');
    wechat.follow('oa-handler-1');
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  const staffAct = async (id: number, action: string, body: Record<string, unknown> = {}) => {
    const version = (await handler.get(`/staff/inquiries/${id}`)).body.version;
    const res = await handler.post(`/staff/inquiries/${id}/${action}`, { version, ...body });
    expect(res.status).toBe(200);
  };
  // Reads what was recorded of the sends.
  const notices = (id: number) => server.app.get(InquiryNotices).of(id);

  it('tells the parent of the reply once, by the template they accepted, using that acceptance', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-asker-1' });
    expect((await parent.post('/parents/me/subscribe-results', { results: { REPLY_TPL: 'accept' } })).status).toBe(200);
    wechat.grantQuota('o-asker-1', 'REPLY_TPL', 1);
    const inquiry = await submitted(parent, { subject: '一年级报名时间' });
    await staffAct(inquiry.id, 'accept');
    await staffAct(inquiry.id, 'reply', { text: '请于8月1日至5日携户口簿到校报名。' });

    await sweep();
    await sweep(); // another round: still one
    const [message, ...more] = wechat.deliveredTo('o-asker-1');
    expect(more).toHaveLength(0);
    expect(message!.page).toBe(`packages/services/pages/inquiry/detail?id=${inquiry.id}`);
    expect(message!.data.character_string2!.value).toBe(inquiry.trackingNo);
    for (const [key, type] of Object.entries(REPLY)) expect(validateValue(type, message!.data[key]!.value, 'subscribe')).toBeNull();
    expect((await parent.get('/parents/me/quotas')).body.items.find((q: { templateId: string }) => q.templateId === 'REPLY_TPL').remaining).toBe(0);
    expect(await notices(inquiry.id)).toEqual([expect.objectContaining({ kind: 'reply', status: 'sent', sent: 1 })]);

    // No acceptance left: nothing is sent; the parent reads the reply in the app.
    const second = await submitted(parent, { subject: '转学手续' });
    await staffAct(second.id, 'accept');
    await staffAct(second.id, 'reply', { text: '请到教育局基础教育科办理。' });
    await sweep();
    expect(await notices(second.id)).toEqual([expect.objectContaining({ kind: 'reply', status: 'skipped', detail: 'no_quota' })]);
    expect(wechat.deliveredTo('o-asker-1')).toHaveLength(1);
    expect((await parent.get(`/parents/me/inquiries/${second.id}`)).body.reply.text).toBe('请到教育局基础教育科办理。');
  });

  it('reminds the handler one working day before the deadline and when it passes, once each, across a restart', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-asker-2' });
    const inquiry = await submitted(parent, { subject: '学区划分' });
    await staffAct(inquiry.id, 'accept');
    // Received Monday 12 October, a 咨询 is due at the end of Thursday 15 October: the reminder is
    // due from 08:30 on Wednesday 14 October, the working day before.
    expect(inquiry.deadline.dueAt).toBe('2026-10-15T23:59:59+08:00');
    await sweep();
    clock.set(new Date('2026-10-14T08:29:00+08:00'));
    await sweep();
    expect(wechat.deliveredTo('oa-handler-1')).toHaveLength(0);
    clock.set(new Date('2026-10-14T08:31:00+08:00'));
    await sweep();
    expect(wechat.deliveredTo('oa-handler-1')).toHaveLength(1);
    const [reminder] = wechat.deliveredTo('oa-handler-1');
    expect(reminder!.data.thing1!.value).toContain('学区划分');
    for (const [key, type] of Object.entries(REMIND)) expect(validateValue(type, reminder!.data[key]!.value, 'template')).toBeNull();
    const call = wechat.calls(TEMPLATE).at(-1)!;
    expect((call.body as { client_msg_id: string }).client_msg_id).toMatch(/^inquiry-\d+-\d+$/);
    expect((call.body as { client_msg_id: string }).client_msg_id).toContain(`-${handlerId}`);

    // A restart (its round at start) and more rounds send nothing again.
    await server.stop();
    server = await startServer(db, env, clock);
    await sweep();
    expect(wechat.deliveredTo('oa-handler-1')).toHaveLength(1);

    // The deadline passes at the end of Thursday: one more, the overdue one, and only that.
    clock.set(new Date('2026-10-15T23:59:00+08:00'));
    await sweep();
    expect(wechat.deliveredTo('oa-handler-1')).toHaveLength(1);
    clock.set(new Date('2026-10-16T00:00:01+08:00'));
    await sweep();
    await sweep();
    expect(wechat.deliveredTo('oa-handler-1')).toHaveLength(2);
    expect((await notices(inquiry.id)).map((n) => [n.kind, n.status])).toEqual([
      ['due_soon', 'sent'],
      ['overdue', 'sent'],
    ]);
    expect(wechat.calls(SUBSCRIBE).filter((c) => (c.body as { touser: string }).touser === 'o-asker-2')).toHaveLength(0);
  });
});
