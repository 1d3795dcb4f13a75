import type { ApplicantDisclosureView, DisclosureFeeView, FeeQuote } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { aParent, aStaff, agreeToNotice, bootstrapAdmin } from '../../support/builders';
import { charge, confirmReceipt, enteredByPost, residentId, staffView, submittedOnline } from '../../support/disclosure-fee-builders';
import { startTestServer, type TestServer } from '../../support/test-server';
import { startFakeWechatPay, type WechatPayFixture } from '../../support/wechatpay';

/**
 * 信息处理费 in the embedded demo (its staff accounts, demo parents and the labelled simulated
 * payment). The file starts on Tuesday 1 September 2026; dates below follow the 2026 official
 * calendar: 25–27 September (中秋) and 1–7 October (国庆) off, Sunday 20 September and Saturday
 * 10 October working days.
 */
const START = new Date('2026-09-01T10:00:00+08:00');
const PASSWORD = 'demo-password-1';

describe('disclosure fees', () => {
  let server: TestServer;
  let anon: ApiClient;
  let handler: ApiClient;
  let head: ApiClient;
  let parent: ApiClient;
  let otherParent: ApiClient;

  const at = (iso: string) => server.clock.set(new Date(iso));
  const signIn = async (username: string) => anon.as((await anon.post('/auth/staff', { username, password: PASSWORD })).body.token);
  const demoParent = async () => {
    const client = anon.as((await anon.post('/auth/demo')).body.token);
    await agreeToNotice(client, 'h5');
    return client;
  };
  const applicantView = async (client: ApiClient, id: number) => {
    const res = await client.get(`/parents/me/disclosure-requests/${id}`);
    expect(res.status).toBe(200);
    return res.body as ApplicantDisclosureView;
  };
  const quote = (query: string) => anon.get(`/disclosure/fee?${query}`);

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD, TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(START));
    anon = new ApiClient(server.baseUrl);
    handler = await signIn('disclosure_handler');
    head = await signIn('disclosure_head');
    parent = await demoParent();
    otherParent = await demoParent();
  });

  afterAll(async () => {
    await server?.destroy();
  });

  describe('the public calculator', () => {
    it('按件: each band edge, counting the applicant’s earlier pieces that month', async () => {
      const amounts: Record<string, number> = {};
      for (const count of [10, 11, 30, 31, 40, 41]) {
        const res = await quote(`method=piece&count=${count}&priorPiecesThisMonth=0`);
        expect(res.status).toBe(200);
        amounts[count] = (res.body as FeeQuote).amountFen;
      }
      // ≤ 10 free; 11–30 at 100 元; 31–40 at 200 元; 41–50 at 300 元 (each only on the part within its band).
      expect(amounts).toEqual({ 10: 0, 11: 10_000, 30: 200_000, 31: 220_000, 40: 400_000, 41: 430_000 });

      const crossing = await quote('method=piece&count=5&priorPiecesThisMonth=28');
      expect(crossing.body).toEqual({
        method: 'piece',
        amountFen: 80_000,
        bands: [
          { from: 11, to: 30, unitFen: 10_000, count: 2, subtotalFen: 20_000 },
          { from: 31, to: 40, unitFen: 20_000, count: 3, subtotalFen: 60_000 },
        ],
      });
      // Without priorPiecesThisMonth the month starts with this request.
      expect((await quote('method=piece&count=10')).body).toEqual({ method: 'piece', amountFen: 0, bands: [{ from: 1, to: 10, unitFen: 0, count: 10, subtotalFen: 0 }] });
    });

    it('按量: each band edge of one request’s pages', async () => {
      const amounts: Record<string, number> = {};
      for (const pages of [30, 31, 100, 101, 200, 201]) amounts[pages] = (await quote(`method=volume&count=${pages}`)).body.amountFen;
      // ≤ 30 free; 31–100 at 10 元; 101–200 at 20 元; 201 and over at 40 元.
      expect(amounts).toEqual({ 30: 0, 31: 1_000, 100: 70_000, 101: 72_000, 200: 270_000, 201: 274_000 });
      expect((await quote('method=volume&count=201')).body.bands).toEqual([
        { from: 1, to: 30, unitFen: 0, count: 30, subtotalFen: 0 },
        { from: 31, to: 100, unitFen: 1_000, count: 70, subtotalFen: 70_000 },
        { from: 101, to: 200, unitFen: 2_000, count: 100, subtotalFen: 200_000 },
        { from: 201, to: null, unitFen: 4_000, count: 1, subtotalFen: 4_000 },
      ]);
    });

    it.each([
      ['nothing', ''],
      ['no count', 'method=piece'],
      ['no method', 'count=5'],
      ['another method', 'method=both&count=5'],
      ['zero', 'method=piece&count=0'],
      ['a negative count', 'method=piece&count=-1'],
      ['a fraction', 'method=volume&count=1.5'],
      ['an exponent', 'method=volume&count=1e3'],
      ['hex', 'method=volume&count=0x10'],
      ['words', 'method=volume&count=abc'],
      ['a count above the cap', 'method=volume&count=100001'],
      ['a huge count', 'method=volume&count=99999999999999999999'],
      ['a negative month', 'method=piece&count=1&priorPiecesThisMonth=-1'],
      ['a month above the cap', 'method=piece&count=1&priorPiecesThisMonth=100001'],
      ['earlier pieces with 按量', 'method=volume&count=10&priorPiecesThisMonth=0'],
      ['a repeated count', 'method=piece&count=1&count=2'],
      ['an unknown parameter', 'method=piece&count=1&pages=3'],
    ])('refuses %s with 400 DISCLOSURE_FEE_INVALID', async (_, query) => {
      const res = await quote(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('DISCLOSURE_FEE_INVALID');
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('a fee on an online request', () => {
    let id: number;
    let trackingNo: string;
    let verificationCode: string;

    it('is charged only while the request is being processed, never when it would be free', async () => {
      ({ id, trackingNo, verificationCode } = await submittedOnline(parent, { idNumber: residentId(1) }));
      const early = await charge(handler, id, 'volume', 120);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('DISCLOSURE_NOT_ALLOWED');
      await confirmReceipt(handler, id);
      // Received Tuesday 1 September: 20 working days (20 September worked, 25 September 中秋) end on 29 September.
      expect((await applicantView(parent, id)).deadline).toMatchObject({ dueDate: '2026-09-29', paused: false });

      const free = await charge(handler, id, 'volume', 30);
      expect(free.status).toBe(409);
      expect(free.body.message).toContain('无需发出收费通知');
      for (const body of [{ method: 'both', count: 5 }, { method: 'volume', count: 0 }, { method: 'piece', count: 101 }, { method: 'volume', count: '120' }]) {
        const res = await handler.post(`/staff/disclosure/requests/${id}/fee`, { version: (await staffView(handler, id)).version, ...body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
    });

    it('pauses the answer deadline from the notice and gives 20 working days to pay', async () => {
      at('2026-09-08T10:00:00+08:00');
      const res = await charge(handler, id, 'volume', 120);
      expect(res.status).toBe(200);
      // 31–100: 70 pages × 10 元; 101–120: 20 pages × 20 元. Issued Tuesday 8 September: 20 working days from the 9th (国庆 off, 10 October worked) end Monday 12 October.
      expect(res.body).toMatchObject({ method: 'volume', count: 120, priorPieces: 0, amountFen: 110_000, status: 'issued', issuedDate: '2026-09-08', payDueDate: '2026-10-12', paidAt: null, refundedFen: 0 });
      expect((res.body as DisclosureFeeView).noticeUrl).toBe(`/api/v1/staff/disclosure/requests/${id}/fee-notice`);

      const view = await applicantView(parent, id);
      expect(view.status).toBe('fee_pending');
      // 2, 3, 4, 7 and 8 September counted; the rest waits for the payment.
      expect(view.deadline).toMatchObject({ dueDate: null, paused: true, remainingWorkingDays: 15 });
      expect(view.actions).toContain('pay');
      expect(view.fee).toMatchObject({ amountFen: 110_000, payDueDate: '2026-10-12', noticeUrl: `/api/v1/parents/me/disclosure-requests/${id}/fee-notice` });
      const told = view.timeline.find((e) => e.action === 'charge_fee');
      expect(told?.text).toContain('1,100.00 元');
      expect(told?.text).toContain('2026年10月12日');

      const again = await charge(handler, id, 'volume', 120);
      expect(again.status).toBe(409);
    });

    it('writes the fee notice for staff, the applicant and the public lookup, and for nobody else', async () => {
      for (const [client, url] of [
        [handler, `/staff/disclosure/requests/${id}/fee-notice`],
        [parent, `/parents/me/disclosure-requests/${id}/fee-notice`],
      ] as const) {
        const res = await client.get(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.text).toContain('应缴金额：人民币 1,100.00 元');
        expect(res.text).toContain('即最迟于 2026年10月12日（2026-10-12）缴纳');
        expect(res.text).toContain(trackingNo);
        expect(res.text).toContain('国办函〔2020〕109号');
        expect(res.text).toContain('视为放弃申请');
      }
      expect((await otherParent.get(`/parents/me/disclosure-requests/${id}/fee-notice`)).status).toBe(404);
      expect((await anon.get(`/parents/me/disclosure-requests/${id}/fee-notice`)).status).toBe(401);
      expect((await parent.get(`/staff/disclosure/requests/${id}/fee-notice`)).status).toBe(401);

      const lookup = await anon.post('/disclosure/lookup', { trackingNo, verificationCode });
      expect(lookup.status).toBe(200);
      expect(lookup.body.fee.noticeUrl).toBe(`/api/v1/disclosure/lookup/${lookup.body.lookupToken}/fee-notice`);
      const byToken = await anon.get(lookup.body.fee.noticeUrl);
      expect(byToken.status).toBe(200);
      expect(byToken.text).toContain('应缴金额：人民币 1,100.00 元');
      const forged = `${String(lookup.body.lookupToken).slice(0, -2)}xx`;
      expect((await anon.get(`/disclosure/lookup/${forged}/fee-notice`)).status).toBe(404);
      expect((await anon.get('/disclosure/lookup/not-a-token/fee-notice')).status).toBe(404);
    });

    it('is paid by the applicant only (simulated in the demo); the deadline resumes the day after', async () => {
      at('2026-09-17T10:00:00+08:00');
      expect((await otherParent.post(`/parents/me/disclosure-requests/${id}/pay`)).status).toBe(404);
      const res = await parent.post(`/parents/me/disclosure-requests/${id}/pay`);
      expect(res.status).toBe(200);
      // The test clock runs on from where it was set: paid a moment after 10:00 Beijing time.
      expect(res.body).toMatchObject({ mode: 'simulated', paidAt: expect.stringMatching(/^2026-09-17T02:00:0\d\.\d{3}Z$/) });

      const view = await applicantView(parent, id);
      expect(view.status).toBe('processing');
      expect(view.fee).toMatchObject({ status: 'paid', paidAt: res.body.paidAt });
      // 8–17 September do not count (from the notice to the payment); 15 days left from the 18th: 20 September worked, 中秋 and 国庆 off, 10 October worked.
      expect(view.deadline).toMatchObject({ dueDate: '2026-10-14', paused: false, remainingWorkingDays: 15 });
      expect(view.actions).not.toContain('pay');
      expect(view.timeline.find((e) => e.action === 'fee_paid')?.text).toBe('已缴纳信息处理费 1,100.00 元（演示环境模拟支付）');

      const twice = await parent.post(`/parents/me/disclosure-requests/${id}/pay`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('PAYMENT_NOT_ALLOWED');
      expect((await handler.get(`/staff/disclosure/requests/${id}/fee-notice`)).text).toContain('本通知所列费用已缴纳。');
    });

    it('is refunded by the office head only, never beyond what is left', async () => {
      const refund = (client: ApiClient, amountFen: number) => client.post(`/staff/disclosure/requests/${id}/fee/refund`, { amountFen, reason: '按量计收页数有误' });
      expect((await refund(handler, 10_000)).status).toBe(403);
      const part = await refund(head, 10_000);
      expect(part.status).toBe(200);
      expect(part.body).toMatchObject({ status: 'partially_refunded', refundedFen: 10_000 });
      const tooMuch = await refund(head, 100_001);
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.message).toBe('退款金额不能超过可退金额 1,000.00 元');
      for (const body of [{ amountFen: 0, reason: 'x' }, { amountFen: 1.5, reason: 'x' }, { amountFen: 1 }, { amountFen: 1, reason: '退'.repeat(81) }]) {
        expect((await head.post(`/staff/disclosure/requests/${id}/fee/refund`, body)).status).toBe(400);
      }
      const rest = await refund(head, 100_000);
      expect(rest.body).toMatchObject({ status: 'refunded', refundedFen: 110_000 });
      const view = await applicantView(parent, id);
      expect(view.timeline.filter((e) => e.action === 'refund').map((e) => e.text)).toEqual(['已退还 100.00 元（按量计收页数有误）', '已退还 1,000.00 元（按量计收页数有误）']);
      expect((await refund(head, 1)).status).toBe(409);
    });
  });

  describe('按件 over the applicant’s calendar month, matched through the keyed hash of the ID number', () => {
    let first: number;
    let second: number;
    let lapsing: number;

    it('counts the same person’s earlier pieces that month, not another month’s or another person’s', async () => {
      at('2026-09-17T11:00:00+08:00');
      first = (await enteredByPost(handler, '2026-09-02', { idNumber: residentId(101) })).id;
      second = (await enteredByPost(handler, '2026-09-03', { idNumber: residentId(101), name: '李四' })).id;
      const august = (await enteredByPost(handler, '2026-08-31', { idNumber: residentId(101) })).id;
      lapsing = (await enteredByPost(handler, '2026-09-04', { idNumber: residentId(102) })).id;

      const a = await charge(handler, first, 'piece', 12);
      expect(a.body).toMatchObject({ priorPieces: 0, amountFen: 20_000 });
      const b = await charge(handler, second, 'piece', 5);
      // The first request's 12 pieces came before: these are the month's 13th–17th, at 100 元.
      expect(b.body).toMatchObject({ priorPieces: 12, amountFen: 50_000, bands: [{ from: 11, to: 30, unitFen: 10_000, count: 5, subtotalFen: 50_000 }] });
      expect((await charge(handler, august, 'piece', 11)).body).toMatchObject({ priorPieces: 0, amountFen: 10_000 });
      const free = await charge(handler, lapsing, 'piece', 10);
      expect(free.status).toBe(409);
      expect(free.body.message).toBe('按件计收：本月累计第 1–10 件，在免费范围（10 件以内），不收取信息处理费，无需发出收费通知');
      expect((await charge(handler, lapsing, 'piece', 11)).body).toMatchObject({ priorPieces: 0, amountFen: 10_000, payDueDate: '2026-10-21' });
      expect((await staffView(handler, second)).pieces).toBe(5);
    });

    it('is cancelled by the handler before payment, with a reason; the deadline runs again', async () => {
      const { version } = await staffView(handler, second);
      expect((await handler.post(`/staff/disclosure/requests/${second}/fee/cancel`, { version, reason: '' })).status).toBe(400);
      const res = await handler.post(`/staff/disclosure/requests/${second}/fee/cancel`, { version, reason: '同一事项已合并办理' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      const view = await staffView(handler, second);
      expect(view.status).toBe('processing');
      // Received 3 September; paused only on 17 September, the day the notice was issued and withdrawn (that day counts).
      expect(view.deadline).toMatchObject({ dueDate: '2026-10-08', paused: false });
      expect((await handler.post(`/staff/disclosure/requests/${second}/fee/cancel`, { version: view.version, reason: '再次撤销' })).status).toBe(409);
    });

    it('lapses after its last day: the request closes as 其他处理 / 逾期未缴费', async () => {
      at('2026-10-21T23:00:00+08:00');
      handler = await signIn('disclosure_handler'); // tokens live 30 days
      await server.tasks.run('disclosure-fees');
      expect((await staffView(handler, lapsing)).status).toBe('fee_pending');

      at('2026-10-22T09:00:00+08:00');
      await server.tasks.run('disclosure-fees');
      const view = await staffView(handler, lapsing);
      expect(view).toMatchObject({ status: 'closed', outcome: 'other_unpaid' });
      expect(view.fee).toMatchObject({ status: 'lapsed' });
      expect(view.timeline.at(-1)).toMatchObject({ action: 'fee_lapsed', text: '未在 2026年10月21日前缴纳信息处理费，视为放弃申请，本机关不再处理该申请' });
      expect((await handler.get(`/staff/disclosure/requests/${lapsing}/fee-notice`)).text).toContain('缴费期限已过，未缴纳费用，本申请视为放弃。');
      // The first request's notice (issued 17 September too) lapsed in the same round.
      expect((await staffView(handler, first)).status).toBe('closed');
    });
  });
});

/** The same fee paid for real: WeChat Pay v3 (JSAPI) against the fake, its notifications, a late one settled by query, a refund. */
describe('disclosure fees through WeChat Pay', () => {
  let pay: WechatPayFixture;
  let wechat: FakeWechat;
  let server: TestServer;
  let handler: ApiClient;
  let head: ApiClient;
  let parent: ApiClient;

  beforeAll(async () => {
    pay = await startFakeWechatPay();
    wechat = await new FakeWechat({ appid: pay.fake.appid }).start();
    server = await startTestServer({ ...wechat.env(), ...pay.env, PUBLIC_BASE_URL: 'https://gongkai.example.gov.cn', TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(START));
    pay.fake.notifyTo = `${server.baseUrl}/wechat/pay/notify`;
    pay.fake.now = () => server.clock.nowMs();
    const { admin, anonymous, unitCode } = await bootstrapAdmin(server);
    handler = await aStaff(admin, 'fee-handler', unitCode, ['disclosure_handler']);
    head = await aStaff(admin, 'fee-head', unitCode, ['disclosure_head']);
    parent = await aParent(anonymous, wechat, { openid: 'o-fee-payer' });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat?.stop();
    await pay?.stop();
  });

  const feeOf = async (id: number) => (await parent.get(`/parents/me/disclosure-requests/${id}`)).body as ApplicantDisclosureView;

  it('prepays for the applicant’s openid and settles on the notification; the head’s refund completes on its notification', async () => {
    const { id, trackingNo } = await submittedOnline(parent, { idNumber: residentId(201) });
    await confirmReceipt(handler, id);
    expect((await charge(handler, id, 'volume', 31)).body).toMatchObject({ amountFen: 1_000, payDueDate: '2026-09-29' });

    const started = await parent.post(`/parents/me/disclosure-requests/${id}/pay`);
    expect(started.status).toBe(200);
    expect(started.body.mode).toBe('wechat');
    const order = pay.fake.order(started.body.outTradeNo);
    expect(order).toMatchObject({ total: 1_000, openid: 'o-fee-payer', description: `信息处理费 ${trackingNo}`, trade_state: 'NOTPAY' });

    const sent = await pay.fake.pay(started.body.outTradeNo);
    expect(sent?.answers.at(-1)?.status).toBeGreaterThanOrEqual(200);
    expect(sent?.answers.at(-1)?.status).toBeLessThan(300);
    const paid = await feeOf(id);
    expect(paid.status).toBe('processing');
    expect(paid.fee).toMatchObject({ status: 'paid' });
    expect(paid.timeline.find((e) => e.action === 'fee_paid')?.text).toBe('已缴纳信息处理费 10.00 元');

    const refund = await head.post(`/staff/disclosure/requests/${id}/fee/refund`, { amountFen: 1_000, reason: '不应收费' });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ status: 'paid', refundedFen: 0 }); // WeChat has it; its notification completes it
    const [outRefundNo] = [...pay.fake.refunds.keys()];
    await pay.fake.finishRefund(outRefundNo!);
    expect((await feeOf(id)).fee).toMatchObject({ status: 'refunded', refundedFen: 1_000 });
  });

  it('does not lapse a fee paid on its last day whose notification never came: the lapse round asks WeChat Pay first', async () => {
    const { id } = await submittedOnline(parent, { idNumber: residentId(202) });
    await confirmReceipt(handler, id);
    expect((await charge(handler, id, 'volume', 31)).body).toMatchObject({ issuedDate: '2026-09-01', payDueDate: '2026-09-29' });

    server.clock.set(new Date('2026-09-29T20:00:00+08:00'));
    const started = await parent.post(`/parents/me/disclosure-requests/${id}/pay`);
    expect(await pay.fake.pay(started.body.outTradeNo, { drop: true })).toBeNull();

    server.clock.set(new Date('2026-09-30T09:00:00+08:00'));
    await server.tasks.run('disclosure-fees');
    const view = await feeOf(id);
    expect(view.status).toBe('processing');
    expect(view.fee).toMatchObject({ status: 'paid' });
    // Paused from the notice (1 September, the receipt day) to the payment (29 September): 20 working days from 30 September, 国庆 off, 10 October worked.
    expect(view.deadline).toMatchObject({ dueDate: '2026-11-02', paused: false });
  });
});
