import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { Agent, request as send } from 'undici';
import Pay from 'wechatpay-node-v3';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import type { PayConfig } from '../config/app-config';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiError } from '../common/errors/api-error';
import { PlatformKeys, platformSignatureValid, signatureHeaders } from './wechatpay-crypto';

/** The library's fixed base URL, replaced by WECHATPAY_API_BASE on every call. */
const LIBRARY_BASE = 'https://api.mch.weixin.qq.com';

/** A WeChat Pay answer we trust: its status and (for 2xx) the parsed body whose platform signature held. */
export interface PayAnswer {
  status: number;
  data?: Record<string, unknown>;
  /** WeChat's error code (`ORDER_NOT_EXIST`, …) or what went wrong on the way. */
  error?: string;
}

export const paymentUnavailable = () => new ApiError(503, 'PAYMENT_UNAVAILABLE', '微信支付暂时无法使用，请稍后重试');

/**
 * The library's HTTP layer (`pay.createHttp`): undici on a pool of our own with the configured
 * timeout, to WECHATPAY_API_BASE; the body sent is `JSON.stringify` of the parameters, the very
 * text the library signed. A 2xx answer is trusted only when its platform signature verifies
 * (the library checks none): a query answer settles orders. Failures come back as the library's
 * `{status, error}`, never thrown; status 0 is no answer at all.
 */
class PayHttp implements IPayRequest {
  private readonly logger = new Logger('WechatPay');

  constructor(
    private readonly config: PayConfig,
    private readonly agent: Agent,
    private readonly keys: PlatformKeys,
  ) {}

  post(url: string, params: Record<string, unknown>, headers: Record<string, unknown>): Promise<Output> {
    return this.call('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, unknown>): Promise<Output> {
    return this.call('GET', url, headers);
  }

  upload(): Promise<Output> {
    return Promise.resolve({ status: 0, error: 'uploads are not used' });
  }

  private async call(method: 'GET' | 'POST', url: string, headers: Record<string, unknown>, body?: string): Promise<Output> {
    if (!url.startsWith(LIBRARY_BASE)) return { status: 0, error: 'unexpected URL' };
    const path = url.slice(LIBRARY_BASE.length);
    const sent: Record<string, string> = {};
    // No gzip: undici does not inflate, and the signature is over the plain body.
    for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'accept-encoding') sent[name] = String(value);
    const endpoint = path.split('?')[0]!.replace(/\/(out-trade-no|refunds)\/[^/]+/, '/$1/…');
    try {
      const response = await send(this.config.apiBase + path, { method, dispatcher: this.agent, headers: sent, body });
      const raw = Buffer.from(await response.body.arrayBuffer());
      const status = response.statusCode;
      if (status < 200 || status > 299) {
        const code = errorCode(raw);
        this.logger.warn(`${method} ${endpoint}: status ${status} ${code}`);
        return { status, error: code };
      }
      const h = signatureHeaders(response.headers as Record<string, string | string[] | undefined>);
      const key = h && this.keys.find(h.serial);
      if (!h || !key || !platformSignatureValid(h, raw, key)) {
        this.logger.warn(`${method} ${endpoint}: the answer's platform signature does not verify`);
        return { status: 0, error: 'bad signature' };
      }
      if (!raw.length) return { status, data: {} };
      const data: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return { status: 0, error: 'not a JSON object' };
      return { status, data };
    } catch (error) {
      const e = error as { code?: string; name?: string } | null;
      this.logger.warn(`${method} ${endpoint}: ${e?.code ?? e?.name ?? 'failed'}`);
      return { status: 0, error: e?.code ?? 'network' };
    }
  }
}

function errorCode(raw: Buffer): string {
  try {
    const code = (JSON.parse(raw.toString('utf8')) as { code?: unknown }).code;
    return typeof code === 'string' ? code.slice(0, 40) : 'error';
  } catch {
    return 'error';
  }
}

/**
 * WeChat Pay v3 through wechatpay-node-v3 (it builds the merchant's Authorization signatures),
 * with our HTTP layer. Methods answer `PayAnswer`s; `jsapi` and `refund` throw 503
 * PAYMENT_UNAVAILABLE when WeChat Pay does not take the request. Null config: payments off.
 */
@Injectable()
export class WechatPayClient implements OnApplicationShutdown {
  readonly config: PayConfig | null;
  readonly keys: PlatformKeys | null;
  readonly privateKey: KeyObject | null;
  private readonly pay: Pay | null;
  private readonly agent: Agent | null;

  constructor(@Inject(APP_CONFIG) app: AppConfig) {
    this.config = app.pay;
    const config = app.pay;
    if (!config) {
      this.keys = null;
      this.privateKey = null;
      this.pay = null;
      this.agent = null;
      return;
    }
    this.keys = new PlatformKeys(config);
    this.privateKey = createPrivateKey(config.privateKey);
    const timeout = config.timeoutMs;
    this.agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout });
    // The library wants the merchant certificate only to read its serial, which we give it; without the certificate its public key stands in.
    const publicKey = Buffer.from(config.merchantCert ?? createPublicKey(config.privateKey).export({ type: 'spki', format: 'pem' }).toString());
    this.pay = new Pay({ appid: config.appId, mchid: config.mchId, serial_no: config.serialNo, publicKey, privateKey: Buffer.from(config.privateKey), key: config.apiV3Key });
    this.pay.createHttp(new PayHttp(config, this.agent, this.keys));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent?.close();
  }

  private get lib(): Pay {
    if (!this.pay) throw new ApiError(503, 'PAYMENT_NOT_CONFIGURED', '本单位尚未开通微信支付');
    return this.pay;
  }

  /** JSAPI 下单: the prepay id for the payer. */
  async jsapi(order: { outTradeNo: string; description: string; amountFen: number; openid: string; timeExpire: Date }): Promise<string> {
    const result = await this.lib.transactions_jsapi({
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: rfc3339Shanghai(order.timeExpire),
      notify_url: this.config!.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
      payer: { openid: order.openid },
    } as Parameters<Pay['transactions_jsapi']>[0]);
    // The library replaces a successful answer with its own signed parameters; the prepay id is in `package`.
    const pkg = (result.data as { package?: unknown } | undefined)?.package;
    if (result.status !== 200 || typeof pkg !== 'string' || !pkg.startsWith('prepay_id=')) throw paymentUnavailable();
    return pkg.slice('prepay_id='.length);
  }

  /** WeChat Pay's 查询订单 (GET /v3/pay/transactions/out-trade-no/{no}): an HTTP call to WeChat, not a database query. */
  async fetchTransaction(outTradeNo: string): Promise<PayAnswer> {
    return this.answer(await this.lib.query({ out_trade_no: outTradeNo }));
  }

  /** 关闭订单: true when WeChat closed it (204) or it was closed already. */
  async close(outTradeNo: string): Promise<boolean> {
    const answer = this.answer(await this.lib.close(outTradeNo));
    return answer.status === 204 || answer.status === 200 || answer.error === 'ORDER_CLOSED';
  }

  async refund(r: { outTradeNo: string; outRefundNo: string; reason: string; refundFen: number; totalFen: number }): Promise<PayAnswer> {
    return this.answer(
      await this.lib.refunds({
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        reason: r.reason,
        notify_url: this.config!.notifyUrl,
        amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
      } as Parameters<Pay['refunds']>[0]),
    );
  }

  async findRefund(outRefundNo: string): Promise<PayAnswer> {
    return this.answer(await this.lib.find_refunds(outRefundNo));
  }

  private answer(result: Output): PayAnswer {
    const data = result.data as Record<string, unknown> | undefined;
    return { status: result.status, ...(data ? { data } : {}), ...(result.error !== undefined ? { error: String(result.error) } : {}) };
  }
}

/** `2026-12-06T10:34:56+08:00`: WeChat's time_expire, in Beijing time whatever the server's zone. */
export function rfc3339Shanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
