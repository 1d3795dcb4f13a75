import { shanghaiDate, type ParentInquiryView, type StaffInquiryListItem } from '@gongkai/shared';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { InquiryCheckCount } from '../../../server/src/inquiries/entities/inquiry-check-count.entity';
import { Inquiry } from '../../../server/src/inquiries/entities/inquiry.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { anInquiry, submitted } from '../../support/inquiry-builders';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { startTestServer, type TestServer } from '../../support/test-server';

const OTHER_UNIT = 'JCJY00000000000001';
/**
 * The file starts on Wednesday 30 September 2026, the day before 国庆 (National Day, 1–7 October;
 * Saturday 10 October is its make-up working day), and tests move the clock forward from there.
 * Tokens live 30 days, so staff signed in at the start stay signed in through October.
 */
const START = new Date('2026-09-30T10:00:00+08:00');
const at = (iso: string) => new Date(iso);

describe('inquiries', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let bureau: string;
  let handler: ApiClient;
  let head: ApiClient;
  let otherHandler: ApiClient;
  let otherHead: ApiClient;
  let editor: ApiClient;
  let parents = 0;

  /** A parent of its own per test: the daily limit is per parent. */
  const newParent = () => aParent(anon, wechat, { openid: `o-parent-${++parents}` });
  const staffView = async (client: ApiClient, id: number) => {
    const res = await client.get(`/staff/inquiries/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const act = async (client: ApiClient, id: number, action: string, body: Record<string, unknown> = {}) => {
    const version = (await staffView(client, id)).version;
    return client.post(`/staff/inquiries/${id}/${action}`, { version, ...body });
  };
  const ok = async (res: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status, text: expect.any(String) });
    return r.body;
  };

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(START));
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    await aUnit(admin, OTHER_UNIT, '基础教育科');
    handler = await aStaff(admin, 'handler', bureau, ['inquiry_handler']);
    head = await aStaff(admin, 'head', bureau, ['unit_head']);
    otherHandler = await aStaff(admin, 'handler2', OTHER_UNIT, ['inquiry_handler']);
    otherHead = await aStaff(admin, 'head2', OTHER_UNIT, ['unit_head']);
    editor = await aStaff(admin, 'editor', bureau, ['editor']);
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('takes an inquiry in: tracking number per prefix and day, the deadline on the working-day calendar, the intake unit', async () => {
    const parent = await newParent();
    const first = await submitted(parent, { phone: '138 1234 5678' });
    const second = await submitted(parent);
    const complaint = await submitted(parent, { kind: 'complaint', subject: '投诉', content: '食堂卫生问题' });
    expect([first.trackingNo, second.trackingNo, complaint.trackingNo]).toEqual(['ZX20260930-0001', 'ZX20260930-0002', 'TS20260930-0001']);
    expect(first).toMatchObject({ kind: 'consultation', status: 'submitted', statusLabel: '已提交', unitName: '测试县教育局', phone: '138****5678', reply: null, canRate: false, canReopen: false });
    expect(first.timeline).toEqual([{ action: 'submitted', at: first.createdAt, label: '提交', text: null }]);
    expect(first.createdAt).toMatch(/^2026-09-30T02:0\d:\d\d\.\d{3}Z$/);

    // Received 30 September 2026: 1–7 October are 国庆 holidays, 8 and 9 October are working days
    // one and two, Saturday 10 October (调休) is day three: a 咨询 is due at the end of 10 October.
    const holidays = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
    expect(first.deadline).toMatchObject({ from: '2026-09-30', dueAt: '2026-10-10T23:59:59+08:00', dueDate: '2026-10-10', workingDays: 3, flagged: false });
    expect(first.deadline.skipped.map((d) => d.date)).toEqual(holidays);
    // A 投诉's five: then Sunday 11 October is off, Monday 12 and Tuesday 13 are days four and five.
    expect(complaint.deadline).toMatchObject({ from: '2026-09-30', dueAt: '2026-10-13T23:59:59+08:00', dueDate: '2026-10-13', workingDays: 5, flagged: false });
    expect(complaint.deadline.skipped.map((d) => d.date)).toEqual([...holidays, '2026-10-11']);

    // WeChat checked subject and content, as this parent, version 2.
    expect(wechat.contentChecks.checked).toEqual([
      { openid: `o-parent-${parents}`, content: '入学咨询\n请问小学一年级什么时候报名？', scene: 2 },
      expect.anything(),
      expect.anything(),
    ]);
  });

  it('gives unique tracking numbers to inquiries submitted at the same moment', async () => {
    const parentsAtOnce = await Promise.all([newParent(), newParent(), newParent()]);
    const results = await Promise.all(parentsAtOnce.flatMap((p) => [1, 2, 3].map(() => p.post('/inquiries', anInquiry({ kind: 'feedback' })))));
    expect(results.map((r) => r.status)).toEqual(Array(9).fill(201));
    const numbers = results.map((r) => r.body.trackingNo);
    expect(new Set(numbers).size).toBe(9);
    for (const n of numbers) expect(n).toMatch(/^FK\d{8}-000\d$/);
  });

  it('validates what the parent sends', async () => {
    const parent = await newParent();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'praise' }, 'kind'],
      [{ subject: 'x'.repeat(51) }, 'subject'],
      [{ subject: '   ' }, 'subject'],
      [{ content: '字'.repeat(1001) }, 'content'],
      [{ photoIds: ['a', 'b', 'c', 'd'] }, 'photoIds'],
      [{ phone: '12345' }, 'phone'],
      [{ phone: '021-1234' }, 'phone'],
      [{ allowPublish: 'yes' }, 'allowPublish'],
      [{ unitCode: 'NOPE' }, 'unitCode'],
      [{ photoIds: ['00000000-0000-4000-8000-000000000000'] }, 'photoIds'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [fields, field] of cases) {
      const res = await parent.post('/inquiries', anInquiry(fields));
      expect({ fields, status: res.status, field: res.body.details?.[0]?.field }).toEqual({ fields, status: 400, field });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await submitted(parent, { phone: '0536-6212345', unitCode: OTHER_UNIT })).unitName).toBe('基础教育科');
    expect((await submitted(parent, { phone: '05366212345' })).phone).toBe('053****2345');
    expect((await parent.get('/parents/me/inquiries')).body.items).toHaveLength(2);
  });

  it('holds what the content check wants reviewed, refuses what it finds risky, and holds when WeChat is down', async () => {
    const parent = await newParent();
    wechat.contentVerdict('需要复核', 'review', 20001);
    wechat.contentVerdict('违规内容', 'risky', 20006);

    const held = await submitted(parent, { content: '这里有需要复核的内容' });
    expect(held).toMatchObject({ status: 'submitted', statusLabel: '已提交' });
    let view = await staffView(handler, held.id);
    expect(view).toMatchObject({ status: 'held', statusLabel: '待审核', contentCheck: { suggest: 'review', label: 20001 }, actions: ['release', 'reject'] });
    expect((await handler.post(`/staff/inquiries/${held.id}/accept`, { version: view.version })).status).toBe(409);
    view = await ok(handler.post(`/staff/inquiries/${held.id}/release`, { version: view.version }));
    expect(view.status).toBe('submitted');
    expect(view.timeline.map((e: any) => e.action)).toEqual(['submitted', 'note', 'release']);
    expect((await parent.get(`/parents/me/inquiries/${held.id}`)).body.timeline.map((e: any) => e.action)).toEqual(['submitted']);

    const other = await submitted(parent, { content: '另一条需要复核的内容' });
    expect((await act(handler, other.id, 'reject', {})).status).toBe(400);
    const rejected = await ok(act(handler, other.id, 'reject', { reason: '内容与教育工作无关' }));
    expect(rejected.status).toBe('rejected');
    expect((await parent.get(`/parents/me/inquiries/${other.id}`)).body).toMatchObject({ status: 'rejected', statusLabel: '不予受理' });

    const count = async () => (await server.dataSource.getRepository(InquiryCheckCount).findOneBy({ day: shanghaiDate(server.clock.now()), suggest: 'risky' }))?.count ?? 0;
    const listed = async () => (await parent.get('/parents/me/inquiries')).body.items.length;
    const [countBefore, listedBefore, rowsBefore] = [await count(), await listed(), await server.dataSource.getRepository(Inquiry).count()];
    const risky = await parent.post('/inquiries', anInquiry({ subject: '违规内容' }));
    expect(risky.status).toBe(422);
    expect(risky.body).toMatchObject({ code: 'CONTENT_REFUSED', message: expect.stringMatching(/内容安全/) });
    expect(await count()).toBe(countBefore + 1);
    expect(await listed()).toBe(listedBefore);
    expect(await server.dataSource.getRepository(Inquiry).count()).toBe(rowsBefore);

    // WeChat unreachable (twice: the check is retried once) or failing: held for staff, not refused.
    wechat.fail('/wxa/msg_sec_check', { drop: true, times: 2 });
    const down = await submitted(parent);
    wechat.fail('/wxa/msg_sec_check', { errcode: 45009 });
    const quota = await submitted(parent);
    for (const id of [down.id, quota.id]) {
      const v = await staffView(handler, id);
      expect(v).toMatchObject({ status: 'held', contentCheck: null });
      expect(v.timeline[1]).toMatchObject({ action: 'note', label: '内容安全检测暂不可用，待人工审核' });
    }
    // A verdict queued for the next call, whatever the content.
    wechat.nextContentVerdict('review');
    expect((await staffView(handler, (await submitted(parent, { content: '普通内容' })).id)).status).toBe('held');
    // A refused access token is replaced once and the check made again.
    wechat.fail('/wxa/msg_sec_check', { errcode: 40001 });
    expect((await submitted(parent)).status).toBe('submitted');
    expect((await staffView(handler, (await parent.get('/parents/me/inquiries')).body.items[0].id)).contentCheck).toEqual({ suggest: 'pass', label: 100 });
  });

  it('allows ten inquiries a Shanghai day per parent, then 429', async () => {
    const parent = await newParent();
    const another = await newParent();
    wechat.contentVerdict('违规内容', 'risky');
    expect((await parent.post('/inquiries', anInquiry({ content: '违规内容' }))).status).toBe(422); // refused ones do not count
    for (let i = 0; i < 7; i++) await submitted(parent);
    // Six at once with three left: exactly three get through, on either database.
    const burst = await Promise.all(Array.from({ length: 6 }, () => parent.post('/inquiries', anInquiry())));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(3);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(3);
    const res = await parent.post('/inquiries', anInquiry());
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'INQUIRY_RATE_LIMITED', message: expect.stringMatching(/每天最多提交 10 条/) });
    await submitted(another);
  });

  it('lets a parent read only their own inquiries', async () => {
    const owner = await newParent();
    const stranger = await newParent();
    const mine = await submitted(owner, { phone: '13812345678' });
    expect((await stranger.get(`/parents/me/inquiries/${mine.id}`)).status).toBe(404);
    expect((await stranger.get('/parents/me/inquiries')).body.items).toEqual([]);
    expect((await stranger.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'satisfied' })).status).toBe(404);
    expect((await stranger.post(`/parents/me/inquiries/${mine.id}/reopen`, { reason: '不满意' })).status).toBe(404);
    expect((await owner.get('/parents/me/inquiries/999999')).status).toBe(404);
    expect((await owner.get('/parents/me/inquiries/abc')).status).toBe(404);
    for (const client of [anon, handler, admin]) {
      expect((await client.get(`/parents/me/inquiries/${mine.id}`)).status).toBe(401);
      expect((await client.get('/parents/me/inquiries')).status).toBe(401);
      expect((await client.post('/inquiries', anInquiry())).status).toBe(401);
    }
    // A parent's token is no staff token.
    expect((await owner.get('/staff/inquiries')).status).toBe(401);
    expect((await owner.get(`/staff/inquiries/${mine.id}`)).status).toBe(401);
    // Staff outside the unit, or without an inquiry role, do not see it.
    expect((await otherHandler.get(`/staff/inquiries/${mine.id}`)).status).toBe(404);
    expect((await otherHandler.post(`/staff/inquiries/${mine.id}/accept`, { version: 1 })).status).toBe(404);
    expect((await editor.get('/staff/inquiries')).status).toBe(403);
    const list = (await owner.get('/parents/me/inquiries')).body;
    expect(list.items).toEqual([{ id: mine.id, trackingNo: mine.trackingNo, kind: 'consultation', subject: '入学咨询', status: 'submitted', statusLabel: '已提交', createdAt: mine.createdAt, dueAt: mine.deadline.dueAt, replied: false }]);
  });

  it('masks the phone for everyone but the handler who accepted the inquiry', async () => {
    const parent = await newParent();
    const mine = await submitted(parent, { phone: '13812345678' });
    expect(mine.phone).toBe('138****5678');
    expect((await staffView(handler, mine.id)).phone).toBe('138****5678');
    const accepted = await ok(act(handler, mine.id, 'accept'));
    expect(accepted.phone).toBe('13812345678');
    expect(accepted.handler).toEqual({ id: expect.any(Number), name: 'handler' });
    expect((await staffView(head, mine.id)).phone).toBe('138****5678');
    expect((await staffView(admin, mine.id)).phone).toBe('138****5678');
    expect((await parent.get(`/parents/me/inquiries/${mine.id}`)).body.phone).toBe('138****5678');
    const listItem = (await handler.get('/staff/inquiries?scope=all&limit=5')).body.items.find((i: any) => i.id === mine.id);
    expect(listItem).toMatchObject({ id: mine.id, handlerName: 'handler' });
    expect(listItem).not.toHaveProperty('phone');
  });

  it('sends a complaint’s reply to the parent only when the unit head approves it', async () => {
    const parent = await newParent();
    const complaint = await submitted(parent, { kind: 'complaint', subject: '校车晚点', content: '校车经常晚到二十分钟' });
    await ok(act(handler, complaint.id, 'accept'));
    const pending = await ok(act(handler, complaint.id, 'reply', { text: '已责成校车公司整改。' }));
    expect(pending).toMatchObject({ status: 'reply_pending', pendingReply: { text: '已责成校车公司整改。', by: 'handler' }, reply: null });
    let seen = (await parent.get(`/parents/me/inquiries/${complaint.id}`)).body;
    expect(seen).toMatchObject({ status: 'accepted', statusLabel: '已受理', reply: null, canRate: false });
    expect(JSON.stringify(seen)).not.toContain('整改');

    // The handler cannot approve; the head must give a reason to return it.
    expect((await act(handler, complaint.id, 'reply-review', { action: 'approve' })).status).toBe(403);
    expect((await act(head, complaint.id, 'reply-review', { action: 'return' })).status).toBe(400);
    const returned = await ok(act(head, complaint.id, 'reply-review', { action: 'return', opinion: '请写明整改期限' }));
    expect(returned).toMatchObject({ status: 'accepted', pendingReply: null });
    await ok(act(handler, complaint.id, 'reply', { text: '已责成校车公司在一周内整改到位。' }));
    const approved = await ok(act(head, complaint.id, 'reply-review', { action: 'approve', opinion: '同意' }));
    expect(approved).toMatchObject({ status: 'replied', reply: { text: '已责成校车公司在一周内整改到位。', unitName: '测试县教育局' }, pendingReply: null });

    seen = (await parent.get(`/parents/me/inquiries/${complaint.id}`)).body;
    expect(seen).toMatchObject({ status: 'replied', statusLabel: '已答复', reply: { text: '已责成校车公司在一周内整改到位。' }, canRate: true });
    expect(seen.timeline.map((e: any) => e.action)).toEqual(['submitted', 'accept', 'reply']);
    expect(JSON.stringify(seen)).not.toMatch(/handler|head|请写明|同意/);
    for (const e of seen.timeline) expect(e).not.toHaveProperty('by');
    const staffSide = await staffView(head, complaint.id);
    expect(staffSide.timeline.map((e: any) => [e.action, e.by])).toEqual([
      ['submitted', null],
      ['accept', 'handler'],
      ['reply', 'handler'],
      ['return_reply', 'head'],
      ['reply', 'handler'],
      ['approve_reply', 'head'],
      ['reply', 'head'],
    ]);
    const audit = await server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'inquiry', entityId: String(complaint.id) }, order: { id: 'ASC' } });
    // The staff detail reads in between are recorded as personal-data reads (privacy-inquiries.e2e.ts).
    expect(audit.map((a) => a.action).filter((a) => !a.startsWith('personal_data.'))).toEqual(['inquiry.accept', 'inquiry.reply', 'inquiry.return_reply', 'inquiry.reply', 'inquiry.approve_reply']);
  });

  it('transfers to another unit with a reason, which the parent does not see', async () => {
    const parent = await newParent();
    const mine = await submitted(parent);
    expect((await act(handler, mine.id, 'transfer', { unitCode: OTHER_UNIT })).status).toBe(400);
    expect((await act(handler, mine.id, 'transfer', { unitCode: bureau, reason: '同一单位' })).status).toBe(400);
    expect((await act(handler, mine.id, 'transfer', { unitCode: 'NOPE', reason: '不存在' })).status).toBe(400);
    const moved = await ok(act(handler, mine.id, 'transfer', { unitCode: OTHER_UNIT, reason: '属基础教育科职责' }));
    expect(moved).toMatchObject({ status: 'submitted', unitCode: OTHER_UNIT, unitName: '基础教育科', handler: null });
    expect((await handler.get(`/staff/inquiries/${mine.id}`)).status).toBe(404);
    const there = await staffView(otherHandler, mine.id);
    expect(there.timeline[1]).toMatchObject({ action: 'transfer', label: '转办至 基础教育科', text: '属基础教育科职责', by: 'handler' });
    expect((await otherHandler.get('/staff/inquiries?limit=50')).body.items.map((i: any) => i.id)).toContain(mine.id);
    const seen = (await parent.get(`/parents/me/inquiries/${mine.id}`)).body;
    expect(seen.unitName).toBe('基础教育科');
    expect(seen.timeline[1]).toEqual({ action: 'transfer', at: expect.any(String), label: '转办至 基础教育科', text: null });
    await ok(act(otherHandler, mine.id, 'accept'));
    await ok(act(otherHandler, mine.id, 'reply', { text: '报名时间为每年7月上旬。' }));
    expect((await parent.get(`/parents/me/inquiries/${mine.id}`)).body.reply).toMatchObject({ unitName: '基础教育科' });
    void otherHead;
  });

  it('lets exactly one of two staff acting on the same version win (409 for the other)', async () => {
    const parent = await newParent();
    const mine = await submitted(parent);
    const { version } = await staffView(handler, mine.id);
    const [a, b] = await Promise.all([handler.post(`/staff/inquiries/${mine.id}/accept`, { version }), head.post(`/staff/inquiries/${mine.id}/accept`, { version })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已被他人处理/) });
    expect((await handler.post(`/staff/inquiries/${mine.id}/reply`, { version, text: '旧版本' })).status).toBe(409);
    expect((await handler.post(`/staff/inquiries/${mine.id}/reply`, { text: '没有版本' })).status).toBe(400);
    // What the state machine does not allow: 409 with the reason.
    const again = await act(handler, mine.id, 'accept');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INQUIRY_NOT_ALLOWED', message: expect.stringMatching(/已受理/) });
  });

  it('takes a rating, and one reopen after 不满意 with a new deadline', async () => {
    const parent = await newParent();
    const mine = await submitted(parent);
    expect((await parent.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'satisfied' })).status).toBe(409);
    await ok(act(handler, mine.id, 'accept'));
    await ok(act(handler, mine.id, 'reply', { text: '第一次答复' }));
    expect((await parent.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'great' })).status).toBe(400);
    const rated = await ok(parent.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'unsatisfied', comment: '没有回答我的问题' }));
    expect(rated).toMatchObject({ status: 'closed', statusLabel: '已办结', rating: { rating: 'unsatisfied', comment: '没有回答我的问题' }, canRate: false, canReopen: true });
    expect((await parent.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'satisfied' })).status).toBe(409);
    expect((await parent.post(`/parents/me/inquiries/${mine.id}/reopen`, {})).status).toBe(400);
    // Reopened on Monday 12 October: three working days from the reopen, not from the receipt.
    server.clock.set(at('2026-10-12T09:00:00+08:00'));
    const reopened = await ok(parent.post(`/parents/me/inquiries/${mine.id}/reopen`, { reason: '请具体说明报名地点' }));
    expect(reopened).toMatchObject({ status: 'accepted', reply: null, rating: null, canReopen: false, deadline: { from: '2026-10-12', dueDate: '2026-10-15', dueAt: '2026-10-15T23:59:59+08:00', workingDays: 3, skipped: [], flagged: false } });
    expect((await staffView(handler, mine.id)).reopenCount).toBe(1);
    await ok(act(handler, mine.id, 'reply', { text: '第二次答复：在学区学校报名。' }));
    await ok(parent.post(`/parents/me/inquiries/${mine.id}/rating`, { rating: 'unsatisfied' }));
    const twice = await parent.post(`/parents/me/inquiries/${mine.id}/reopen`, { reason: '还是不满意' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/只能申请重新办理 1 次/);
    const satisfied = await submitted(parent);
    await ok(act(handler, satisfied.id, 'accept'));
    await ok(act(handler, satisfied.id, 'reply', { text: '答复' }));
    await ok(parent.post(`/parents/me/inquiries/${satisfied.id}/rating`, { rating: 'satisfied' }));
    expect((await parent.post(`/parents/me/inquiries/${satisfied.id}/reopen`, { reason: '想再问' })).status).toBe(409);
  });

  it('keeps internal notes from the parent', async () => {
    const parent = await newParent();
    const mine = await submitted(parent);
    const noted = await ok(handler.post(`/staff/inquiries/${mine.id}/notes`, { text: '已电话联系家长' }));
    expect(noted.timeline.at(-1)).toMatchObject({ action: 'note', label: '内部备注', text: '已电话联系家长', by: 'handler' });
    expect(JSON.stringify((await parent.get(`/parents/me/inquiries/${mine.id}`)).body)).not.toContain('电话联系');
    expect((await otherHandler.post(`/staff/inquiries/${mine.id}/notes`, { text: 'x' })).status).toBe(404);
  });

  it('publishes anonymous Q&A only where the parent allowed it and the inquiry is answered; anyone reads and searches it', async () => {
    const parent = await newParent();
    const allowed = await submitted(parent, { allowPublish: true, subject: '课后服务', content: '我是张三，电话13812345678，请问课后服务怎么收费？' });
    const refused = await submitted(parent, { allowPublish: false });
    const qa = { question: '课后服务如何收费？', answer: '课后服务按每生每学期不超过300元收取，困难家庭免收。' };
    expect((await handler.post(`/staff/inquiries/${allowed.id}/publish-qa`, qa)).status).toBe(409);
    for (const id of [allowed.id, refused.id]) {
      await ok(act(handler, id, 'accept'));
      await ok(act(handler, id, 'reply', { text: '按规定收费。' }));
    }
    const no = await handler.post(`/staff/inquiries/${refused.id}/publish-qa`, qa);
    expect(no.status).toBe(409);
    expect(no.body.message).toMatch(/未同意公开/);
    expect((await handler.post(`/staff/inquiries/${allowed.id}/publish-qa`, { question: '', answer: 'x' })).status).toBe(400);
    const item = await ok(handler.post(`/staff/inquiries/${allowed.id}/publish-qa`, qa), 201);
    expect(item).toEqual({ id: expect.any(Number), kind: 'consultation', ...qa, unitName: '测试县教育局', askedAt: allowed.createdAt, answeredAt: expect.any(String) });
    expect((await handler.post(`/staff/inquiries/${allowed.id}/publish-qa`, qa)).status).toBe(409);
    expect((await staffView(handler, allowed.id)).publishedQaId).toBe(item.id);

    expect((await anon.get(`/qa/${item.id}`)).body).toEqual(item);
    expect((await anon.get('/qa/999999')).status).toBe(404);
    const found = (await anon.get(`/qa?q=${encodeURIComponent('课后服务')}`)).body;
    expect(found.items).toEqual([item]);
    expect(JSON.stringify(found)).not.toMatch(/张三|13812345678/);
    expect((await anon.get(`/qa?q=${encodeURIComponent('没有这个词')}`)).body.items).toEqual([]);
    expect((await anon.get('/qa?kind=complaint')).body.items).toEqual([]);
    expect((await anon.get('/qa?kind=consultation')).body.items.map((i: any) => i.id)).toContain(item.id);
    expect((await anon.get('/qa?q=100%25')).body.items).toEqual([]);
    expect((await anon.get('/qa?kind=bad')).status).toBe(400);
  });

  it('sorts the inbox by time left, overdue first, and lets admin see every unit', async () => {
    const parent = await newParent();
    // Received Tuesday 13 October, a 反馈 is due Tuesday 20 October; a week later it is overdue.
    server.clock.set(at('2026-10-13T10:00:00+08:00'));
    const old = await submitted(parent, { kind: 'feedback', subject: '已超期' });
    expect(old.deadline.dueAt).toBe('2026-10-20T23:59:59+08:00');
    server.clock.set(at('2026-10-21T10:00:00+08:00'));
    const consult = await submitted(parent, { subject: '三天' });
    const suggest = await submitted(parent, { kind: 'suggestion', subject: '五天' });
    expect([consult.deadline.dueAt, suggest.deadline.dueAt]).toEqual(['2026-10-26T23:59:59+08:00', '2026-10-28T23:59:59+08:00']);
    const items: StaffInquiryListItem[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await handler.get(`/staff/inquiries?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const mine = items.filter((i) => [consult.id, suggest.id, old.id].includes(i.id));
    expect(mine.map((i) => i.id)).toEqual([old.id, consult.id, suggest.id]);
    expect(mine[0]).toMatchObject({ overdue: true, dueSoon: false, flagged: false, unitCode: bureau, statusLabel: '已提交', dueAt: '2026-10-20T23:59:59+08:00' });
    expect(mine.slice(1).map((i) => [i.overdue, i.dueSoon])).toEqual([[false, false], [false, false]]);
    const due = items.map((i) => Date.parse(i.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect((await staffView(handler, old.id)).overdue).toBe(true);
    const all = (await admin.get('/staff/inquiries?scope=all&limit=50')).body.items;
    expect(new Set(all.map((i: any) => i.unitCode))).toEqual(new Set([bureau, OTHER_UNIT]));
    expect((await handler.get(`/staff/inquiries?unit=${OTHER_UNIT}`)).status).toBe(403);
    expect((await admin.get(`/staff/inquiries?unit=${OTHER_UNIT}&scope=all`)).body.items.every((i: any) => i.unitCode === OTHER_UNIT)).toBe(true);
    expect((await handler.get('/staff/inquiries?cursor=bad')).status).toBe(400);
  });

  it('sums up a unit: the staff home’s alerts and the statistics', async () => {
    const unit = await aUnit(admin, 'STATS0000000000001', '学前教育科');
    const statsHandler = await aStaff(admin, 'handler3', unit, ['inquiry_handler']);
    const statsHead = await aStaff(admin, 'head3', unit, ['unit_head']);
    const parent = await newParent();
    const to = (fields: Record<string, unknown> = {}) => submitted(parent, { unitCode: unit, ...fields });
    wechat.contentVerdict('请复核此条', 'review');
    // Received Thursday 22 October, due Tuesday 27 October; the rest come on Wednesday 28 October.
    server.clock.set(at('2026-10-22T10:00:00+08:00'));
    const overdue = await to({ subject: '超期' });
    expect(overdue.deadline.dueAt).toBe('2026-10-27T23:59:59+08:00');
    server.clock.set(at('2026-10-28T10:00:00+08:00'));
    const open = await to({ kind: 'suggestion' });
    await to({ content: '请复核此条' });
    const complaint = await to({ kind: 'complaint' });
    const answered = await to({ kind: 'feedback' });
    const rated = await to();
    await ok(act(statsHandler, complaint.id, 'accept'));
    await ok(act(statsHandler, complaint.id, 'reply', { text: '待审核的答复' }));
    for (const i of [answered, rated]) {
      await ok(act(statsHandler, i.id, 'accept'));
      await ok(act(statsHandler, i.id, 'reply', { text: '答复' }));
    }
    await ok(parent.post(`/parents/me/inquiries/${rated.id}/rating`, { rating: 'basically_satisfied' }));

    const alerts = await ok(statsHandler.get('/staff/inquiries/alerts'));
    expect(alerts.overdue.map((i: any) => i.id)).toEqual([overdue.id]);
    expect(alerts.overdue[0]).toMatchObject({ overdue: true, unitCode: unit, trackingNo: overdue.trackingNo });
    for (const i of alerts.dueSoon) expect(i).toMatchObject({ overdue: false, dueSoon: true });
    expect(alerts.dueSoon.map((i: any) => i.id)).not.toContain(open.id); // five working days away
    expect(alerts).toMatchObject({ held: 1, pendingReplies: 1, flagged: 0 });
    expect((await statsHead.get('/staff/inquiries/alerts')).body).toEqual(alerts);
    expect((await editor.get('/staff/inquiries/alerts')).status).toBe(403);

    // 21 to 28 October: this unit's six, and (for admin) the inbox test's two of 21 October.
    const stats = await ok(statsHandler.get('/staff/inquiries/stats?from=2026-10-21&to=2026-10-28'));
    expect(stats).toEqual({
      from: '2026-10-21',
      to: '2026-10-28',
      total: 6,
      byKind: { consultation: 3, complaint: 1, suggestion: 1, feedback: 1 },
      byUnit: [{ unitCode: unit, unitName: '学前教育科', count: 6 }],
      repliedOnTime: 2,
      repliedLate: 0,
      openOverdue: 1,
      openInTime: 3,
      medianWorkingDays: 0,
      ratings: { satisfied: 0, basically_satisfied: 1, unsatisfied: 0 },
      satisfaction: { satisfied: 0, basically_satisfied: 1, unsatisfied: 0 },
    });
    expect((await admin.get('/staff/inquiries/stats?from=2026-10-21&to=2026-10-28')).body.total).toBeGreaterThan(6);
    expect((await statsHandler.get('/staff/inquiries/stats?from=2026-01-01')).status).toBe(400);
    expect((await statsHandler.get('/staff/inquiries/stats?from=2026-02-30&to=2026-03-01')).status).toBe(400);
    expect((await statsHandler.get('/staff/inquiries/stats?from=2026-03-02&to=2026-03-01')).status).toBe(400);
    expect((await statsHandler.get('/staff/inquiries/stats?from=2020-01-01&to=2026-03-01')).status).toBe(400);
  });

  it('answers malformed bodies on every inquiry write route with a 4xx in the error shape', async () => {
    const parent = await newParent();
    const mine = await submitted(parent);
    const bodies: unknown[] = [
      '{not json',
      '[]',
      '"a string"',
      'null',
      {},
      { kind: null, subject: null, content: null, allowPublish: null, version: null, text: null, reason: null, rating: null },
      { kind: ['consultation'], subject: 1, content: {}, photoIds: 'x', phone: 13812345678, allowPublish: 'true', unitCode: [] },
      { photoIds: [null, 1, {}], subject: 'x', content: 'y', kind: 'consultation', allowPublish: true },
      { version: 'abc', unitCode: 5, reason: ['x'], text: 'x'.repeat(100_000), action: 'approve!' },
      { version: 1e309, rating: 'satisfied', comment: 5 },
      { __proto__: { admin: true }, constructor: 'x', version: 1 },
      { question: null, answer: 7 },
    ];
    const targets: [ApiClient, string][] = [
      [parent, '/inquiries'],
      [parent, `/parents/me/inquiries/${mine.id}/rating`],
      [parent, `/parents/me/inquiries/${mine.id}/reopen`],
      ...['release', 'reject', 'accept', 'transfer', 'reply', 'reply-review', 'notes', 'publish-qa'].map((a): [ApiClient, string] => [admin, `/staff/inquiries/${mine.id}/${a}`]),
    ];
    for (const [client, path] of targets) {
      for (const body of bodies) {
        const res = await client.request('POST', path, body);
        const label = `${path} ${typeof body === 'string' ? body : JSON.stringify(body).slice(0, 60)}`;
        expect({ label, ok: res.status >= 400 && res.status < 500 }).toEqual({ label, ok: true });
        expect(res.body).toMatchObject({ statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      }
    }
    for (const path of ['/qa?limit=0', '/qa?cursor=%00', `/qa?q=${'x'.repeat(51)}`, '/qa/abc', '/qa/-1']) expect((await anon.get(path)).status).toBeGreaterThanOrEqual(400);
    for (const path of ['/staff/inquiries?status=lost', '/staff/inquiries?scope=x', '/staff/inquiries?limit=500', '/staff/inquiries/abc', '/staff/inquiries?unit=NOPE']) {
      const res = await admin.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: path.endsWith('abc') ? 404 : 400 });
    }
  });

  it('sends a sole unit head’s complaint reply to a leader, who finds it under 答复待我审核; nobody approves their own reply', async () => {
    const unit = await aUnit(admin, 'SOLE00000000000001', '人事科');
    const soleHead = await aStaff(admin, 'solehead', unit, ['unit_head']);
    const leader = await aStaff(admin, 'leader', bureau, ['leader']);
    const parent = await newParent();
    const complaint = await submitted(parent, { kind: 'complaint', unitCode: unit, subject: '教师有偿补课', content: '班主任组织有偿补课' });
    const consultation = await submitted(parent, { unitCode: unit, subject: '职称评审', content: '请问职称评审什么时候开始？' });
    await ok(act(soleHead, complaint.id, 'accept'));
    const pending = await ok(act(soleHead, complaint.id, 'reply', { text: '经查属实，已责令停止并退还费用。' }));
    expect(pending).toMatchObject({ status: 'reply_pending', replyReviewer: 'leader', actions: [] });
    expect(pending.timeline.at(-1)).toMatchObject({ action: 'reply', label: '答复（待分管领导审核）', by: 'solehead' });

    // The head who wrote it may not approve it.
    const own = await act(soleHead, complaint.id, 'reply-review', { action: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES', message: '答复须由撰写人以外的人审核，不能审核自己撰写的答复' });
    expect((await ok(soleHead.get('/staff/inquiries?scope=reply_review'))).items).toEqual([]);

    // The leader finds it, sees only it, and approves it.
    const queue = await ok(leader.get('/staff/inquiries?scope=reply_review'));
    expect(queue.items.map((i: any) => [i.trackingNo, i.unitName, i.statusLabel])).toEqual([[complaint.trackingNo, '人事科', '答复待审核']]);
    expect((await leader.get('/staff/inquiries')).status).toBe(403);
    expect((await leader.get(`/staff/inquiries/${consultation.id}`)).status).toBe(404);
    expect((await leader.get('/staff/inquiries/alerts')).status).toBe(403);
    const seen = await staffView(leader, complaint.id);
    expect(seen).toMatchObject({ replyReviewer: 'leader', actions: ['approve_reply', 'return_reply'], pendingReply: { text: '经查属实，已责令停止并退还费用。', by: 'solehead' } });
    // Other units' heads do not see it; the handler of its unit may not approve it.
    expect((await head.post(`/staff/inquiries/${complaint.id}/reply-review`, { action: 'approve', version: seen.version })).status).toBe(404);
    const approved = await ok(leader.post(`/staff/inquiries/${complaint.id}/reply-review`, { action: 'approve', version: seen.version, opinion: '同意' }));
    expect(approved).toMatchObject({ status: 'replied', reply: { text: '经查属实，已责令停止并退还费用。', unitName: '人事科' }, pendingReply: null });
    expect((await parent.get(`/parents/me/inquiries/${complaint.id}`)).body).toMatchObject({ status: 'replied', reply: { text: '经查属实，已责令停止并退还费用。' } });
    // Done: no longer the leader's to see.
    expect((await leader.get(`/staff/inquiries/${complaint.id}`)).status).toBe(404);
    expect((await ok(leader.get('/staff/inquiries?scope=reply_review'))).items).toEqual([]);
  });

  it('sends a head’s complaint reply to the unit’s other head, never back to its author', async () => {
    const unit = await aUnit(admin, 'PAIR00000000000001', '计划财务科');
    const headA = await aStaff(admin, 'heada', unit, ['unit_head']);
    const headB = await aStaff(admin, 'headb', unit, ['unit_head']);
    const leader = await aStaff(admin, 'leader2', bureau, ['leader']);
    const parent = await newParent();
    const complaint = await submitted(parent, { kind: 'complaint', unitCode: unit, subject: '资助款未到', content: '助学金迟迟未发放' });
    await ok(act(headA, complaint.id, 'accept'));
    const pending = await ok(act(headA, complaint.id, 'reply', { text: '已核实，本周内发放。' }));
    expect(pending).toMatchObject({ status: 'reply_pending', replyReviewer: 'unit_head', actions: [] });
    expect((await act(headA, complaint.id, 'reply-review', { action: 'approve' })).body.code).toBe('FOUR_EYES');
    expect((await act(headA, complaint.id, 'reply-review', { action: 'return', opinion: '撤回重写' })).body.code).toBe('FOUR_EYES');
    expect((await ok(headA.get('/staff/inquiries?scope=reply_review'))).items).toEqual([]);
    expect((await ok(headB.get('/staff/inquiries?scope=reply_review'))).items.map((i: any) => i.id)).toEqual([complaint.id]);
    // Not sent to leaders: they neither see nor find it.
    expect((await leader.get(`/staff/inquiries/${complaint.id}`)).status).toBe(404);
    expect((await ok(leader.get('/staff/inquiries?scope=reply_review'))).items.map((i: any) => i.id)).not.toContain(complaint.id);
    expect((await staffView(headB, complaint.id)).actions).toEqual(['approve_reply', 'return_reply']);
    expect(await ok(act(headB, complaint.id, 'reply-review', { action: 'approve' }))).toMatchObject({ status: 'replied' });
  });

  it('recounts flagged deadlines when staff enter the year they reach', async () => {
    // Received Wednesday 30 December 2026: a 咨询's three working days reach 2027, which has no
    // calendar data yet, so Monday to Friday is assumed there and the deadline is flagged.
    server.clock.set(at('2026-12-30T10:00:00+08:00'));
    // The September tokens have expired by now: sign in again.
    admin = admin.as(await login(anon, 'root'));
    handler = handler.as(await login(anon, 'handler'));
    const parent = await newParent();
    const mine = await submitted(parent);
    expect(mine.deadline).toMatchObject({ from: '2026-12-30', dueDate: '2027-01-04', dueAt: '2027-01-04T23:59:59+08:00', flagged: true });
    expect((await staffView(handler, mine.id)).deadline.flagged).toBe(true);
    expect((await handler.get('/staff/inquiries?limit=50')).body.items.find((i: StaffInquiryListItem) => i.id === mine.id)).toMatchObject({ flagged: true, dueAt: '2027-01-04T23:59:59+08:00' });

    const put = await admin.request('PUT', '/staff/calendar/2027', { days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], complete: true });
    expect(put.status).toBe(200);
    // The recount follows the calendar.changed event: wait for it to land (it is not a timer).
    let view: ParentInquiryView | undefined;
    for (let i = 0; i < 50; i++) {
      view = (await parent.get<ParentInquiryView>(`/parents/me/inquiries/${mine.id}`)).body;
      if (!view.deadline.flagged) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view!.deadline).toMatchObject({ dueDate: '2027-01-05', dueAt: '2027-01-05T23:59:59+08:00', flagged: false });
    expect(view!.deadline.skipped.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });
});
