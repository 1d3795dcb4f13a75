import { createPublicKey, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { FakeHttpServer, type FakeReply, type FakeRequest } from '../fake-http-server';
import { testKeyPair, type TestKeyPair } from '../../support/wechatpay-keys';
import { encryptResource, merchantSignatureValid, parseAuthorization, platformHeaders } from './platform-signing';

export interface FakeWechatPayOptions {
  mchid?: string;
  /** The mini-program AppID orders must name. */
  appid?: string;
  /** 32 characters. */
  apiV3Key?: string;
  /** How the platform signs: with a platform certificate (serial in Wechatpay-Serial) or the newer 微信支付公钥 (its id there). */
  mode?: 'certificate' | 'public-key';
}

export type FakeTradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface FakeOrder {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  total: number;
  openid: string;
  prepay_id: string;
  trade_state: FakeTradeState;
  transaction_id: string | null;
  success_time: string | null;
}

export interface FakeRefund {
  out_refund_no: string;
  out_trade_no: string;
  refund_id: string;
  notify_url: string;
  refund: number;
  total: number;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  success_time: string | null;
}

/** How a notification is delivered. WeChat retries until it gets 200/204 (here: once per `retryDelaysMs` entry). */
export interface Delivery {
  /** Wait before the first attempt. */
  delayMs?: number;
  /** Never sent (the server must ask for the order). */
  drop?: boolean;
  /** Sent this many more times after it was accepted (WeChat's duplicates). */
  duplicates?: number;
  /** Pauses between attempts while the answer is not 200/204 (default 4 retries, 20–160 ms). */
  retryDelaysMs?: number[];
}

/** Ways a notification is forged or spoiled (`forge`). */
export type Tamper = 'signature' | 'tag' | 'amount' | 'out_trade_no' | 'stale' | 'serial' | 'mchid' | 'appid';

/** A notification as it was sent, and every answer it got. */
export interface SentNotification {
  id: string;
  eventType: string;
  headers: Record<string, string>;
  body: string;
  answers: { status: number; body: string }[];
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * WeChat Pay API v3 as the server uses it, on a local port, with keys the test generates:
 * - every request's `Authorization` (WECHATPAY2-SHA256-RSA2048) is checked against the merchant
 *   certificate (mchid, serial_no, timestamp within 5 minutes, signature over the exact bytes):
 *   401 SIGN_ERROR otherwise (counted in `rejectedRequests`);
 * - `POST /v3/pay/transactions/jsapi`, `GET /v3/pay/transactions/out-trade-no/{no}?mchid=`,
 *   `POST /v3/pay/transactions/out-trade-no/{no}/close`, `POST /v3/refund/domestic/refunds`,
 *   `GET /v3/refund/domestic/refunds/{no}`, each answer signed by the platform (Wechatpay-*);
 * - scripts: `pay(no)` (the payer paid: notification follows, with `Delivery` options),
 *   `finishRefund(no)`, `forge(no, tamper)`, `replay(sent)`.
 * Notifications go to `notifyTo` when set (the test server's port is known only once it runs),
 * else to the order's notify_url. Times come from `now()` (set it to the server's clock).
 */
export class FakeWechatPay extends FakeHttpServer {
  readonly mchid: string;
  readonly appid: string;
  readonly apiV3Key: string;
  readonly mode: 'certificate' | 'public-key';
  readonly merchant: TestKeyPair;
  readonly platform: TestKeyPair;
  /** The 微信支付公钥's id in public-key mode. */
  readonly publicKeyId = `PUB_KEY_ID_0119${randomBytes(8).toString('hex').toUpperCase()}`;
  readonly orders = new Map<string, FakeOrder>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly notifications: SentNotification[] = [];
  rejectedRequests = 0;
  notifyTo: string | null = null;
  now: () => number = () => Date.now();
  private readonly merchantKey;

  constructor(options: FakeWechatPayOptions = {}) {
    super();
    this.mchid = options.mchid ?? '1900000109';
    this.appid = options.appid ?? 'wxfakepay00000001';
    this.apiV3Key = options.apiV3Key ?? 'fakeApiV3Key0123456789abcdefABCD';
    this.mode = options.mode ?? 'certificate';
    this.merchant = testKeyPair('1900000109_测试商户');
    this.platform = testKeyPair('Tenpay.com Root CA (test)');
    this.merchantKey = new X509Certificate(this.merchant.certPem).publicKey;
    this.route('POST', '/v3/pay/transactions/jsapi', (r) => this.authorized(r, () => this.jsapi(r)));
    this.route('POST', '/v3/refund/domestic/refunds', (r) => this.authorized(r, () => this.refund(r)));
  }

  /** What Wechatpay-Serial names: the platform certificate's serial, or the public key's id. */
  get platformSerial(): string {
    return this.mode === 'certificate' ? this.platform.serial : this.publicKeyId;
  }

  // --- scripts -------------------------------------------------------------------------------

  /** The payer paid `outTradeNo`: the order succeeds and its notification is delivered as `delivery` says. */
  async pay(outTradeNo: string, delivery: Delivery = {}): Promise<SentNotification | null> {
    const order = this.order(outTradeNo);
    if (order.trade_state !== 'NOTPAY') throw new Error(`fake order ${outTradeNo} is ${order.trade_state}`);
    order.trade_state = 'SUCCESS';
    order.transaction_id = `4200${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 28);
    order.success_time = rfc3339(this.now());
    if (delivery.drop) return null;
    return this.deliver(this.notification('TRANSACTION.SUCCESS', 'transaction', this.transaction(order)), order.notify_url, delivery);
  }

  /** WeChat finished a refund (SUCCESS, CLOSED or ABNORMAL): its notification follows. */
  async finishRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS', delivery: Delivery = {}): Promise<SentNotification | null> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no fake refund ${outRefundNo}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.success_time = rfc3339(this.now());
    if (status === 'SUCCESS') this.order(refund.out_trade_no).trade_state = 'REFUND';
    if (delivery.drop) return null;
    const resource = {
      mchid: this.mchid,
      out_trade_no: refund.out_trade_no,
      transaction_id: this.order(refund.out_trade_no).transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: status,
      ...(refund.success_time ? { success_time: refund.success_time } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    };
    return this.deliver(this.notification(`REFUND.${status}`, 'refund', resource), refund.notify_url, delivery);
  }

  /**
   * Sends one spoiled notification about `outTradeNo` as if it were paid (the fake's order does
   * not change) and returns it with the server's answer.
   */
  async forge(outTradeNo: string, tamper: Tamper): Promise<SentNotification> {
    const order = this.order(outTradeNo);
    const paid = { ...order, trade_state: 'SUCCESS' as const, transaction_id: order.transaction_id ?? '4200000000000000000000000001', success_time: rfc3339(this.now()) };
    const resource = this.transaction(paid);
    if (tamper === 'amount') resource.amount = { ...resource.amount, total: order.total + 1, payer_total: order.total + 1 };
    if (tamper === 'out_trade_no') resource.out_trade_no = `GK${Date.now()}NOSUCHORDER`.slice(0, 32);
    if (tamper === 'mchid') resource.mchid = '1900000999';
    if (tamper === 'appid') resource.appid = 'wxotherapp0000001';
    const n = this.notification('TRANSACTION.SUCCESS', 'transaction', resource, {
      spoilTag: tamper === 'tag',
      timestampSeconds: tamper === 'stale' ? Math.floor(this.now() / 1000) - 10 * 60 : undefined,
      serial: tamper === 'serial' ? 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' : undefined,
    });
    // Changed after signing: the signature no longer covers the body.
    if (tamper === 'signature') n.body = n.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    return this.deliver(n, order.notify_url, { retryDelaysMs: [] });
  }

  /** Sends a notification sent before once more, byte for byte (a replay). */
  async replay(sent: SentNotification): Promise<{ status: number; body: string }> {
    const copy: SentNotification = { ...sent, answers: [] };
    await this.deliver(copy, this.notifyTo ?? '', { retryDelaysMs: [] });
    return copy.answers[0]!;
  }

  // --- notifications -------------------------------------------------------------------------

  private notification(eventType: string, originalType: string, resource: object, spoil: { spoilTag?: boolean; timestampSeconds?: number; serial?: string } = {}): SentNotification {
    const encrypted = encryptResource(JSON.stringify(resource), this.apiV3Key, originalType);
    if (spoil.spoilTag) {
      const bytes = Buffer.from(encrypted.ciphertext, 'base64');
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
      encrypted.ciphertext = bytes.toString('base64');
    }
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      create_time: rfc3339(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
      resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ...encrypted },
    });
    const headers = platformHeaders(body, this.platform.privateKey, spoil.serial ?? this.platformSerial, spoil.timestampSeconds ?? Math.floor(this.now() / 1000));
    return { id, eventType, headers, body, answers: [] };
  }

  private async deliver(n: SentNotification, notifyUrl: string, delivery: Delivery): Promise<SentNotification> {
    this.notifications.push(n);
    if (delivery.delayMs) await new Promise((resolve) => setTimeout(resolve, delivery.delayMs));
    const url = this.notifyTo ?? notifyUrl;
    const send = async () => {
      const response = await fetch(url, { method: 'POST', headers: { ...n.headers, 'content-type': 'application/json' }, body: n.body }).catch(() => null);
      const answer = { status: response?.status ?? 0, body: response ? await response.text() : '' };
      n.answers.push(answer);
      return answer.status === 200 || answer.status === 204;
    };
    const retries = delivery.retryDelaysMs ?? [20, 40, 80, 160];
    let accepted = await send();
    for (let i = 0; !accepted && i < retries.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, retries[i]));
      accepted = await send();
    }
    for (let i = 0; accepted && i < (delivery.duplicates ?? 0); i++) await send();
    return n;
  }

  // --- endpoints -----------------------------------------------------------------------------

  /** Checks the merchant's request signature, then signs `answer`'s reply with the platform key. */
  private async authorized(r: FakeRequest, answer: () => FakeReply | Promise<FakeReply>): Promise<FakeReply> {
    const auth = parseAuthorization(typeof r.headers.authorization === 'string' ? r.headers.authorization : undefined);
    const query = new URLSearchParams(r.query).toString();
    const ok =
      auth &&
      auth.mchid === this.mchid &&
      auth.serial_no.toUpperCase() === this.merchant.serial &&
      Math.abs(Date.now() / 1000 - Number(auth.timestamp)) <= 300 &&
      merchantSignatureValid(auth, r.method, r.path + (query ? `?${query}` : ''), r.raw, this.merchantKey);
    if (!ok) {
      this.rejectedRequests++;
      return this.signed(401, { code: 'SIGN_ERROR', message: '签名错误' });
    }
    return answer();
  }

  private signed(status: number, body: object | null): FakeReply {
    const text = body === null ? '' : JSON.stringify(body);
    return { status, body: text, headers: { ...JSON_TYPE, ...platformHeaders(text, this.platform.privateKey, this.platformSerial, Math.floor(this.now() / 1000)) } };
  }

  private jsapi(r: FakeRequest): FakeReply {
    const b = r.body as { appid?: unknown; mchid?: unknown; description?: unknown; out_trade_no?: unknown; notify_url?: unknown; amount?: { total?: unknown; currency?: unknown }; payer?: { openid?: unknown } };
    if (b.appid !== this.appid || b.mchid !== this.mchid) return this.signed(400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
    const no = b.out_trade_no;
    if (typeof no !== 'string' || !/^[A-Za-z0-9_\-|*]{6,32}$/.test(no)) return this.signed(400, { code: 'PARAM_ERROR', message: 'out_trade_no 格式错误' });
    if (typeof b.description !== 'string' || !b.description || Buffer.byteLength(b.description) > 127) return this.signed(400, { code: 'PARAM_ERROR', message: 'description 格式错误' });
    if (typeof b.notify_url !== 'string' || !b.notify_url.startsWith('http')) return this.signed(400, { code: 'PARAM_ERROR', message: 'notify_url 格式错误' });
    const total = b.amount?.total;
    if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0 || b.amount?.currency !== 'CNY') return this.signed(400, { code: 'PARAM_ERROR', message: 'amount 格式错误' });
    if (typeof b.payer?.openid !== 'string' || !b.payer.openid) return this.signed(400, { code: 'PARAM_ERROR', message: '缺少 openid' });
    const existing = this.orders.get(no);
    if (existing) return existing.total === total ? this.signed(200, { prepay_id: existing.prepay_id }) : this.signed(400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' });
    const order: FakeOrder = { appid: b.appid, mchid: b.mchid, description: b.description, out_trade_no: no, notify_url: b.notify_url, total, openid: b.payer.openid, prepay_id: `wx${Date.now()}${randomBytes(8).toString('hex')}`, trade_state: 'NOTPAY', transaction_id: null, success_time: null };
    this.orders.set(no, order);
    const base = `/v3/pay/transactions/out-trade-no/${no}`;
    this.route('GET', base, (q) => this.authorized(q, () => (q.query.mchid === this.mchid ? this.signed(200, this.transaction(order)) : this.signed(400, { code: 'PARAM_ERROR', message: 'mchid 错误' }))));
    this.route('POST', `${base}/close`, (q) =>
      this.authorized(q, () => {
        if (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND') return this.signed(400, { code: 'ORDERPAID', message: '订单已支付' });
        order.trade_state = 'CLOSED';
        return this.signed(204, null);
      }),
    );
    return this.signed(200, { prepay_id: order.prepay_id });
  }

  private refund(r: FakeRequest): FakeReply {
    const b = r.body as { out_trade_no?: unknown; out_refund_no?: unknown; notify_url?: unknown; amount?: { refund?: unknown; total?: unknown } };
    const order = typeof b.out_trade_no === 'string' ? this.orders.get(b.out_trade_no) : undefined;
    if (!order) return this.signed(404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
    if (order.trade_state !== 'SUCCESS' && order.trade_state !== 'REFUND') return this.signed(403, { code: 'NOT_ENOUGH', message: '订单未支付' });
    const no = b.out_refund_no;
    if (typeof no !== 'string' || !/^[A-Za-z0-9_\-|*@]{1,64}$/.test(no)) return this.signed(400, { code: 'PARAM_ERROR', message: 'out_refund_no 格式错误' });
    const existing = this.refunds.get(no);
    if (existing) return this.signed(200, this.refundView(existing, order));
    const amount = b.amount?.refund;
    const refunded = [...this.refunds.values()].filter((x) => x.out_trade_no === order.out_trade_no && x.status !== 'CLOSED').reduce((s, x) => s + x.refund, 0);
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0 || b.amount?.total !== order.total) return this.signed(400, { code: 'PARAM_ERROR', message: 'amount 错误' });
    if (refunded + amount > order.total) return this.signed(403, { code: 'NOT_ENOUGH', message: '退款金额超过可退金额' });
    const refund: FakeRefund = { out_refund_no: no, out_trade_no: order.out_trade_no, refund_id: `5030${Date.now()}${randomBytes(4).toString('hex')}`.slice(0, 29), notify_url: typeof b.notify_url === 'string' ? b.notify_url : order.notify_url, refund: amount, total: order.total, status: 'PROCESSING', success_time: null };
    this.refunds.set(no, refund);
    this.route('GET', `/v3/refund/domestic/refunds/${no}`, (q) => this.authorized(q, () => this.signed(200, this.refundView(refund, order))));
    return this.signed(200, this.refundView(refund, order));
  }

  private transaction(order: FakeOrder) {
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.out_trade_no,
      ...(order.transaction_id ? { transaction_id: order.transaction_id } : {}),
      trade_type: 'JSAPI',
      trade_state: order.trade_state,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[order.trade_state],
      ...(order.success_time ? { success_time: order.success_time, bank_type: 'OTHERS' } : {}),
      payer: { openid: order.openid },
      amount: { total: order.total, currency: 'CNY', ...(order.trade_state === 'NOTPAY' ? {} : { payer_total: order.total, payer_currency: 'CNY' }) },
    };
  }

  private refundView(refund: FakeRefund, order: FakeOrder) {
    return {
      refund_id: refund.refund_id,
      out_refund_no: refund.out_refund_no,
      transaction_id: order.transaction_id,
      out_trade_no: order.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: rfc3339(this.now()),
      ...(refund.success_time ? { success_time: refund.success_time } : {}),
      status: refund.status,
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund, currency: 'CNY' },
    };
  }

  order(outTradeNo: string): FakeOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`no fake order ${outTradeNo}`);
    return order;
  }

  /** The public key the platform signs with, PEM (for 微信支付公钥 mode). */
  get platformPublicKeyPem(): string {
    return createPublicKey(this.platform.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** `2026-12-06T10:34:56+08:00`. */
function rfc3339(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
