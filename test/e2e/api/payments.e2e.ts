import { createVerify } from 'node:crypto';
import type { PayStart } from '@gongkai/shared';
import { PaymentNotification } from '../../../server/src/payments/entities/payment-notification.entity';
import { PaymentOrder } from '../../../server/src/payments/entities/payment-order.entity';
import { PaymentRefund } from '../../../server/src/payments/entities/payment-refund.entity';
import { PaymentsService, type PaymentPurposeHooks } from '../../../server/src/payments/payments.service';
import type { FakeWechatPay, Tamper } from '../../fakes/wechatpay/fake-wechatpay';
import { freshDatabase, startServer, startTestServer, type TestDatabase, type TestServer } from '../../support/test-server';
import { startFakeWechatPay, type WechatPayFixture } from '../../support/wechatpay';

const PURPOSE = 'test_fee';
const PAYER = 'o-payer-0001';
const NOTIFY = '/wechat/pay/notify';

/** A purpose whose hooks count their calls; `failNext` makes the next onPaid throw (the transaction rolls back). */
function countingHooks() {
  const calls = { paid: [] as string[], refunded: [] as string[], failNext: false };
  const hooks: PaymentPurposeHooks = {
    onPaid: async (_m, order) => {
      if (calls.failNext) {
        calls.failNext = false;
        throw new Error('the feature could not record it');
      }
      calls.paid.push(order.outTradeNo);
    },
    onRefunded: async (_m, _order, refund) => {
      calls.refunded.push(refund.outRefundNo);
    },
  };
  return { calls, hooks };
}

async function booted(mode: 'certificate' | 'public-key'): Promise<{ pay: WechatPayFixture; server: TestServer; payments: PaymentsService; calls: ReturnType<typeof countingHooks>['calls'] }> {
  const pay = await startFakeWechatPay({ mode });
  const server = await startTestServer({ ...pay.env, PUBLIC_BASE_URL: 'https://gongkai.example.gov.cn' });
  pay.fake.notifyTo = server.baseUrl + NOTIFY;
  pay.fake.now = () => server.clock.nowMs();
  const payments = server.app.get(PaymentsService);
  const { calls, hooks } = countingHooks();
  payments.registerPurpose(PURPOSE, hooks);
  return { pay, server, payments, calls };
}

function wechatParams(start: PayStart) {
  if (start.mode !== 'wechat') throw new Error(`expected a WeChat Pay start, got ${start.mode}`);
  return start;
}

describe('WeChat Pay (platform certificate mode)', () => {
  let pay: WechatPayFixture;
  let fake: FakeWechatPay;
  let server: TestServer;
  let payments: PaymentsService;
  let calls: ReturnType<typeof countingHooks>['calls'];
  let nextId = 1;

  beforeAll(async () => {
    ({ pay, server, payments, calls } = await booted('certificate'));
    fake = pay.fake;
  });
  afterAll(async () => {
    await server?.destroy();
    await pay?.stop();
  });

  const order = (no: string) => server.dataSource.getRepository(PaymentOrder).findOneByOrFail({ outTradeNo: no });
  const notificationRows = () => server.dataSource.getRepository(PaymentNotification).find();
  const start = async (amountFen = 2000, purposeId = nextId++) => wechatParams(await payments.start({ purpose: PURPOSE, purposeId, description: '信息处理费 YS20261206001', amountFen }, PAYER));

  it('prepays a JSAPI order signed as the merchant, and signs the parameters for Taro.requestPayment', async () => {
    const started = await start(2000, 100);
    expect(started.outTradeNo).toMatch(/^GK\d{14}[A-Z2-9]{8}$/);
    const o = fake.order(started.outTradeNo);
    expect(o).toMatchObject({ total: 2000, openid: PAYER, appid: fake.appid, mchid: '1900000109', notify_url: 'https://gongkai.example.gov.cn/wechat/pay/notify', description: '信息处理费 YS20261206001' });
    expect(fake.rejectedRequests).toBe(0);
    const p = started.params;
    expect(p).toMatchObject({ appId: fake.appid, package: `prepay_id=${o.prepay_id}`, signType: 'RSA' });
    expect(Math.abs(Number(p.timeStamp) - server.clock.nowSeconds())).toBeLessThan(5);
    const signed = createVerify('RSA-SHA256').update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`).verify(fake.merchant.publicKeyPem, p.paySign, 'base64');
    expect(signed).toBe(true);

    // Asked again for the same amount: the open order is reused (no second prepay).
    const again = await payments.start({ purpose: PURPOSE, purposeId: 100, description: '信息处理费 YS20261206001', amountFen: 2000 }, PAYER);
    expect(again.outTradeNo).toBe(started.outTradeNo);
    expect(fake.calls('/v3/pay/transactions/jsapi')).toHaveLength(1);
    // Another amount: the old order is closed at WeChat and here, a new one made.
    const other = wechatParams(await payments.start({ purpose: PURPOSE, purposeId: 100, description: '信息处理费 YS20261206001', amountFen: 3000 }, PAYER));
    expect(other.outTradeNo).not.toBe(started.outTradeNo);
    expect(fake.order(started.outTradeNo).trade_state).toBe('CLOSED');
    expect((await order(started.outTradeNo)).status).toBe('closed');
    expect((await payments.latestFor(PURPOSE, 100))?.outTradeNo).toBe(other.outTradeNo);
  });

  it('refuses tampered notifications and records nothing', async () => {
    const { outTradeNo } = await start(2000);
    const expected: [Tamper, number][] = [
      ['signature', 401],
      ['stale', 401],
      ['serial', 401],
      ['tag', 400],
      ['amount', 400],
      ['out_trade_no', 400],
      ['mchid', 400],
      ['appid', 400],
    ];
    for (const [tamper, status] of expected) {
      const sent = await fake.forge(outTradeNo, tamper);
      expect([tamper, sent.answers[0]?.status]).toEqual([tamper, status]);
      expect(JSON.parse(sent.answers[0]!.body)).toMatchObject({ code: 'FAIL' });
    }
    expect((await order(outTradeNo)).status).toBe('created');
    expect(await notificationRows()).toEqual([]);
    expect(calls.paid).toEqual([]);
  });

  it('refuses a notification without its headers, and one over 64 KB, in WeChat’s failure shape', async () => {
    const bare = await fetch(server.baseUrl + NOTIFY, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x"}' });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ code: 'FAIL', message: '签名验证失败' });
    const big = await fetch(server.baseUrl + NOTIFY, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ code: 'FAIL', message: '请求体过大' });
  });

  it('records a notification sent three times once, and a replay within the window is answered without redoing it', async () => {
    const { outTradeNo } = await start(2000);
    const before = calls.paid.length;
    const sent = (await fake.pay(outTradeNo, { duplicates: 2 }))!;
    expect(sent.answers.map((a) => a.status)).toEqual([204, 204, 204]);
    const paid = await order(outTradeNo);
    expect(paid).toMatchObject({ status: 'paid', transactionId: fake.order(outTradeNo).transaction_id });
    expect(calls.paid.slice(before)).toEqual([outTradeNo]);
    expect((await notificationRows()).filter((n) => n.outTradeNo === outTradeNo).map((n) => [n.notificationId, n.eventType, n.outcome])).toEqual([[sent.id, 'TRANSACTION.SUCCESS', 'paid']]);

    expect((await fake.replay(sent)).status).toBe(204);
    expect(calls.paid.slice(before)).toEqual([outTradeNo]);
    // The same bytes ten minutes later: the timestamp is stale.
    server.clock.advance(10 * 60_000);
    expect((await fake.replay(sent)).status).toBe(401);
    expect(calls.paid.slice(before)).toEqual([outTradeNo]);
    // Paid: a second start is refused.
    const again = payments.start({ purpose: PURPOSE, purposeId: (await order(outTradeNo)).purposeId, description: '信息处理费', amountFen: 2000 }, PAYER);
    await expect(again).rejects.toMatchObject({ code: 'PAYMENT_NOT_ALLOWED' });
  });

  it('answers 500 when the purpose cannot record the payment, so WeChat retries; the retry settles it once', async () => {
    const { outTradeNo } = await start(1500);
    const before = calls.paid.length;
    calls.failNext = true;
    const sent = (await fake.pay(outTradeNo))!;
    expect(sent.answers.map((a) => a.status)).toEqual([500, 204]);
    expect(calls.paid.slice(before)).toEqual([outTradeNo]);
    expect((await order(outTradeNo)).status).toBe('paid');
    expect((await notificationRows()).filter((n) => n.outTradeNo === outTradeNo)).toHaveLength(1);
  });

  it('settles a payment whose notification never arrives by asking WeChat Pay, after five minutes', async () => {
    const { outTradeNo } = await start(800);
    await fake.pay(outTradeNo, { drop: true });
    const query = `/v3/pay/transactions/out-trade-no/${outTradeNo}`;
    await server.tasks.run('payments-settle');
    expect(fake.calls(query)).toHaveLength(0);
    expect((await order(outTradeNo)).status).toBe('created');

    server.clock.advance(6 * 60_000);
    const before = calls.paid.length;
    await server.tasks.run('payments-settle');
    expect(fake.calls(query)).toHaveLength(1);
    expect(fake.calls(query)[0]!.query).toEqual({ mchid: '1900000109' });
    expect(await order(outTradeNo)).toMatchObject({ status: 'paid', transactionId: fake.order(outTradeNo).transaction_id });
    expect(calls.paid.slice(before)).toEqual([outTradeNo]);
    expect((await notificationRows()).filter((n) => n.outTradeNo === outTradeNo)).toEqual([]);
    expect(fake.rejectedRequests).toBe(0);
  });

  it('settles by query on demand (settleByQuery)', async () => {
    const { outTradeNo } = await start(900);
    expect((await payments.settleByQuery(outTradeNo)).status).toBe('created');
    await fake.pay(outTradeNo, { drop: true });
    expect((await payments.settleByQuery(outTradeNo)).status).toBe('paid');
  });

  it('closes an order whose prepay id expired (two hours) at WeChat and here', async () => {
    const { outTradeNo } = await start(700);
    server.clock.advance(2 * 3600_000 + 60_000);
    await server.tasks.run('payments-settle');
    expect(fake.order(outTradeNo).trade_state).toBe('CLOSED');
    expect((await order(outTradeNo)).status).toBe('closed');
  });

  it('refunds part of a paid order, completed by its notification, then the rest, completed by a query', async () => {
    const { outTradeNo } = await start(2000);
    await fake.pay(outTradeNo);
    const paid = await order(outTradeNo);

    const first = await payments.refund(paid.id, 500, '多收费用', 1);
    expect(first).toMatchObject({ status: 'processing', amountFen: 500, reason: '多收费用', requestedById: 1 });
    expect(fake.refunds.get(first.outRefundNo)).toMatchObject({ refund: 500, total: 2000, status: 'PROCESSING' });
    await expect(payments.refund(paid.id, 1501, '多收费用', 1)).rejects.toMatchObject({ code: 'PAYMENT_NOT_ALLOWED' });
    await expect(payments.refund(paid.id, 0, '多收费用', 1)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const sent = (await fake.finishRefund(first.outRefundNo, 'SUCCESS', { duplicates: 1 }))!;
    expect(sent.answers.map((a) => a.status)).toEqual([204, 204]);
    const refunds = server.dataSource.getRepository(PaymentRefund);
    expect(await refunds.findOneByOrFail({ id: first.id })).toMatchObject({ status: 'success', refundId: fake.refunds.get(first.outRefundNo)!.refund_id });
    expect(await order(outTradeNo)).toMatchObject({ status: 'partially_refunded', refundedFen: 500 });
    expect(calls.refunded).toEqual([first.outRefundNo]);

    const rest = await payments.refund(paid.id, 1500, '费用全部退还', 1);
    await fake.finishRefund(rest.outRefundNo, 'SUCCESS', { drop: true });
    server.clock.advance(6 * 60_000);
    await server.tasks.run('payments-settle');
    expect(await refunds.findOneByOrFail({ id: rest.id })).toMatchObject({ status: 'success' });
    expect(await order(outTradeNo)).toMatchObject({ status: 'refunded', refundedFen: 2000 });
    expect(calls.refunded).toEqual([first.outRefundNo, rest.outRefundNo]);
    await expect(payments.refund(paid.id, 1, '多收费用', 1)).rejects.toMatchObject({ code: 'PAYMENT_NOT_ALLOWED' });
  });

  it('answers 503 PAYMENT_UNAVAILABLE when WeChat Pay does not answer', async () => {
    fake.fault('/v3/pay/transactions/jsapi', { status: 500, body: { code: 'SYSTEM_ERROR', message: '系统错误' } });
    await expect(start(2000)).rejects.toMatchObject({ code: 'PAYMENT_UNAVAILABLE', status: 503 });
  });
});

describe('WeChat Pay (微信支付公钥 mode)', () => {
  let pay: WechatPayFixture;
  let server: TestServer;
  let payments: PaymentsService;
  let calls: ReturnType<typeof countingHooks>['calls'];

  beforeAll(async () => {
    ({ pay, server, payments, calls } = await booted('public-key'));
  });
  afterAll(async () => {
    await server?.destroy();
    await pay?.stop();
  });

  it('verifies notifications and answers with the public key named by its id', async () => {
    const started = wechatParams(await payments.start({ purpose: PURPOSE, purposeId: 1, description: '信息处理费', amountFen: 1000 }, PAYER));
    expect((await pay.fake.forge(started.outTradeNo, 'serial')).answers[0]?.status).toBe(401);
    expect((await pay.fake.forge(started.outTradeNo, 'signature')).answers[0]?.status).toBe(401);
    const sent = (await pay.fake.pay(started.outTradeNo))!;
    expect(sent.headers['wechatpay-serial']).toBe(pay.fake.publicKeyId);
    expect(sent.answers.map((a) => a.status)).toEqual([204]);
    expect(calls.paid).toEqual([started.outTradeNo]);
    // The query's answer is signed with the same key.
    const late = wechatParams(await payments.start({ purpose: PURPOSE, purposeId: 2, description: '信息处理费', amountFen: 1000 }, PAYER));
    await pay.fake.pay(late.outTradeNo, { drop: true });
    expect((await payments.settleByQuery(late.outTradeNo)).status).toBe('paid');
  });
});

describe('payments without WeChat Pay', () => {
  let db: TestDatabase;
  let server: TestServer | null = null;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  it('refuses to take money with the demo off (503 PAYMENT_NOT_CONFIGURED); the embedded demo settles a labelled simulated payment at once', async () => {
    server = await startServer(db, { DEMO_DATA: 'false' });
    let payments = server.app.get(PaymentsService);
    let { calls, hooks } = countingHooks();
    payments.registerPurpose(PURPOSE, hooks);
    expect(payments.available).toBe(false);
    await expect(payments.start({ purpose: PURPOSE, purposeId: 1, description: '信息处理费', amountFen: 1000 }, null)).rejects.toMatchObject({ code: 'PAYMENT_NOT_CONFIGURED', status: 503 });
    expect(server.tasks.names()).not.toContain('payments-settle');
    await server.stop();

    server = await startServer(db, { DEMO_DATA: 'true' });
    payments = server.app.get(PaymentsService);
    ({ calls, hooks } = countingHooks());
    payments.registerPurpose(PURPOSE, hooks);
    expect(payments.available).toBe(true);
    const started = await payments.start({ purpose: PURPOSE, purposeId: 1, description: '信息处理费', amountFen: 1000 }, null);
    if (started.mode !== 'simulated') throw new Error('expected a simulated payment');
    expect(Math.abs(Date.parse(started.paidAt) - server.clock.nowMs())).toBeLessThan(5000);
    expect(started.outTradeNo).toMatch(/^SIM\d{14}[A-Z2-9]{8}$/);
    expect(calls.paid).toEqual([started.outTradeNo]);
    expect(await server.dataSource.getRepository(PaymentOrder).findOneByOrFail({ outTradeNo: started.outTradeNo })).toMatchObject({ simulated: true, status: 'paid', amountFen: 1000, payerOpenid: null });
    await expect(payments.start({ purpose: PURPOSE, purposeId: 1, description: '信息处理费', amountFen: 1000 }, null)).rejects.toMatchObject({ code: 'PAYMENT_NOT_ALLOWED', status: 409 });
    // Its refund is simulated too, done at once.
    const order = (await payments.latestFor(PURPOSE, 1))!;
    expect(await payments.refund(order.id, 1000, '多收费用', 1)).toMatchObject({ status: 'success' });
    expect(calls.refunded).toHaveLength(1);
  });
});
