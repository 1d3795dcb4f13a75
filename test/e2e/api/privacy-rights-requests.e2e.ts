import { SettableClock } from '../../../server/src/common/clock/clock';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const DAY = 24 * 3600_000;

/** Parents' requests to exercise their rights (查阅、复制、更正、删除…), answered within 15 working days. */
describe('personal-information rights requests', () => {
  const wechat = new FakeWechat();
  // Monday 2026-09-28, 10:00 in Shanghai: the 15 working days run across 国庆.
  const clock = new SettableClock(new Date('2026-09-28T02:00:00Z'));
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let handler: ApiClient;
  let parent: ApiClient;
  let parentId: number;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer(wechat.env(), clock);
    let unitCode: string;
    ({ admin, anonymous: anon, unitCode } = await bootstrapAdmin(server));
    handler = await aStaff(admin, 'handler1', unitCode, ['inquiry_handler', 'unit_head', 'editor']);
    parent = await aParent(anon, wechat, { openid: 'o-rights-parent' });
    parentId = (await parent.get('/parents/me')).body.id;
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  /** Moves the clock; sessions older than the token lifetime end, so admin and parent sign in again. */
  const travel = async (to: Date) => {
    clock.set(to);
    admin = anon.as(await login(anon, 'root'));
    parent = await aParent(anon, wechat, { openid: 'o-rights-parent' });
  };

  const file = (client: ApiClient, content: string, kind = 'correction') => client.post('/parents/me/rights-requests', { kind, content });

  it('files a correction due on the 15th working day: received Monday 2026-09-28, counted past 国庆 (10-01…07) and the weekends, the make-up Saturday 10-10 counting, due Friday 2026-10-23', async () => {
    const res = await file(parent, '我的账号名称登记错了，请更正为“张三家长”。');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      kind: 'correction',
      kindLabel: '更正、补充',
      content: '我的账号名称登记错了，请更正为“张三家长”。',
      status: 'pending',
      statusLabel: '办理中',
      receivedAt: expect.stringMatching(/^2026-09-28T02:00:/),
      dueDate: '2026-10-23',
      reply: null,
      repliedAt: null,
    });
    const mine = await parent.get('/parents/me/rights-requests');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([res.body]);
    // The parent's export holds it too, whole.
    const data = await parent.get('/parents/me/data');
    expect(data.body.sections.find((x: { key: string }) => x.key === 'rights-requests')).toEqual({ key: 'rights-requests', label: '个人信息权利申请', records: [res.body] });
  });

  it('refuses bad requests with Chinese messages per field', async () => {
    const kind = await parent.post('/parents/me/rights-requests', { kind: 'everything', content: '请删除' });
    expect(kind.status).toBe(400);
    expect(kind.body.details).toEqual([{ field: 'kind', message: '申请类型须为查阅复制、更正补充、删除、限制处理、解释说明或其他' }]);
    const empty = await file(parent, '   ');
    expect(empty.body.details).toEqual([{ field: 'content', message: '请填写申请内容' }]);
    const long = await file(parent, '字'.repeat(1001));
    expect(long.body.details).toEqual([{ field: 'content', message: '申请内容最多 1000 个字' }]);
    expect((await file(parent, '字'.repeat(1000))).status).toBe(201);
    expect((await anon.post('/parents/me/rights-requests', { kind: 'access', content: '请提供' })).status).toBe(401);
  });

  it('holds a parent to 5 pending requests, also when they arrive at once; others are not held up', async () => {
    // Two are pending from the tests above.
    for (const content of ['请提供我的全部信息', '请删除我上传的照片', '请说明处理规则']) expect((await file(parent, content, 'access')).status).toBe(201);
    const sixth = await file(parent, '第六件', 'other');
    expect(sixth.status).toBe(409);
    expect(sixth.body).toEqual({ statusCode: 409, code: 'RIGHTS_REQUESTS_PENDING', message: '您已有 5 件申请正在办理，请等办结后再提交' });

    const busy = await aParent(anon, wechat, { openid: 'o-rights-busy' });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => file(busy, `同时提交的第 ${i + 1} 件`, 'access')));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
    expect((await busy.get('/parents/me/rights-requests')).body).toHaveLength(5);
  });

  it('lets only staff holding privacy.rightsRequests see and answer them', async () => {
    const [first] = (await parent.get('/parents/me/rights-requests')).body.slice(-1);
    for (const res of [
      await handler.get('/staff/privacy/rights-requests'),
      await handler.get(`/staff/privacy/rights-requests/${first.id}`),
      await handler.post(`/staff/privacy/rights-requests/${first.id}/reply`, { status: 'done', reply: '已更正' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await parent.get('/staff/privacy/rights-requests')).status).toBe(401);
  });

  it('lists them for staff newest first, with the content shortened, the parent and the overdue flag', async () => {
    const list = await admin.get(`/staff/privacy/rights-requests?status=pending&limit=50`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(10);
    const long = list.body.items.find((r: { content: string }) => r.content.startsWith('字'));
    expect(long.content).toBe(`${'字'.repeat(30)}…`);
    const first = list.body.items.at(-1);
    expect(first).toMatchObject({ parentId, kind: 'correction', content: '我的账号名称登记错了，请更正为“张三家长”。', dueDate: '2026-10-23', overdue: false, handledBy: null });
    // The name identity holds for the account (a WeChat sign-in starts as 微信用户).
    expect(first.parentName).toBe('微信用户');

    // The day after the due date it is overdue.
    await travel(new Date('2026-10-23T15:59:00Z'));
    expect((await admin.get('/staff/privacy/rights-requests?status=pending&limit=50')).body.items.at(-1).overdue).toBe(false);
    await travel(new Date('2026-10-23T16:01:00Z'));
    expect((await admin.get('/staff/privacy/rights-requests?status=pending&limit=50')).body.items.at(-1).overdue).toBe(true);

    const page = await admin.get('/staff/privacy/rights-requests?limit=4');
    expect(page.body.items).toHaveLength(4);
    const next = await admin.get(`/staff/privacy/rights-requests?limit=50&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((r: { id: number }) => r.id)).toEqual(list.body.items.slice(4).map((r: { id: number }) => r.id));
    expect((await admin.get('/staff/privacy/rights-requests?status=lost')).status).toBe(400);
  });

  it('takes one reply, which reaches the parent; a second one is refused; the answered request frees its place', async () => {
    const [first] = (await parent.get('/parents/me/rights-requests')).body.slice(-1);
    await travel(new Date(clock.now().getTime() + DAY));
    const reply = await admin.post(`/staff/privacy/rights-requests/${first.id}/reply`, { status: 'done', reply: '已将您的账号名称更正为“张三家长”。' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: first.id, status: 'done', statusLabel: '已办结', reply: '已将您的账号名称更正为“张三家长”。', handledBy: 'root', overdue: false });
    expect(reply.body.repliedAt).toMatch(/^2026-10-24T16:0/);

    const seen = (await parent.get('/parents/me/rights-requests')).body.find((r: { id: number }) => r.id === first.id);
    expect(seen).toEqual({ ...first, status: 'done', statusLabel: '已办结', reply: '已将您的账号名称更正为“张三家长”。', repliedAt: reply.body.repliedAt });

    const twice = await admin.post(`/staff/privacy/rights-requests/${first.id}/reply`, { status: 'refused', reply: '不予办理' });
    expect(twice.status).toBe(409);
    expect(twice.body).toEqual({ statusCode: 409, code: 'RIGHTS_REQUEST_ANSWERED', message: '该申请已经答复，不能再次答复' });

    const audit = await admin.get(`/staff/audit?entityType=privacy_rights_request&entityId=${first.id}`);
    expect(audit.body.items.map((e: { action: string; actorUsername: string; after: unknown }) => [e.action, e.actorUsername, e.after])).toEqual([['privacy.rights_request.reply', 'root', { status: 'done' }]]);

    // Four pending now: one more may be filed.
    expect((await file(parent, '再提交一件', 'explanation')).status).toBe(201);
    expect((await file(parent, '又一件', 'explanation')).status).toBe(409);
  });

  it('refuses replies that say nothing, and answers unknown requests with 404', async () => {
    const [some] = (await parent.get('/parents/me/rights-requests')).body;
    const bad = await admin.post(`/staff/privacy/rights-requests/${some.id}/reply`, { status: 'pending', reply: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: 'status', message: '办理结果须为已办结或不予办理' },
      { field: 'reply', message: '请填写答复' },
    ]);
    expect((await admin.post('/staff/privacy/rights-requests/999999/reply', { status: 'done', reply: '好' })).status).toBe(404);
    expect((await admin.get('/staff/privacy/rights-requests/999999')).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '未找到该申请' });
    expect((await admin.get('/staff/privacy/rights-requests/abc')).status).toBe(404);
  });

  it('counts a pending due date again when staff enter the next year’s holidays: filed Thursday 2026-12-17, due 2027-01-07 counted Monday to Friday, 2027-01-08 once 元旦 2027-01-01 is a holiday', async () => {
    // 10:00 in Shanghai. Working days from 12-18: 12-18 (1), 12-21…25 (2–6), 12-28…31 (7–10), and in
    // 2027, which has no calendar data yet, 01-01 (11) and 01-04…07 (12–15).
    await travel(new Date('2026-12-17T02:00:00Z'));
    const other = await aParent(anon, wechat, { openid: 'o-rights-december' });
    const filed = await file(other, '请说明我的联系电话保存多久。', 'explanation');
    expect(filed.status).toBe(201);
    expect(filed.body.dueDate).toBe('2027-01-07');

    const entered = await admin.put('/staff/calendar/2027', { days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], complete: false });
    expect(entered.status).toBe(200);
    // The recount follows the calendar change (an event after the change commits).
    let dueDate = '';
    for (let i = 0; i < 50 && dueDate !== '2027-01-08'; i++) {
      dueDate = (await other.get('/parents/me/rights-requests')).body[0].dueDate;
      if (dueDate !== '2027-01-08') await new Promise((r) => setTimeout(r, 100));
    }
    expect(dueDate).toBe('2027-01-08');
    const audit = await admin.get(`/staff/audit?entityType=privacy_rights_request&entityId=${filed.body.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'privacy.rights_request.due_recounted', before: { dueDate: '2027-01-07' }, after: { dueDate: '2027-01-08' } })]);
  });
});
