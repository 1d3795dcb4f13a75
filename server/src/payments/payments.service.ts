import { Injectable } from '@nestjs/common';
import type { PayStart } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { PaymentOrder } from './entities/payment-order.entity';
import type { PaymentRefund } from './entities/payment-refund.entity';

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
}

/**
 * WeChat Pay v3 (JSAPI) for the features: orders, their settlement by notification or query,
 * refunds; and, in the embedded demo only, a labelled simulated payment. Features register their
 * purpose's hooks at start.
 */
@Injectable()
export class PaymentsService {
  registerPurpose(purpose: string, hooks: PaymentPurposeHooks): void {
    void purpose;
    void hooks;
    throw new Error('not implemented');
  }

  /** Whether payments can be taken here: WeChat Pay configured, or the embedded demo's simulation. */
  get available(): boolean {
    throw new Error('not implemented');
  }

  /**
   * Starts paying for `order`: with WeChat Pay configured, a JSAPI prepay for the payer's openid
   * (reusing the purpose's open order for the same amount); in the embedded demo without it, a
   * simulated payment settled at once (through the hooks). 503 PAYMENT_UNAVAILABLE when WeChat Pay
   * fails; 409 PAYMENT_NOT_ALLOWED when already paid.
   */
  async start(order: NewOrder, payerOpenid: string | null): Promise<PayStart> {
    void order;
    void payerOpenid;
    throw new Error('not implemented');
  }

  /** The purpose's latest order, if any. */
  async latestFor(purpose: string, purposeId: number): Promise<PaymentOrder | null> {
    void purpose;
    void purposeId;
    throw new Error('not implemented');
  }

  /** Asks WeChat Pay for the order's state and settles it when paid (a notification that is late or never came). */
  async settleByQuery(outTradeNo: string): Promise<PaymentOrder> {
    void outTradeNo;
    throw new Error('not implemented');
  }

  /** Refunds (part of) a paid order; the refund's notification (or a query) completes it. */
  async refund(orderId: number, amountFen: number, reason: string, staffId: number): Promise<PaymentRefund> {
    void orderId;
    void amountFen;
    void reason;
    void staffId;
    throw new Error('not implemented');
  }
}
