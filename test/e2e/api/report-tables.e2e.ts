import { TABLE3_COLUMNS, TABLE3_COUNTED_ROWS, type OrganizationKind, type StaffEnterDisclosureRequest, type Table3CountedRow, type Table3Counts, type Table4Counts } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { DisclosureStatisticsService } from '../../../server/src/disclosure/statistics/disclosure-statistics.service';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, bootstrapAdmin, login, PASSWORD } from '../../support/builders';
import { CREDIT_CODE, anOrganizationForm } from '../../support/disclosure-builders';
import { aDisclosureRequest, residentId } from '../../support/disclosure-fee-builders';
import { anEntry, staffView } from '../../support/disclosure-staff-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Tables 三 and 四 of the yearly report over a two-year history built through the real flows:
 * requests entered by staff (post with their signing date, in person on the day) and made online
 * (received the day the handler confirms), answered by letters the office head approves, a 补正
 * and a fee left to lapse, withdrawals, and reconsiderations and lawsuits recorded by staff. The
 * clock walks from March 2025 to 10 December 2026 across the new year; two requests stay open at
 * the end of 2025 (carried into 2026), two at the report's day.
 *
 * Columns in the literals below: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
 */

type Cells = [number, number, number, number, number, number, number];
const Z: Cells = [0, 0, 0, 0, 0, 0, 0];

/** The literal table as rows of seven cells, in TABLE3_COLUMNS order; a row not listed is all zeros. */
function table3(rows: Partial<Record<Table3CountedRow, Cells>>): Record<Table3CountedRow, Table3Counts> {
  return Object.fromEntries(TABLE3_COUNTED_ROWS.map((row) => [row, Object.fromEntries(TABLE3_COLUMNS.map((c, i) => [c, (rows[row] ?? Z)[i]]))])) as Record<Table3CountedRow, Table3Counts>;
}

/*
 * 2025. Received (一): 张一 A (post, 3 Mar), 明德公司 B (in person), 张三 C (online, 补正 lapsed),
 * 农科所 D (post), 张五 E (online, withdrawn), 律所 F (post, fee lapsed), 县商会 K (post),
 * 张七 G (in person 22 Dec, answered 1 Jan 2026 00:30 Shanghai = 31 Dec 16:30 UTC), 助学会 H
 * (online, confirmed 30 Dec). 张九 I made hers online on 30 Dec but receipt was confirmed only on
 * 5 January 2026: a 2026 request. 张十 J withdrew before receipt: never counted.
 */
const TABLE3_2025 = table3({
  received: [4, 1, 1, 1, 1, 1, 9],
  granted: [1, 0, 0, 0, 0, 0, 1],
  partial: [0, 1, 0, 0, 0, 0, 1],
  refused_third_party: [0, 0, 1, 0, 0, 0, 1],
  refused_internal_affairs: [0, 0, 0, 0, 0, 1, 1],
  other_no_supplement: [1, 0, 0, 0, 0, 0, 1],
  other_unpaid: [0, 0, 0, 0, 1, 0, 1],
  other_other: [1, 0, 0, 0, 0, 0, 1],
  concluded: [3, 1, 1, 0, 1, 1, 7],
  carriedOut: [1, 0, 0, 1, 0, 0, 2],
});

/*
 * 2026. Carried in: G and H. Received: I (online), 远景公司 L (online), 张十一 M (post), 张十二 N
 * (in person), 县读书会 P (online, 补正 lapsed), 张十四 T (online, withdrawn), 张十三 Q (post, open),
 * 教科院 S (in person, letter awaiting approval).
 */
const TABLE3_2026 = table3({
  received: [5, 1, 1, 0, 0, 1, 8],
  carriedIn: [1, 0, 0, 1, 0, 0, 2],
  granted: [0, 1, 0, 1, 0, 0, 2],
  unavailable_not_held: [1, 0, 0, 0, 0, 0, 1],
  unavailable_needs_creation: [1, 0, 0, 0, 0, 0, 1],
  not_processed_petition: [1, 0, 0, 0, 0, 0, 1],
  not_processed_repeat: [1, 0, 0, 0, 0, 0, 1],
  other_no_supplement: [0, 0, 0, 0, 0, 1, 1],
  other_other: [1, 0, 0, 0, 0, 0, 1],
  concluded: [5, 1, 0, 1, 0, 1, 8],
  carriedOut: [1, 0, 1, 0, 0, 0, 2],
});

/** Filed 2025: a reconsideration upheld in September; a lawsuit decided (corrected) only in March 2026: pending at the year's end. */
const TABLE4_2025: Table4Counts = {
  reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
  lawsuit_direct: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
  lawsuit_after_reconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
};
/** Filed 2026: reconsiderations corrected and ended otherwise; a lawsuit after reconsideration still pending. */
const TABLE4_2026: Table4Counts = {
  reconsideration: { upheld: 0, corrected: 1, other: 1, pending: 0, total: 2 },
  lawsuit_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  lawsuit_after_reconsideration: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
};

const TABLE_CHECKS = ['table3_balance', 'table3_results_sum', 'table3_total_column', 'table3_carry_over', 'table4_totals'];

describe('yearly report: tables 三 and 四 over two years', () => {
  const wechat = new FakeWechat();
  const clock = new SettableClock(new Date('2025-03-05T10:00:00+08:00'));
  let server: TestServer;
  let anon: ApiClient;
  let admin: ApiClient;
  let handler: ApiClient;
  let head: ApiClient;
  let reporter: ApiClient;
  let parents = 0;
  const ids: Record<string, number> = {};

  /** Moves the clock and signs the staff in again (tokens live at most 30 days). */
  const at = async (iso: string) => {
    clock.set(new Date(iso));
    admin = anon.as(await login(anon, 'root'));
    handler = anon.as(await login(anon, 'handler'));
    head = anon.as(await login(anon, 'head'));
    reporter = anon.as(await login(anon, 'reporter'));
  };
  const newParent = () => aParent(anon, wechat, { openid: `o-report-${++parents}` });
  const ok = async (res: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status, text: expect.any(String) });
    return r.body;
  };
  const act = async (client: ApiClient, id: number, path: string, body: Record<string, unknown> = {}) =>
    ok(client.post(`/staff/disclosure/requests/${id}/${path}`, { version: (await staffView(handler, id)).version, ...body }));

  /** A request handed in or posted, as the handler types it in. */
  const enter = async (name: string, fields: Partial<StaffEnterDisclosureRequest>) => {
    const { idType, idNumber, ...body } = anEntry({ name, ...fields });
    const person = body.applicantType === 'natural_person' ? { idType, idNumber } : {};
    ids[name] = (await ok(handler.post('/staff/disclosure/requests', { ...body, ...person }), 201)).id;
    return ids[name]!;
  };
  const organization = (kind: OrganizationKind): Partial<StaffEnterDisclosureRequest> => ({ applicantType: 'organization', organizationKind: kind, creditCode: CREDIT_CODE, legalRepresentative: '李四', contactName: '王五' });
  /** A challenge's input as the staff page sends it back, with `changes` over it. */
  const challengeUpdate = async (id: number, year: number, changes: Record<string, unknown>) => {
    const c = (await handler.get(`/staff/disclosure/challenges?year=${year}`)).body.items.find((x: { id: number }) => x.id === id);
    const { kind, requestId, noticeId, caseNo, body, filedDate, decidedDate, result, note, version } = c;
    return ok(handler.put(`/staff/disclosure/challenges/${id}`, { kind, requestId, noticeId, caseNo, body, filedDate, decidedDate, result, note, version, ...changes }));
  };
  /** An online request by a new parent (status submitted until the handler confirms receipt). */
  const online = async (key: string, body: object) => {
    const parent = await newParent();
    ids[key] = (await ok(parent.post('/disclosure/requests', body), 201)).id;
    return { parent, id: ids[key]! };
  };
  const person = (name: string, n: number) => aDisclosureRequest({ name, idNumber: residentId(n) });
  const onlineOrganization = (kind: OrganizationKind, name: string) => anOrganizationForm(kind, { name, provisionForm: 'electronic', delivery: 'online' });
  const confirm = (id: number) => act(handler, id, 'confirm-receipt');
  const draft = (id: number, outcome: string, content: Record<string, unknown> = {}) => act(handler, id, 'letter', { outcome, content: { body: '经审查，答复如下。', ...content } });
  const approve = async (id: number) => {
    await act(head, id, 'letter/approve');
    return staffView(handler, id);
  };
  const answer = async (id: number, outcome: string, content: Record<string, unknown> = {}) => {
    await draft(id, outcome, content);
    return approve(id);
  };
  const challenge = (body: Record<string, unknown>) => ok(handler.post('/staff/disclosure/challenges', { body: '昌乐县人民政府', result: 'pending', ...body }), 201);

  const report = (year: number) => reporter.get(`/staff/reports/annual?year=${year}`);
  const statistics = () => server.app.get(DisclosureStatisticsService);

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), SCHEDULE_POLL_MS: '3600000', TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, clock);
    const boot = await bootstrapAdmin(server);
    anon = boot.anonymous;
    for (const [username, roles] of [
      ['handler', ['disclosure_handler']],
      ['head', ['disclosure_head']],
      ['reporter', ['report_editor']],
    ] as const) {
      await ok(boot.admin.post('/staff/accounts', { username, displayName: username, password: PASSWORD, unitCode: boot.unitCode, roles }), 201);
    }
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('2025: requests entered, made online, answered, lapsed and withdrawn; two still open at the year’s end', async () => {
    await at('2025-03-05T10:00:00+08:00');
    const a = await enter('张一', { channel: 'post', receivedDate: '2025-03-03', idNumber: residentId(1) });
    await at('2025-03-20T10:00:00+08:00');
    expect(await answer(a, 'granted', { provision: '材料随本答复书寄送。' })).toMatchObject({ status: 'answered', outcome: 'granted', receivedDate: '2025-03-03' });

    await at('2025-04-10T10:00:00+08:00');
    const b = await enter('昌乐县明德教育咨询有限公司', { channel: 'in_person', receivedDate: '2025-04-10', delivery: 'pickup', ...organization('commercial') });
    await at('2025-04-25T10:00:00+08:00');
    await answer(b, 'partial', { redactions: [{ part: '学生名单', reason: '涉及个人隐私' }], provision: '其余材料见附件。' });

    // 张三 asks online; receipt is the day the handler confirms it; a 补正 goes out the next day and is never supplied.
    await at('2025-05-12T09:00:00+08:00');
    const c = (await online('张三', person('张三', 3))).id;
    await confirm(c);
    await at('2025-05-13T10:00:00+08:00');
    await act(handler, c, 'supplement-request', { text: '请写明所需信息的文件名称或文号' });

    await at('2025-06-04T10:00:00+08:00');
    const d = await enter('昌乐县农业科学研究所', { channel: 'post', receivedDate: '2025-06-03', ...organization('research') });
    await at('2025-06-20T10:00:00+08:00');
    await server.tasks.run('disclosure-deadlines');
    expect(await staffView(handler, c)).toMatchObject({ status: 'closed', outcome: 'other_no_supplement', receivedDate: '2025-05-12' });
    await answer(d, 'refused_third_party');

    // 张五 withdraws two days after receipt.
    await at('2025-07-01T09:00:00+08:00');
    const e = await online('张五', person('张五', 5));
    await confirm(e.id);
    await at('2025-07-03T10:00:00+08:00');
    await ok(e.parent.post(`/parents/me/disclosure-requests/${e.id}/withdraw`, { reason: '已从其他渠道获取' }));

    await at('2025-07-10T10:00:00+08:00');
    ids.reconsideration2025 = (await challenge({ kind: 'reconsideration', requestId: d, caseNo: '昌政复〔2025〕7号', filedDate: '2025-07-10' })).id;

    // A law firm's request by post; the fee notice (按量, 40 pages: 100 元) is never paid.
    await at('2025-09-01T10:00:00+08:00');
    const f = await enter('山东昌明律师事务所', { channel: 'post', receivedDate: '2025-09-01', ...organization('legal_service') });
    await challengeUpdate(ids.reconsideration2025!, 2025, { decidedDate: '2025-09-01', result: 'upheld' });
    await at('2025-09-02T10:00:00+08:00');
    expect((await ok(handler.post(`/staff/disclosure/requests/${f}/fee`, { version: (await staffView(handler, f)).version, method: 'volume', count: 40 }))).amountFen).toBe(10_000);
    await at('2025-10-31T10:00:00+08:00');
    await server.tasks.run('disclosure-fees');
    expect(await staffView(handler, f)).toMatchObject({ status: 'closed', outcome: 'other_unpaid' });

    // 张十 withdraws before anyone confirmed receipt: never received, never counted.
    await at('2025-11-03T10:00:00+08:00');
    const j = await online('张十', person('张十', 10));
    expect(await ok(j.parent.post(`/parents/me/disclosure-requests/${j.id}/withdraw`, {}))).toMatchObject({ status: 'closed' });

    await at('2025-11-20T10:00:00+08:00');
    ids.lawsuit2025 = (await challenge({ kind: 'lawsuit_direct', requestId: b, caseNo: '（2025）鲁0725行初12号', body: '昌乐县人民法院', filedDate: '2025-11-20' })).id;

    await at('2025-12-01T10:00:00+08:00');
    const k = await enter('昌乐县工商业联合会', { channel: 'post', receivedDate: '2025-12-01', ...organization('other') });
    await at('2025-12-22T10:00:00+08:00');
    const g = await enter('张七', { channel: 'in_person', receivedDate: '2025-12-22', delivery: 'pickup', idNumber: residentId(7) });
    await at('2025-12-29T10:00:00+08:00');
    const h = (await online('昌乐县助学公益协会', onlineOrganization('public_welfare', '昌乐县助学公益协会'))).id;
    await at('2025-12-30T10:00:00+08:00');
    await confirm(h);
    await online('张九', person('张九', 9));
    await draft(k, 'refused_internal_affairs');
    await draft(g, 'unavailable_not_held', { otherAgency: '昌乐县人力资源和社会保障局' });

    // The last half hour of 2025 in Shanghai; then the first half hour of 2026 (still 31 December in UTC).
    await at('2025-12-31T23:30:00+08:00');
    expect((await approve(k)).status).toBe('answered');
    await at('2026-01-01T00:30:00+08:00');
    expect((await approve(g)).status).toBe('answered');
  });

  it('2026: the carried requests end, new ones come in, two stay open at the report’s day', async () => {
    await at('2026-01-05T10:00:00+08:00');
    const i = ids['张九']!;
    expect(await confirm(i)).toMatchObject({ receivedDate: '2026-01-05' });
    await at('2026-01-15T10:00:00+08:00');
    await answer(ids['昌乐县助学公益协会']!, 'granted');
    await at('2026-01-20T10:00:00+08:00');
    await answer(i, 'not_processed_repeat');

    await at('2026-02-02T10:00:00+08:00');
    const l = (await online('昌乐县远景科技有限公司', onlineOrganization('commercial', '昌乐县远景科技有限公司'))).id;
    await confirm(l);
    await at('2026-02-25T10:00:00+08:00');
    await answer(l, 'granted');

    await at('2026-03-03T10:00:00+08:00');
    const m = await enter('张十一', { channel: 'post', receivedDate: '2026-03-02', idNumber: residentId(11) });
    await at('2026-03-10T10:00:00+08:00');
    await challengeUpdate(ids.lawsuit2025!, 2025, { decidedDate: '2026-03-10', result: 'corrected' });
    await at('2026-03-20T10:00:00+08:00');
    await answer(m, 'unavailable_needs_creation');

    await at('2026-04-13T10:00:00+08:00');
    const n = await enter('张十二', { channel: 'in_person', receivedDate: '2026-04-13', delivery: 'pickup', idNumber: residentId(12) });
    await at('2026-04-20T10:00:00+08:00');
    await answer(n, 'not_processed_petition');
    await challenge({ kind: 'reconsideration', requestId: l, caseNo: '昌政复〔2026〕3号', filedDate: '2026-03-02', decidedDate: '2026-04-17', result: 'corrected' });

    await at('2026-05-06T10:00:00+08:00');
    const p = (await online('昌乐县读书会', onlineOrganization('other', '昌乐县读书会'))).id;
    await confirm(p);
    await at('2026-05-07T10:00:00+08:00');
    await act(handler, p, 'supplement-request', { text: '请说明所需信息的时间范围' });
    await at('2026-05-11T10:00:00+08:00');
    await challenge({ kind: 'lawsuit_after_reconsideration', requestId: l, caseNo: '（2026）鲁0725行初5号', body: '昌乐县人民法院', filedDate: '2026-05-10' });
    await at('2026-06-30T10:00:00+08:00');
    await server.tasks.run('disclosure-deadlines');
    expect(await staffView(handler, p)).toMatchObject({ status: 'closed', outcome: 'other_no_supplement' });

    await at('2026-07-02T10:00:00+08:00');
    await challenge({ kind: 'reconsideration', requestId: m, caseNo: '昌政复〔2026〕9号', filedDate: '2026-06-01', decidedDate: '2026-07-01', result: 'other', note: '申请人撤回复议申请' });

    await at('2026-09-07T10:00:00+08:00');
    const t = await online('张十四', person('张十四', 14));
    await confirm(t.id);
    await at('2026-09-08T10:00:00+08:00');
    await ok(t.parent.post(`/parents/me/disclosure-requests/${t.id}/withdraw`, {}));

    await at('2026-11-03T10:00:00+08:00');
    await enter('张十三', { channel: 'post', receivedDate: '2026-11-02', idNumber: residentId(13) });
    await at('2026-11-16T10:00:00+08:00');
    const s = await enter('山东省教育科学研究院', { channel: 'in_person', receivedDate: '2026-11-16', delivery: 'pickup', ...organization('research') });
    await at('2026-11-20T10:00:00+08:00');
    await draft(s, 'granted');
    expect((await staffView(handler, s)).status).toBe('letter_pending');

    await at('2026-12-10T10:00:00+08:00');
  });

  it('counts tables 三 and 四 of each year (the statistics service)', async () => {
    expect(await statistics().table3(2025)).toEqual(TABLE3_2025);
    expect(await statistics().table3(2026)).toEqual(TABLE3_2026);
    expect(await statistics().table4(2025)).toEqual(TABLE4_2025);
    expect(await statistics().table4(2026)).toEqual(TABLE4_2026);
    // Nothing was received before 2025; nothing is carried into 2027 but what is open now.
    expect(await statistics().table3(2024)).toEqual(table3({}));
    expect((await statistics().table3(2027)).carriedIn).toEqual(TABLE3_2026.carriedOut);
  });

  it('reports them in the annual report, cell by cell, with the carry-over and the checks passing', async () => {
    const y2025 = await report(2025);
    expect({ status: y2025.status, text: y2025.text }).toEqual({ status: 200, text: expect.any(String) });
    const y2026 = await report(2026);
    expect({ status: y2026.status, text: y2026.text }).toEqual({ status: 200, text: expect.any(String) });

    expect(y2025.body.data.table3).toEqual(TABLE3_2025);
    expect(y2025.body.data.table4).toEqual(TABLE4_2025);
    expect(y2026.body.data.table3).toEqual(TABLE3_2026);
    expect(y2026.body.data.table4).toEqual(TABLE4_2026);
    expect(y2026.body.data.table3.carriedIn).toEqual(y2025.body.data.table3.carriedOut);

    for (const view of [y2025.body, y2026.body]) {
      const checks = (view.checks as { code: string; ok: boolean; message: string }[]).filter((c) => TABLE_CHECKS.includes(c.code));
      expect(checks.map((c) => c.code).sort()).toEqual([...TABLE_CHECKS].sort());
      expect(checks.filter((c) => !c.ok)).toEqual([]);
    }
    // An admin reads the same; the handler may not (report.edit).
    expect((await admin.get('/staff/reports/annual?year=2026')).body.data.table3).toEqual(TABLE3_2026);
    expect((await handler.get('/staff/reports/annual?year=2026')).status).toBe(403);
  });
});

/**
 * The embedded demo's requests (seeded on 10 December 2026): the previous year's carry-over is this
 * year's, both years balance, and every request opens for staff and, through the lookup with the
 * demo's code, for the applicant; the head can approve the demo's pending letter and the handler
 * confirm its unconfirmed request and enter a new one the same day (the sequences go on).
 */
describe('yearly report: the demo’s requests', () => {
  const PASSWORD_DEMO = 'demo-password-1';
  let server: TestServer;
  let anon: ApiClient;
  const signIn = async (username: string) => anon.as((await anon.post('/auth/staff', { username, password: PASSWORD_DEMO })).body.token);

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD_DEMO }, new SettableClock(new Date('2026-12-10T10:00:00+08:00')));
    anon = new ApiClient(server.baseUrl);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('seeds two years whose tables 三 and 四 read as planned, the carry-over passing on', async () => {
    const statistics = server.app.get(DisclosureStatisticsService);
    const t2025 = await statistics.table3(2025);
    const t2026 = await statistics.table3(2026);
    expect(t2025).toEqual(
      table3({
        received: [6, 1, 1, 1, 1, 0, 10],
        granted: [1, 0, 0, 0, 0, 0, 1],
        partial: [0, 1, 0, 0, 0, 0, 1],
        refused_process_info: [1, 0, 0, 0, 0, 0, 1],
        unavailable_not_held: [0, 0, 1, 0, 0, 0, 1],
        not_processed_repeat: [1, 0, 0, 0, 0, 0, 1],
        other_no_supplement: [1, 0, 0, 0, 0, 0, 1],
        other_unpaid: [0, 0, 0, 0, 1, 0, 1],
        other_other: [1, 0, 0, 0, 0, 0, 1],
        concluded: [5, 1, 1, 0, 1, 0, 8],
        carriedOut: [1, 0, 0, 1, 0, 0, 2],
      }),
    );
    expect(t2026).toEqual(
      table3({
        received: [3, 1, 1, 0, 0, 1, 6],
        carriedIn: [1, 0, 0, 1, 0, 0, 2],
        granted: [1, 1, 0, 1, 0, 0, 3],
        refused_third_party: [0, 0, 0, 0, 0, 1, 1],
        unavailable_needs_creation: [1, 0, 0, 0, 0, 0, 1],
        not_processed_petition: [1, 0, 0, 0, 0, 0, 1],
        concluded: [3, 1, 0, 1, 0, 1, 6],
        carriedOut: [1, 0, 1, 0, 0, 0, 2],
      }),
    );
    expect(t2026.carriedIn).toEqual(t2025.carriedOut);
    expect((await statistics.table4(2025)).reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
    expect((await statistics.table4(2026)).reconsideration.total).toBe(0);
  });

  it('opens every request for staff and for the applicant; the pending letter is approved, the new request confirmed', async () => {
    const handler = await signIn('disclosure_handler');
    const head = await signIn('disclosure_head');
    const all: { id: number; trackingNo: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: number; trackingNo: string; status: string }[]; nextCursor: string | null } } = await handler.get(`/staff/disclosure/requests?scope=all&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(17);
    for (const scope of ['open', 'finished']) expect((await handler.get(`/staff/disclosure/requests?scope=${scope}`)).status).toBe(200);
    expect((await head.get('/staff/disclosure/requests?scope=approval')).body.items).toHaveLength(1);
    expect((await handler.get('/staff/disclosure/alerts')).status).toBe(200);
    for (const r of all) {
      for (const staff of [handler, head]) expect({ id: r.id, status: (await staff.get(`/staff/disclosure/requests/${r.id}`)).status }).toEqual({ id: r.id, status: 200 });
      const lookup = await anon.post('/disclosure/lookup', { trackingNo: r.trackingNo, verificationCode: '88888888' });
      expect({ id: r.id, status: lookup.status }).toEqual({ id: r.id, status: 200 });
      expect(lookup.body.status).toBe(r.status);
    }
    const fee = all.find((r) => r.status === 'closed' && r.trackingNo.startsWith('YS2025'));
    expect(fee).toBeDefined();
    expect((await handler.get('/staff/disclosure/challenges?year=2025')).body.items).toHaveLength(1);

    const pending = all.find((r) => r.status === 'letter_pending')!;
    const view = (await head.get(`/staff/disclosure/requests/${pending.id}`)).body;
    expect(view.staffActions).toEqual(expect.arrayContaining(['approve_letter']));
    expect((await head.get(`/staff/disclosure/requests/${pending.id}/letter.html`)).status).toBe(200);
    const approved = await head.post(`/staff/disclosure/requests/${pending.id}/letter/approve`, { version: view.version });
    expect({ status: approved.status, number: approved.body.number }).toEqual({ status: 200, number: '昌教依复〔2026〕1号' });

    const submitted = all.find((r) => r.status === 'submitted')!;
    const confirmed = await handler.post(`/staff/disclosure/requests/${submitted.id}/confirm-receipt`, { version: (await handler.get(`/staff/disclosure/requests/${submitted.id}`)).body.version });
    expect({ status: confirmed.status, receivedDate: confirmed.body.receivedDate }).toEqual({ status: 200, receivedDate: '2026-12-10' });
    const entered = await handler.post('/staff/disclosure/requests', anEntry({ channel: 'in_person', receivedDate: '2026-12-10', delivery: 'pickup' }));
    expect(entered.status).toBe(201);
    expect(entered.body.trackingNo).toMatch(/^YS20261210\d{3}$/);
    expect((await server.app.get(DisclosureStatisticsService).table3(2026)).received.total).toBe(8);
  });
});
