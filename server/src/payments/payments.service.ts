import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PayStart } from '@gongkai/shared';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import { isDuplicateKey } from '../database/db';
import type { PaymentOrder } from './entities/payment-order.entity';
import type { PaymentRefund, PaymentRefundStatus } from './entities/payment-refund.entity';
import { PAID_STATUSES, PaymentsRepository } from './payments.repository';
import { paymentUnavailable, WechatPayClient, type PayAnswer } from './wechatpay-client';
import { NotificationRefused, jsapiPayParams, type VerifiedNotification } from './wechatpay-crypto';

/**
 * How a feature learns what became of its orders: called inside the transaction that records the
 * payment or refund (a notification, a query, a simulated payment), so the feature's own state and
 * the payment are durable together before WeChat is answered. Throwing rolls both back (WeChat
 * retries).
 */
export interface PaymentPurposeHooks {
  onPaid(m: EntityManager, order: PaymentOrder): Promise<void>;
  onRefunded?(m: EntityManager, order: PaymentOrder, refund: PaymentRefund): Promise<void>;
}

export interface NewOrder {
  /** e.g. `disclosure_fee`: the hooks registered under it settle the order. */
  purpose: string;
  purposeId: number;
  /** The goods description WeChat shows, e.g. 信息处理费 YS20261206001. */
  description: string;
  amountFen: number;
  /** The last moment the purpose may be paid (a fee's last day): the order expires then if that is sooner than the prepay's life. */
  payBy?: Date;
}

/** A prepay id is valid for 2 hours; the order expires with it (time_expire), and is closed after. */
export const PREPAY_LIFE_MS = 2 * 3600_000;
/** An open order is reused for a new attempt only while its prepay id has this long left. */
const REUSE_MARGIN_MS = 10 * 60_000;
/** A payment without its notification after this long is asked about (WeChat usually notifies within seconds). */
export const LATE_NOTIFICATION_MS = 5 * 60_000;
const SETTLE_BATCH = 50;
const SETTLE_EVERY_MS = 60_000;

/** WeChat's refund states, ours in lower case; anything else is still processing. */
const REFUND_STATES: Record<string, PaymentRefundStatus> = { SUCCESS: 'success', CLOSED: 'closed', ABNORMAL: 'abnormal' };

/**
 * WeChat Pay v3 (JSAPI) for the features: orders, their settlement by notification or query,
 * refunds; and, in the embedded demo only, a labelled simulated payment. Features register their
 * purpose's hooks at start.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('Payments');
  private readonly purposes = new Map<string, PaymentPurposeHooks>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: PaymentsRepository,
    private readonly wechat: WechatPayClient,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
  ) {
    // Late notifications are looked for, and expired orders closed, by every instance: each step is a conditional update.
    if (config.pay) tasks.register('payments-settle', { everyMs: SETTLE_EVERY_MS, jitter: 0.5 }, () => this.settleRound());
  }

  registerPurpose(purpose: string, hooks: PaymentPurposeHooks): void {
    if (this.purposes.has(purpose)) throw new Error(`payment purpose ${purpose} registered twice`);
    this.purposes.set(purpose, hooks);
  }

  /** Whether payments can be taken here: WeChat Pay configured, or the embedded demo's simulation. */
  get available(): boolean {
    return this.config.pay !== null || this.config.demo.enabled;
  }

  /**
   * Starts paying for `order`: with WeChat Pay configured, a JSAPI prepay for the payer's openid
   * (reusing the purpose's open order for the same amount); in the embedded demo without it, a
   * simulated payment settled at once (through the hooks). 503 PAYMENT_UNAVAILABLE when WeChat Pay
   * fails; 409 PAYMENT_NOT_ALLOWED when already paid.
   */
  async start(order: NewOrder, payerOpenid: string | null): Promise<PayStart> {
    this.hooks(order.purpose);
    if (!Number.isSafeInteger(order.amountFen) || order.amountFen <= 0) throw new Error(`amount must be a positive whole number of 分, got ${order.amountFen}`);
    if ((await this.orders.ordersFor(order.purpose, order.purposeId, PAID_STATUSES)).length) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '该费用已经缴纳，无需重复支付');
    if (!this.config.pay) {
      if (!this.config.demo.enabled) throw new ApiError(503, 'PAYMENT_NOT_CONFIGURED', '本单位尚未开通微信支付');
      return this.simulate(order);
    }
    if (!payerOpenid) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '请在微信小程序中登录后支付');
    const now = this.clock.now();
    const open = await this.orders.ordersFor(order.purpose, order.purposeId, ['created']);
    for (const o of open) {
      const reusable = !o.simulated && o.prepayId && o.amountFen === order.amountFen && o.payerOpenid === payerOpenid && o.createdAt.getTime() + PREPAY_LIFE_MS - REUSE_MARGIN_MS > now.getTime();
      if (reusable) return { mode: 'wechat', outTradeNo: o.outTradeNo, params: jsapiPayParams(this.config.pay.appId, o.prepayId!, this.clock.nowSeconds(), this.wechat.privateKey!) };
      // Another amount or payer: the old order must not be payable any more (it may have been paid meanwhile: then settle it).
      await this.closeOrSettle(o);
    }
    if ((await this.orders.ordersFor(order.purpose, order.purposeId, PAID_STATUSES)).length) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '该费用已经缴纳，无需重复支付');
    const created = await this.orders.insertOrder({
      outTradeNo: newOutTradeNo(now),
      purpose: order.purpose,
      purposeId: order.purposeId,
      description: truncateUtf8(order.description, 127),
      amountFen: order.amountFen,
      payerOpenid,
      status: 'created',
      prepayId: null,
      transactionId: null,
      paidAt: null,
      simulated: false,
      createdAt: now,
      updatedAt: now,
    });
    const prepayId = await this.wechat.jsapi({
      outTradeNo: created.outTradeNo,
      description: created.description,
      amountFen: created.amountFen,
      openid: payerOpenid,
      timeExpire: new Date(Math.min(now.getTime() + PREPAY_LIFE_MS, order.payBy?.getTime() ?? Infinity)),
    });
    await this.orders.setPrepay(created.id, prepayId, this.clock.now());
    return { mode: 'wechat', outTradeNo: created.outTradeNo, params: jsapiPayParams(this.config.pay.appId, prepayId, this.clock.nowSeconds(), this.wechat.privateKey!) };
  }

  /** The embedded demo's payment: an order marked simulated, paid at once through the hooks. */
  private async simulate(order: NewOrder): Promise<PayStart> {
    const now = this.clock.now();
    const saved = await this.orders.transaction(async (m) => {
      const row = await this.orders.insertOrder(
        {
          outTradeNo: newOutTradeNo(now, 'SIM'),
          purpose: order.purpose,
          purposeId: order.purposeId,
          description: truncateUtf8(order.description, 127),
          amountFen: order.amountFen,
          payerOpenid: null,
          status: 'paid',
          prepayId: null,
          transactionId: null,
          paidAt: now,
          simulated: true,
          createdAt: now,
          updatedAt: now,
        },
        m,
      );
      await this.hooks(order.purpose).onPaid(m, row);
      return row;
    });
    this.logger.log(`simulated payment ${saved.outTradeNo} (${order.purpose} ${order.purposeId}) in the embedded demo`);
    return { mode: 'simulated', outTradeNo: saved.outTradeNo, paidAt: now.toISOString() };
  }

  /** The purpose's latest order, if any. */
  latestFor(purpose: string, purposeId: number): Promise<PaymentOrder | null> {
    return this.orders.latestFor(purpose, purposeId);
  }

  /**
   * Makes the purpose's open orders unpayable: each is settled if WeChat reports it paid, else
   * closed at WeChat and here (a fee notice withdrawn must not stay payable through parameters the
   * applicant already holds). 503 when WeChat Pay cannot be reached.
   */
  async closeOpen(purpose: string, purposeId: number): Promise<void> {
    for (const o of await this.orders.ordersFor(purpose, purposeId, ['created'])) {
      if (!o.simulated) await this.closeOrSettle(o);
    }
  }

  /** Asks WeChat Pay for the order's state and settles it when paid (a notification that is late or never came). */
  async settleByQuery(outTradeNo: string): Promise<PaymentOrder> {
    const order = await this.orders.orderByOutTradeNo(outTradeNo);
    if (!order) throw ApiError.notFound('未找到该支付订单');
    if (order.simulated || order.status !== 'created') return order;
    const answer = await this.wechat.fetchTransaction(outTradeNo);
    if (answer.status === 0 || answer.status >= 500) throw paymentUnavailable();
    if (answer.status === 200 && answer.data?.trade_state === 'SUCCESS') {
      const problem = this.transactionProblem(answer.data, order);
      if (problem) {
        this.logger.error(`query of ${outTradeNo} refused: ${problem}`);
        throw paymentUnavailable();
      }
      await this.settle(order, answer.data, null);
    } else if (answer.status === 200 && answer.data?.trade_state === 'CLOSED') {
      await this.orders.markClosed(order.id, this.clock.now());
    }
    return (await this.orders.order(order.id))!;
  }

  /** Refunds (part of) a paid order; the refund's notification (or a query) completes it. */
  async refund(orderId: number, amountFen: number, reason: string, staffId: number): Promise<PaymentRefund> {
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw ApiError.field('amountFen', '退款金额必须是大于 0 的整数（单位：分）');
    const now = this.clock.now();
    const { order, refund } = await this.orders.transaction(async (m) => {
      const order = await this.orders.order(orderId, m);
      if (!order || !PAID_STATUSES.includes(order.status)) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '该订单尚未支付，无法退款');
      const pending = (await this.orders.refunds(order.id, m)).filter((r) => r.status === 'processing' || r.status === 'success').reduce((sum, r) => sum + r.amountFen, 0);
      if (amountFen > order.amountFen - pending) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', `退款金额超过可退金额（最多 ${((order.amountFen - pending) / 100).toFixed(2)} 元）`);
      // Two refunds of one order take turns: the second sees the first's amount, or retries.
      if (!(await this.orders.claimOrder(m, order, now))) throw new ApiError(409, 'CONFLICT', '该订单正在办理退款，请稍后重试');
      const refund = await this.orders.insertRefund(m, {
        outRefundNo: newOutTradeNo(now, 'RF'),
        orderId: order.id,
        amountFen,
        reason: reason.slice(0, 80),
        status: 'processing',
        refundId: null,
        requestedById: staffId,
        succeededAt: null,
        createdAt: now,
        updatedAt: now,
      });
      // A simulated order's refund is simulated too, and done at once.
      if (order.simulated) await this.finishRefund(m, order, refund, 'success', null);
      return { order, refund };
    });
    if (!order.simulated) await this.submitRefund(order, refund);
    return (await this.orders.refund(refund.id))!;
  }

  /**
   * Sends a refund to WeChat Pay (again, after a failure: out_refund_no makes it idempotent). A
   * refusal closes it; no answer leaves it processing for the settle round to ask about.
   */
  private async submitRefund(order: PaymentOrder, refund: PaymentRefund): Promise<void> {
    const answer = await this.wechat.refund({ outTradeNo: order.outTradeNo, outRefundNo: refund.outRefundNo, reason: refund.reason, refundFen: refund.amountFen, totalFen: order.amountFen });
    if (answer.status === 200 && answer.data) {
      await this.refundAnswered(refund, answer.data);
      return;
    }
    if (answer.status >= 400 && answer.status < 500) {
      this.logger.warn(`refund ${refund.outRefundNo} refused by WeChat Pay: ${answer.error ?? answer.status}`);
      await this.orders.transaction((m) => this.finishRefund(m, order, refund, 'closed', null));
      throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '微信支付拒绝了该退款，请核对订单后重试');
    }
    throw paymentUnavailable();
  }

  /** A refund's state from WeChat (its answer to the request or a query). */
  private async refundAnswered(refund: PaymentRefund, data: Record<string, unknown>): Promise<void> {
    const refundId = typeof data.refund_id === 'string' ? data.refund_id.slice(0, 32) : null;
    const status = REFUND_STATES[String(data.status)];
    if (!status) {
      if (refundId && !refund.refundId) await this.orders.setRefundId(refund.id, refundId, this.clock.now());
      return;
    }
    const order = (await this.orders.order(refund.orderId))!;
    await this.orders.transaction((m) => this.finishRefund(m, order, refund, status, refundId));
  }

  private async finishRefund(m: EntityManager, order: PaymentOrder, refund: PaymentRefund, status: PaymentRefundStatus, refundId: string | null): Promise<boolean> {
    const now = this.clock.now();
    if (!(await this.orders.finishRefund(m, refund.id, status, refundId, now))) return false;
    if (status !== 'success') {
      this.logger.warn(`refund ${refund.outRefundNo} ended ${status}`);
      return true;
    }
    await this.orders.addRefunded(m, order.id, refund.amountFen, now);
    const hooks = this.hooks(order.purpose);
    const after = (await this.orders.order(order.id, m))!;
    const done = { ...refund, status, refundId: refundId ?? refund.refundId, succeededAt: now, updatedAt: now };
    if (hooks.onRefunded) await hooks.onRefunded(m, after, done);
    return true;
  }

  /**
   * A notification whose signature and GCM tag held (PaymentNotifyRoute): checks it against the
   * order, then records it, the payment and the purpose's state in one transaction. A notification
   * already recorded (WeChat's retry, a replay within the window) answers success again without
   * redoing anything. Throws NotificationRefused.
   */
  async notified(n: VerifiedNotification): Promise<void> {
    if (await this.orders.notificationSeen(n.id)) return;
    const pay = this.config.pay!;
    const r = n.resource;
    if (r.mchid !== pay.mchId) throw new NotificationRefused(400, 'mchid is not ours');
    const outTradeNo = typeof r.out_trade_no === 'string' ? r.out_trade_no : '';
    const order = outTradeNo ? await this.orders.orderByOutTradeNo(outTradeNo) : null;
    if (!order || order.simulated) throw new NotificationRefused(400, 'out_trade_no is not an order of ours');
    if (n.eventType.startsWith('REFUND.')) return this.refundNotified(n, order);
    if (n.eventType !== 'TRANSACTION.SUCCESS') {
      await this.record(n, outTradeNo, 'ignored');
      return;
    }
    const problem = this.transactionProblem(r, order);
    if (problem) throw new NotificationRefused(400, `${problem} (${outTradeNo})`);
    await this.settle(order, r, n);
  }

  private async refundNotified(n: VerifiedNotification, order: PaymentOrder): Promise<void> {
    const r = n.resource;
    const refund = typeof r.out_refund_no === 'string' ? await this.orders.refundByNo(r.out_refund_no) : null;
    if (!refund || refund.orderId !== order.id) throw new NotificationRefused(400, `out_refund_no is not a refund of ${order.outTradeNo}`);
    const amount = r.amount as { refund?: unknown } | undefined;
    if (amount?.refund !== refund.amountFen) throw new NotificationRefused(400, `refund amount ${String(amount?.refund)} is not the refund's ${refund.amountFen} (${refund.outRefundNo})`);
    const status = REFUND_STATES[String(r.refund_status)];
    if (!status || `REFUND.${String(r.refund_status)}` !== n.eventType) throw new NotificationRefused(400, 'refund_status does not match event_type');
    const refundId = typeof r.refund_id === 'string' ? r.refund_id.slice(0, 32) : null;
    await this.recorded(n, order.outTradeNo, async (m) => ((await this.finishRefund(m, order, refund, status, refundId)) ? `refund_${status}`.slice(0, 20) : 'ignored'));
  }

  /** What is wrong with a transaction (notification or query answer) for `order`, or null. */
  private transactionProblem(r: Record<string, unknown>, order: PaymentOrder): string | null {
    const pay = this.config.pay!;
    if (r.mchid !== pay.mchId) return 'mchid is not ours';
    if (r.appid !== pay.appId) return 'appid is not ours';
    if (r.out_trade_no !== order.outTradeNo) return 'out_trade_no differs';
    if (r.trade_state !== 'SUCCESS') return `trade_state is ${String(r.trade_state)}`;
    const amount = r.amount as { total?: unknown; currency?: unknown } | undefined;
    if (amount?.total !== order.amountFen) return `amount ${String(amount?.total)} is not the order's ${order.amountFen}`;
    if (amount.currency !== undefined && amount.currency !== 'CNY') return 'currency is not CNY';
    return null;
  }

  /**
   * Records the payment: order paid and the purpose's hook, with the notification when there is
   * one, in one transaction. An order already paid (by the query, or a notification with another
   * id) is not paid twice.
   */
  private async settle(order: PaymentOrder, r: Record<string, unknown>, n: VerifiedNotification | null): Promise<void> {
    const transactionId = typeof r.transaction_id === 'string' ? r.transaction_id.slice(0, 32) : null;
    const successTime = typeof r.success_time === 'string' ? new Date(r.success_time) : null;
    const paidAt = successTime && !Number.isNaN(successTime.getTime()) ? successTime : this.clock.now();
    const work = async (m: EntityManager): Promise<string> => {
      if (!(await this.orders.markPaid(m, order.id, transactionId, paidAt, this.clock.now()))) return 'ignored';
      const paid = (await this.orders.order(order.id, m))!;
      // Two orders of one purpose both paid (two devices at once): the money is recorded, the purpose paid once; staff refund the second.
      const others = (await this.orders.ordersFor(order.purpose, order.purposeId, PAID_STATUSES, m)).filter((o) => o.id !== order.id);
      if (others.length) {
        this.logger.error(`order ${order.outTradeNo} paid while ${others[0]!.outTradeNo} of the same ${order.purpose} was paid already: refund one of them`);
        return 'duplicate';
      }
      await this.hooks(order.purpose).onPaid(m, paid);
      return 'paid';
    };
    if (n) await this.recorded(n, order.outTradeNo, work);
    else await this.orders.transaction(work);
  }

  private record(n: VerifiedNotification, outTradeNo: string, outcome: string): Promise<void> {
    return this.recorded(n, outTradeNo, () => Promise.resolve(outcome));
  }

  /** The notification's row first (its unique id makes a concurrent duplicate wait, then fail), then the work, in one transaction. */
  private async recorded(n: VerifiedNotification, outTradeNo: string, work: (m: EntityManager) => Promise<string>): Promise<void> {
    try {
      await this.orders.transaction(async (m) => {
        const row = { notificationId: n.id, eventType: n.eventType, outTradeNo, outcome: 'pending', receivedAt: this.clock.now() };
        await this.orders.insertNotification(m, row);
        const outcome = await work(m);
        await this.orders.setNotificationOutcome(m, n.id, outcome);
      });
    } catch (error) {
      // The same notification committed by another request (WeChat sent it twice at once): done.
      if (isDuplicateKey(error)) return;
      throw error;
    }
  }

  /**
   * The periodic round: orders without their notification after LATE_NOTIFICATION_MS are asked
   * about (and settled when paid); orders whose prepay id has expired are closed at WeChat and
   * here; refunds still processing are asked about (and sent again when WeChat never got them).
   */
  async settleRound(): Promise<void> {
    const now = this.clock.nowMs();
    for (const order of await this.orders.waiting(new Date(now - LATE_NOTIFICATION_MS), SETTLE_BATCH)) {
      try {
        await this.closeOrSettle(order, order.createdAt.getTime() + PREPAY_LIFE_MS <= now);
      } catch (error) {
        this.logger.warn(`settling ${order.outTradeNo} failed: ${error instanceof Error ? error.message : 'error'}`);
      }
    }
    for (const refund of await this.orders.processingRefunds(new Date(now - LATE_NOTIFICATION_MS), SETTLE_BATCH)) {
      try {
        await this.settleRefund(refund);
      } catch (error) {
        this.logger.warn(`settling refund ${refund.outRefundNo} failed: ${error instanceof Error ? error.message : 'error'}`);
      }
    }
  }

  /** Settles the order if WeChat says it was paid; otherwise, when `close` (or always, by default), closes it. */
  private async closeOrSettle(order: PaymentOrder, close = true): Promise<void> {
    const answer: PayAnswer = await this.wechat.fetchTransaction(order.outTradeNo);
    if (answer.status === 0 || answer.status >= 500) throw paymentUnavailable();
    const state = answer.status === 200 ? answer.data?.trade_state : 'NOT_FOUND';
    if (state === 'SUCCESS') {
      const problem = this.transactionProblem(answer.data!, order);
      if (problem) throw new Error(`query answer refused: ${problem}`);
      await this.settle(order, answer.data!, null);
      return;
    }
    if (state === 'CLOSED' || state === 'REVOKED' || state === 'PAYERROR') {
      await this.orders.markClosed(order.id, this.clock.now());
      return;
    }
    if (!close) return;
    if (state === 'NOT_FOUND' || (await this.wechat.close(order.outTradeNo))) await this.orders.markClosed(order.id, this.clock.now());
  }

  private async settleRefund(refund: PaymentRefund): Promise<void> {
    const answer = await this.wechat.findRefund(refund.outRefundNo);
    const order = (await this.orders.order(refund.orderId))!;
    if (answer.status === 404) return this.submitRefund(order, refund);
    if (answer.status === 200 && answer.data) await this.refundAnswered(refund, answer.data);
  }

  private hooks(purpose: string): PaymentPurposeHooks {
    const hooks = this.purposes.get(purpose);
    if (!hooks) throw new Error(`no payment purpose ${purpose} registered`);
    return hooks;
  }
}

/**
 * 商户订单号: a prefix, the Beijing date and time to the second, and 8 random characters, e.g.
 * GK20261206103456K3M9QX2A (24 characters; WeChat allows 6–32 of [A-Za-z0-9_-|*]).
 */
export function newOutTradeNo(now: Date, prefix = 'GK'): string {
  const stamp = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}${stamp}${random}`;
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}
