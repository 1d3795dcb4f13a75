import type { InfoType } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { submitted } from '../../support/inquiry-builders';
import { MAPPING, PUSH_ENV, SUB_FIELDS, TPL_FIELDS, campaignSettled } from '../../support/push-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * A year (2026) lived through the real flows with the clock: notices of several categories and
 * info types published through the review chain in different months (one withdrawn later, one
 * at 23:30 on 31 December, one at 00:30 on 1 January of either side), page views, inquiries
 * answered in time and late and rated, a push campaign. The report's figures are then read
 * through `GET /staff/reports/annual` and compared with totals counted here by hand.
 */
const at = (iso: string) => new Date(iso);
const N = null;

describe('the yearly report’s figures of a seeded year', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let bureau: string;
  /** Signed in again at each step: the clock crosses a year, tokens live 30 days. */
  const STAFF = ['admin', 'editor', 'handler', 'head', 'leader', 'pusher', 'reporter'] as const;
  const staff = {} as Record<(typeof STAFF)[number], ApiClient>;
  let parents = 0;

  const signIn = async () => {
    for (const name of STAFF) staff[name] = anon.as(await login(anon, name === 'admin' ? 'root' : name));
  };
  /** Moves the clock to a Shanghai time and signs everyone in again. */
  const goTo = async (shanghai: string) => {
    server.clock.set(at(`${shanghai}+08:00`));
    await signIn();
  };
  const publish = (title: string, category: string, type: InfoType, disclosure: 'proactive' | 'on_request' = 'proactive') => {
    const builder = aNotice().titled(title).inCategory(category).ofType(type);
    if (disclosure === 'on_request') builder.disclosed('on_request', '涉及个人信息，依申请公开');
    return builder.published().create(staff.editor, staff.admin);
  };
  const ok = async (res: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status, text: expect.any(String) });
    return r.body;
  };
  const act = async (client: ApiClient, id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = await ok(client.get(`/staff/inquiries/${id}`));
    return ok(client.post(`/staff/inquiries/${id}/${action}`, { version, ...body }));
  };
  const newParent = () => aParent(anon, wechat, { openid: `o-report-${++parents}` });
  const view = (id: number) => anon.get(`/notices/${id}`);
  const report = async (year: number) => (await ok(staff.reporter.get(`/staff/reports/annual?year=${year}`))).data;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), ...PUSH_ENV, TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(at('2025-12-31T23:00:00+08:00')));
    let admin: ApiClient;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    await aStaff(admin, 'editor', bureau, ['editor']);
    await aStaff(admin, 'handler', bureau, ['inquiry_handler']);
    await aStaff(admin, 'head', bureau, ['unit_head']);
    await aStaff(admin, 'leader', bureau, ['leader']);
    await aStaff(admin, 'pusher', bureau, ['publisher']);
    await aStaff(admin, 'reporter', bureau, ['report_editor']);
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('counts notices, views, inquiries and pushes of 2026 (Asia/Shanghai), and of 2027 apart', async () => {
    // 2025-12-31 23:30 Shanghai: published in 2025, not counted in 2026.
    await goTo('2025-12-31T23:30:00');
    await publish('2025年末发布', 'JCJY', 'business');

    // 2026-01-01 00:30 Shanghai (still 2025 in UTC): January 2026. One view a few minutes later.
    await goTo('2026-01-01T00:30:00');
    const newYear = await publish('元旦发布的通知', 'JCJY', 'business');
    await goTo('2026-01-01T00:40:00');
    expect((await view(newYear)).status).toBe(200);

    await goTo('2026-02-10T10:00:00');
    const policy = await publish('关于规范义务教育招生工作的通知', 'ZCWJ', 'policy');

    // Monday 2 March: two 咨询, due Thursday 5 March (three working days).
    await goTo('2026-03-02T10:00:00');
    const askA = await newParent();
    const askB = await newParent();
    const onTime = await submitted(askA, { kind: 'consultation' });
    const late = await submitted(askB, { kind: 'consultation' });
    expect(onTime.deadline.dueAt).toBe('2026-03-05T23:59:59+08:00');
    await goTo('2026-03-03T10:00:00');
    await act(staff.handler, onTime.id, 'accept');
    await act(staff.handler, onTime.id, 'reply', { text: '按时答复' });
    await ok(askA.post(`/parents/me/inquiries/${onTime.id}/rating`, { rating: 'satisfied' }));
    await goTo('2026-03-05T10:00:00');
    await publish('关于做好学生资助工作的通知', 'ZCWJ', 'policy');
    await publish('基础教育工作动态', 'JCJY', 'business');
    // Tuesday 10 March: the second is answered after its deadline.
    await goTo('2026-03-10T10:00:00');
    await act(staff.handler, late.id, 'accept');
    await act(staff.handler, late.id, 'reply', { text: '超期答复' });
    await ok(askB.post(`/parents/me/inquiries/${late.id}/rating`, { rating: 'basically_satisfied' }));

    // A 投诉 in April: its reply goes out when the unit head approves it, in time; rated 不满意.
    await goTo('2026-04-07T10:00:00');
    const complainer = await newParent();
    const complaint = await submitted(complainer, { kind: 'complaint', subject: '投诉', content: '校车晚点' });
    await act(staff.handler, complaint.id, 'accept');
    await act(staff.handler, complaint.id, 'reply', { text: '已整改' });
    await goTo('2026-04-08T10:00:00');
    await act(staff.head, complaint.id, 'reply-review', { action: 'approve', opinion: '同意' });
    await ok(complainer.post(`/parents/me/inquiries/${complaint.id}/rating`, { rating: 'unsatisfied' }));

    await goTo('2026-05-08T10:00:00');
    await publish('局领导分工调整', 'GZJG', 'organization');

    // June: a 建议 nobody answers, and a notice 依申请公开 (not counted: only 主动公开 is).
    await goTo('2026-06-15T10:00:00');
    await submitted(await newParent(), { kind: 'suggestion', subject: '建议', content: '建议增加校车' });
    await publish('依申请公开的名单', 'JCJY', 'business', 'on_request');

    await goTo('2026-07-01T10:00:00');
    await publish('教学设备采购公告', 'ZBCG', 'procurement');

    // August: a campaign on the policy notice to the category's subscribers: two with quota get it, one without is skipped.
    await goTo('2026-08-03T10:00:00');
    for (const quota of [true, true, false]) {
      const parent = await newParent();
      await ok(parent.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'ZCWJ' }] }));
      if (quota) {
        await ok(parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } }));
        wechat.grantQuota(`o-report-${parents}`, 'SUB_NOTICE', 1);
      }
    }
    const campaign = await ok(
      staff.pusher.post('/staff/pushes', { noticeId: policy, audience: { kind: 'category', code: 'ZCWJ' }, channels: ['subscribe'], templateIds: { subscribe: 'SUB_NOTICE' }, fieldMapping: MAPPING }),
      201,
    );
    await campaignSettled(server, campaign.id);
    expect((await ok(staff.pusher.get(`/staff/pushes/${campaign.id}`))).byStatus).toMatchObject({ sent: 2 });

    // September: a 招生考试 notice, withdrawn in October (it was published in 2026 all the same). Three views of the policy.
    await goTo('2026-09-01T10:00:00');
    const withdrawn = await publish('招生报名须知（已撤回）', 'ZSKS', 'business');
    for (let i = 0; i < 3; i++) expect((await view(policy)).status).toBe(200);
    await goTo('2026-10-12T10:00:00');
    await ok(staff.leader.post(`/staff/notices/${withdrawn}/withdraw`, { version: (await ok(staff.leader.get(`/staff/notices/${withdrawn}`))).version, reason: '内容有误' }));
    expect((await view(withdrawn)).status).not.toBe(200);

    // The last evening of 2026: a 反馈 at 23:00, a notice at 23:30 and a view of it.
    await goTo('2026-12-31T23:00:00');
    await submitted(await newParent(), { kind: 'feedback', subject: '反馈', content: '网站打不开' });
    await goTo('2026-12-31T23:30:00');
    const lastEvening = await publish('年末发布的通知', 'JCJY', 'business');
    await goTo('2026-12-31T23:40:00');
    expect((await view(lastEvening)).status).toBe(200);

    // 2027 begins at 16:00 UTC: this notice, its view and this 咨询 are 2027's.
    await goTo('2027-01-01T00:30:00');
    const nextYear = await publish('新年发布的通知', 'JCJY', 'business');
    await submitted(await newParent(), { kind: 'consultation' });
    expect((await view(nextYear)).status).toBe(200);
    await server.tasks.run('view-counter');

    const data = await report(2026);
    expect(data).toMatchObject({ year: 2026, agency: '昌乐县教育局', title: '昌乐县教育局2026年政府信息公开工作年度报告' });
    // Read on 1 January 2027 just after 00:30 Shanghai time.
    expect(data.asOf).toMatch(/^2026-12-31T16:3\d:\d\d\.\d{3}Z$/);
    // No 规章 (a county bureau makes none), no 依申请公开 request this year.
    expect(data.table2.documents.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(data.figures.requestsByOutcomeGroup).toEqual({ granted: 0, partial: 0, refused: 0, unavailable: 0, not_processed: 0, other: 0 });
    const figures = data.figures;
    expect(figures.published).toEqual({ byType: { organization: 1, policy: 2, business: 4, procurement: 1 }, total: 8 });
    expect(figures.publishedMonthly).toEqual([
      { name: '工作机构', values: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] },
      { name: '政策文件', values: [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '教育惠民', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '教育督导', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '学校动态', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '基础教育', values: [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
      { name: '学前教育', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '办事指南', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { name: '招生考试', values: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0] },
      { name: '招标采购', values: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0] },
    ]);
    // 1 January 00:40, three in September, 31 December 23:40.
    expect(figures.pageViews).toBe(5);
    expect(figures.inquiries).toEqual({
      total: 5,
      byKind: [
        { kind: 'consultation', received: 2, replied: 2, repliedOnTime: 1, onTimeRate: 0.5, rated: 2, satisfied: 1, basicallySatisfied: 1, unsatisfied: 0, satisfactionRate: 1 },
        { kind: 'complaint', received: 1, replied: 1, repliedOnTime: 1, onTimeRate: 1, rated: 1, satisfied: 0, basicallySatisfied: 0, unsatisfied: 1, satisfactionRate: 0 },
        { kind: 'suggestion', received: 1, replied: 0, repliedOnTime: 0, onTimeRate: N, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: N },
        { kind: 'feedback', received: 1, replied: 0, repliedOnTime: 0, onTimeRate: N, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: N },
      ],
      monthly: [
        { name: '咨询', values: [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { name: '投诉', values: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
        { name: '建议', values: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0] },
        { name: '反馈', values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
      ],
      onTimeRateMonthly: [N, N, 0.5, 1, N, N, N, N, N, N, N, N],
    });
    expect(figures.pushes).toEqual({ campaigns: 1, sent: 2 });

    // 2027 so far: the notice of 00:30, its view, one 咨询; no push.
    const next = (await report(2027)).figures;
    expect(next.published).toEqual({ byType: { organization: 0, policy: 0, business: 1, procurement: 0 }, total: 1 });
    expect(next.publishedMonthly.find((s: { name: string }) => s.name === '基础教育')).toEqual({ name: '基础教育', values: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(next.pageViews).toBe(1);
    expect(next.inquiries.total).toBe(1);
    expect(next.inquiries.monthly[0]).toEqual({ name: '咨询', values: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(next.pushes).toEqual({ campaigns: 0, sent: 0 });

    // 2025: the notice of its last evening.
    expect((await report(2025)).figures.published.total).toBe(1);
  });
});
