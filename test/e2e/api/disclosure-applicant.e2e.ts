import { validateValue, type PushFieldType } from '@gongkai/shared';
import { IsNull } from 'typeorm';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { DisclosureEvent } from '../../../server/src/disclosure/entities/disclosure-event.entity';
import { DisclosureRequest } from '../../../server/src/disclosure/entities/disclosure-request.entity';
import { PrivacyErasure } from '../../../server/src/privacy/entities/privacy-erasure.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { ID_NUMBER, ID_NUMBER_MASKED, aDisclosureRequest, anApplicantForm, anOrganizationForm, staffStep } from '../../support/disclosure-builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const NOTICE: Record<string, PushFieldType> = { thing1: 'thing', character_string2: 'character_string', time3: 'time', phrase4: 'phrase' };
const TASK = 'disclosure-notices';
const LOOKUP_FAILED = { code: 'DISCLOSURE_LOOKUP_FAILED', message: '申请编号或查询码不正确，请核对后重试' };

/**
 * The applicant's side of 依申请公开: online requests of a person and of an organisation, the
 * checks of what they give, their own requests only, the ID number masked in every answer, the
 * public lookup by tracking number and verification code, withdrawal, the supplement after the
 * handler's 补正 notice (through the handling routes), and the subscribe notice of a step.
 * The clock starts on Monday 2 November 2026, 09:00 Shanghai time.
 */
describe('disclosure requests: the applicant side', () => {
  const wechat = new FakeWechat();
  const clock = new SettableClock(new Date('2026-11-02T09:00:00+08:00'));
  let db: TestDatabase;
  let server: TestServer;
  let anon: ApiClient;
  let handler: ApiClient;
  let parent: ApiClient;
  let other: ApiClient;
  /** Every response of every client of this file. */
  const seen: ApiResponse[] = [];

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'DISCLOSURE_TPL', NOTICE);
    db = await freshDatabase();
    server = await startServer(
      db,
      {
        ...wechat.env(),
        WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify([{ id: 'DISCLOSURE_TPL', name: '依申请公开办理进度通知', fields: NOTICE }]),
        // Rounds run when a test asks (or a step wakes them), not on a timer.
        SCHEDULE_POLL_MS: '3600000',
        RATE_LIMIT_LOOKUP_MAX: '5',
        TOKEN_TTL_SECONDS: String(7 * 24 * 3600),
      },
      clock,
    );
    const boot = await bootstrapAdmin(server);
    anon = new ApiClient(server.baseUrl, undefined, (res) => seen.push(res));
    handler = await aStaff(boot.admin, 'disclosure-handler', boot.unitCode, ['disclosure_handler']);
    parent = await aParent(anon, wechat, { openid: 'o-applicant-1' });
    other = await aParent(anon, wechat, { openid: 'o-applicant-2' });
  });

  afterAll(async () => {
    // The ID number was never in any answer to the applicant side, in any case or spacing.
    const texts = seen.map((r) => r.text.toUpperCase());
    expect(texts.filter((t) => t.includes(ID_NUMBER)).length).toBe(0);
    expect(texts.some((t) => t.includes(ID_NUMBER_MASKED))).toBe(true);
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('takes a natural person’s request: tracking number of the day, a code shown once, the identity masked', async () => {
    clock.set(new Date('2026-11-02T09:00:00+08:00'));
    const created = await aDisclosureRequest(parent).with({ purpose: '了解孩子入学划片' }).build();
    expect(created.trackingNo).toBe('YS20261102001');
    expect(created.verificationCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);

    const view = (await parent.get(`/parents/me/disclosure-requests/${created.id}`)).body;
    expect(view).toMatchObject({
      id: created.id,
      trackingNo: 'YS20261102001',
      channel: 'online',
      status: 'submitted',
      statusLabel: '已提交',
      applicantType: 'natural_person',
      organizationKind: null,
      applicantName: '张*',
      idNumberMasked: ID_NUMBER_MASKED,
      purpose: '了解孩子入学划片',
      provisionForm: 'paper',
      delivery: 'post',
      receivedDate: null,
      deadline: null,
      supplement: null,
      fee: null,
      letter: null,
      outcome: null,
      actions: ['withdraw'],
    });
    // The test clock runs on from 09:00 as real time passes.
    expect(view.submittedAt).toMatch(/^2026-11-02T01:00:/);
    expect(view.timeline).toEqual([{ action: 'submitted', at: view.submittedAt, label: '提交申请', text: null }]);
    // Never shown again, never stored: not in the view.
    expect(JSON.stringify(view)).not.toContain(created.verificationCode);
    const list = (await parent.get('/parents/me/disclosure-requests')).body;
    expect(list.items[0]).toEqual({
      id: created.id,
      trackingNo: 'YS20261102001',
      status: 'submitted',
      statusLabel: '已提交',
      excerpt: '2026年昌乐县义务教育阶段学校招生划片范围的文件',
      submittedAt: view.submittedAt,
      dueDate: null,
    });
  });

  it('takes an organisation’s request with its name in full and no ID number', async () => {
    const created = await aDisclosureRequest(parent).byOrganization('legal_service').build();
    expect(created.trackingNo).toBe('YS20261102002');
    const view = (await parent.get(`/parents/me/disclosure-requests/${created.id}`)).body;
    expect(view).toMatchObject({ applicantType: 'organization', organizationKind: 'legal_service', applicantName: '昌乐县明德教育咨询有限公司', idNumberMasked: null });
  });

  it.each([
    ['a wrong check character', { idNumber: '110105194912310021' }, 'idNumber', '居民身份证号码校验位不符，请逐位核对'],
    ['a birth date that does not exist', { idNumber: '110105194902300025' }, 'idNumber', '居民身份证号码中的出生日期不正确，请核对'],
    ['no ID number', { idNumber: undefined }, 'idNumber', '请填写证件号码'],
    ['an ID number of null', { idNumber: null }, 'idNumber', '请填写证件号码'],
    ['an ID number that is a number', { idNumber: 110105194912310020 }, 'idNumber', '证件号码须为文字'],
    ['no document type', { idType: undefined }, 'idType', '请选择证件类型（居民身份证、护照或其他有效证件）'],
    ['post without an address', { address: undefined }, 'address', '选择邮寄送达时请填写通信地址'],
    ['a name of 51 characters (emoji)', { name: '😀'.repeat(51) }, 'name', '姓名或名称最多 50 个字'],
    ['a description of 2001 characters', { description: '文'.repeat(2001) }, 'description', '所需信息的描述最多 2000 个字'],
    ['a name that is an object', { name: { first: '张' } }, 'name', '姓名或名称须为文字'],
    ['a description that is an array', { description: ['文件'] }, 'description', '所需信息的描述须为文字'],
    ['a bad phone', { phone: '12345' }, 'phone', '请填写正确的手机号或固定电话（如 13812345678、0536-6212345）'],
    ['a bad delivery', { delivery: 'pigeon' }, 'delivery', '请选择获取信息的方式（邮寄、当面领取或网上获取）'],
    ['an unknown field', { extra: 1 }, 'extra', '不支持的字段：extra'],
  ])('refuses %s with 400 and a Chinese message', async (_case, fields, field, message) => {
    const res = await parent.post('/disclosure/requests', anApplicantForm(fields));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toContainEqual({ field, message });
  });

  it.each([
    ['no credit code', { creditCode: undefined }, 'creditCode', '请填写统一社会信用代码'],
    ['a credit code with a wrong check character', { creditCode: '91350100M000100Y44' }, 'creditCode', '统一社会信用代码校验位不符，请逐位核对'],
    ['a credit code of 17 characters', { creditCode: '91350100M000100Y4' }, 'creditCode', '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）'],
    ['no organisation kind', { organizationKind: undefined }, 'organizationKind', '请选择组织类型（商业企业、科研机构、社会公益组织、法律服务机构或其他）'],
  ])('refuses an organisation with %s', async (_case, fields, field, message) => {
    const res = await parent.post('/disclosure/requests', anOrganizationForm('commercial', fields));
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field, message });
  });

  it('refuses a body that is not an object, and a parent who has not agreed to the privacy notice', async () => {
    expect((await parent.request('POST', '/disclosure/requests', null)).status).toBe(400);
    const unagreed = await aParent(anon, wechat, { openid: 'o-applicant-unagreed' }, { agree: false });
    const res = await unagreed.post('/disclosure/requests', anApplicantForm());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PRIVACY_CONSENT_REQUIRED');
  });

  it('shows an applicant only their own requests', async () => {
    const mine = await aDisclosureRequest(parent).build();
    for (const [method, path, body] of [
      ['GET', `/parents/me/disclosure-requests/${mine.id}`, undefined],
      ['POST', `/parents/me/disclosure-requests/${mine.id}/withdraw`, {}],
      ['POST', `/parents/me/disclosure-requests/${mine.id}/supplement`, { text: '补充' }],
    ] as const) {
      const res = await other.request<any>(method, path, body);
      expect([res.status, res.body.code, res.body.message]).toEqual([404, 'NOT_FOUND', '未找到该申请']);
      expect((await anon.request(method, path, body)).status).toBe(401);
    }
    expect((await other.get('/parents/me/disclosure-requests/abc')).status).toBe(404);
    expect((await other.get('/parents/me/disclosure-requests')).body.items).toEqual([]);
    expect((await anon.get('/parents/me/disclosure-requests')).status).toBe(401);
    expect((await anon.post('/disclosure/requests', anApplicantForm())).status).toBe(401);
  });

  it('exports the parent’s requests with the ID number masked', async () => {
    const res = await parent.get('/parents/me/data');
    expect(res.status).toBe(200);
    expect(res.text).toContain(ID_NUMBER_MASKED);
    expect(res.text).toContain('13812345678');
    expect(res.text.toUpperCase()).not.toContain(ID_NUMBER);
  });

  it('finds a request by tracking number and code; a wrong code or number answer alike', async () => {
    const created = await aDisclosureRequest(parent).build();
    // Typed in lower case with spaces: still the code.
    const typed = `${created.verificationCode.slice(0, 4).toLowerCase()} ${created.verificationCode.slice(4)}`;
    const found = await anon.post('/disclosure/lookup', { trackingNo: created.trackingNo, verificationCode: typed });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: created.id, trackingNo: created.trackingNo, applicantName: '张*', idNumberMasked: ID_NUMBER_MASKED, actions: [] });
    expect(found.body.lookupToken).toMatch(new RegExp(`^${created.id}\\.\\d+\\.[A-Za-z0-9_-]+$`));

    const wrongCode = await anon.post('/disclosure/lookup', { trackingNo: created.trackingNo, verificationCode: 'AAAAAAAA' });
    const wrongNumber = await anon.post('/disclosure/lookup', { trackingNo: 'YS20261102999', verificationCode: created.verificationCode });
    for (const res of [wrongCode, wrongNumber]) expect([res.status, res.body.code, res.body.message]).toEqual([404, LOOKUP_FAILED.code, LOOKUP_FAILED.message]);
    const bad = await anon.post('/disclosure/lookup', { trackingNo: null, verificationCode: { a: 1 } });
    expect(bad.status).toBe(400);
  });

  it('limits lookups per address', async () => {
    // A fresh window (60 s): 5 lookups, then 429.
    clock.advance(61_000);
    const body = { trackingNo: 'YS20261102999', verificationCode: 'AAAAAAAA' };
    for (let i = 0; i < 5; i++) expect((await anon.post('/disclosure/lookup', body)).status).toBe(404);
    const limited = await anon.post('/disclosure/lookup', body);
    expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
    clock.advance(61_000);
    expect((await anon.post('/disclosure/lookup', body)).status).toBe(404);
  });

  it('caps a parent’s online requests at 10 a day', async () => {
    const busy = await aParent(anon, wechat, { openid: 'o-applicant-busy' });
    for (let i = 0; i < 10; i++) await aDisclosureRequest(busy).build();
    const refused = await aDisclosureRequest(busy).send();
    expect([refused.status, (refused.body as any).code, (refused.body as any).message]).toEqual([429, 'DISCLOSURE_RATE_LIMITED', '每天最多在线提交 10 件政府信息公开申请，请明天再试']);
  });

  it('lets the applicant withdraw before the answer (其他处理 · 其他), once', async () => {
    const created = await aDisclosureRequest(parent).build();
    const res = await parent.post(`/parents/me/disclosure-requests/${created.id}/withdraw`, { reason: '已从学校网站查到' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', statusLabel: '已终止', outcome: 'other_other', outcomeLabel: '其他处理 · 其他', actions: [] });
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'withdraw', label: '撤回申请', text: '申请人撤回：已从学校网站查到' });
    const again = await parent.post(`/parents/me/disclosure-requests/${created.id}/withdraw`, {});
    expect([again.status, again.body.code]).toEqual([409, 'DISCLOSURE_NOT_ALLOWED']);
    expect((await parent.post(`/parents/me/disclosure-requests/${created.id}/withdraw`, { reason: 5 })).status).toBe(400);
  });

  // Needs the handling routes (confirm-receipt, supplement-request) of routes.md.
  it('takes the supplement after the handler’s 补正 notice, the clock counting again from that day, and tells the applicant by subscribe message', async () => {
    const asker = await aParent(anon, wechat, { openid: 'o-applicant-3' });
    // Three acceptances (each allows one message): receipt confirmed, 补正 asked, supplement received.
    for (let i = 0; i < 3; i++) expect((await asker.post('/parents/me/subscribe-results', { results: { DISCLOSURE_TPL: 'accept' } })).status).toBe(200);
    wechat.grantQuota('o-applicant-3', 'DISCLOSURE_TPL', 3);
    const created = await aDisclosureRequest(asker).build();
    await server.tasks.run(TASK);
    // Its submission is no news to the applicant.
    expect(wechat.deliveredTo('o-applicant-3')).toHaveLength(0);

    await staffStep(handler, created.id, 'confirm-receipt');
    await staffStep(handler, created.id, 'supplement-request', { text: '请写明所需文件的年份和文号' });
    const asked = (await asker.get(`/parents/me/disclosure-requests/${created.id}`)).body;
    expect(asked).toMatchObject({ status: 'supplement_requested', statusLabel: '待补正', actions: ['supply', 'withdraw'] });
    expect(asked.supplement).toMatchObject({ requestText: '请写明所需文件的年份和文号', suppliedAt: null, suppliedText: null });

    await server.tasks.run(TASK);
    await server.tasks.run(TASK); // another round: nothing twice
    const delivered = wechat.deliveredTo('o-applicant-3');
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    const last = delivered.at(-1)!;
    expect(last.page).toBe(`packages/services/pages/disclosure/detail?id=${created.id}`);
    expect(last.data.character_string2!.value).toBe(created.trackingNo);
    for (const [key, type] of Object.entries(NOTICE)) expect(validateValue(type, last.data[key]!.value, 'subscribe')).toBeNull();
    const before = delivered.length;

    // Tuesday 3 November: the applicant supplies it; the 20 working days count from the day after
    // (4–6, 9–13, 16–20, 23–27, 30 November, 1 December: due Tuesday 1 December).
    clock.set(new Date('2026-11-03T10:00:00+08:00'));
    const supplied = await asker.post(`/parents/me/disclosure-requests/${created.id}/supplement`, { text: '2026年昌教发〔2026〕5号文件' });
    expect(supplied.status).toBe(200);
    expect(supplied.body).toMatchObject({ status: 'processing', actions: ['withdraw'] });
    expect(supplied.body.supplement.suppliedAt).toMatch(/^2026-11-03T02:00:/);
    expect(supplied.body.supplement).toMatchObject({ suppliedText: '2026年昌教发〔2026〕5号文件' });
    expect(supplied.body.deadline).toMatchObject({ from: '2026-11-03', workingDays: 20, dueDate: '2026-12-01', dueAt: '2026-12-01T23:59:59+08:00', remainingWorkingDays: 20, paused: false, overdue: false, flagged: false });
    const again = await asker.post(`/parents/me/disclosure-requests/${created.id}/supplement`, { text: '再补充' });
    expect([again.status, again.body.code]).toEqual([409, 'DISCLOSURE_NOT_ALLOWED']);

    // The applicant's own step wakes the notice round: no explicit run needed.
    await waitFor(() => wechat.deliveredTo('o-applicant-3').length > before);
    const events = await server.dataSource.getRepository(DisclosureEvent).find({ where: { requestId: created.id }, order: { id: 'ASC' } });
    expect(events.filter((e) => e.noticeState === 'sent').map((e) => e.action)).toContain('supply');
    expect(events.some((e) => e.noticeState === 'pending' || e.noticeState === 'sending')).toBe(false);
  });

  it('erases identity and contact details when the parent cancels the account, keeping what the yearly report counts', async () => {
    const leaver = await aParent(anon, wechat, { openid: 'o-applicant-leaver' });
    const created = await aDisclosureRequest(leaver).with({ email: 'zhang@example.com' }).build();
    await leaver.post(`/parents/me/disclosure-requests/${created.id}/withdraw`, {});
    expect((await leaver.delete('/parents/me')).status).toBe(200);
    const row = (await server.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ id: created.id }))!;
    expect(row).toMatchObject({
      applicantName: '申请人信息已删除',
      idNumber: null,
      creditCode: null,
      applicantHash: null,
      phone: null,
      email: null,
      address: null,
      postcode: null,
      // The yearly report's facts stay.
      applicantType: 'natural_person',
      channel: 'online',
      status: 'closed',
      outcome: 'other_other',
    });
    expect(row.parentCancelledAt).not.toBeNull();
    expect(row.concludedAt).not.toBeNull();
  });

  // Last: moves the clock ten years on.
  it('erases the identity of requests finished more than 3650 days ago (retention)', async () => {
    const created = await aDisclosureRequest(other).build();
    await other.post(`/parents/me/disclosure-requests/${created.id}/withdraw`, {});
    clock.set(new Date(clock.now().getTime() + 3651 * 24 * 3600_000));
    await server.tasks.run('privacy-retention');
    const row = await server.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ id: created.id });
    expect(row).toMatchObject({ applicantName: '申请人信息已删除', idNumber: null, phone: null, address: null, status: 'closed', outcome: 'other_other' });
    const logged = await server.dataSource.getRepository(PrivacyErasure).findBy({ reason: 'retention', kind: 'disclosure_identity', parentId: IsNull() });
    // The rule's own entry (parentId null; the same round then cancels the idle accounts, logged
    // apart): this request and the one withdrawn earlier, the two finished with identity left.
    expect(logged.reduce((n, e) => n + e.count, 0)).toBe(2);
  });
});

async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
