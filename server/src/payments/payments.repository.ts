import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import { Db } from '../database/db';
import { PaymentNotification } from './entities/payment-notification.entity';
import { PaymentOrder, type PaymentOrderStatus } from './entities/payment-order.entity';
import { PaymentRefund, type PaymentRefundStatus } from './entities/payment-refund.entity';

/** An order counts as paid for its purpose in these states (a refund does not make it payable again). */
export const PAID_STATUSES: PaymentOrderStatus[] = ['paid', 'partially_refunded', 'refunded'];

/** The queries of orders, accepted notifications and refunds; PaymentsService holds the rules. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  /** Outside a transaction, waits for an open one to end (SQLite); inside one, never (its turn is ours). */
  private async settled(m?: EntityManager): Promise<void> {
    if (!m) await this.db.settled();
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async order(id: number, m?: EntityManager): Promise<PaymentOrder | null> {
    await this.settled(m);
    return this.m(m).findOne(PaymentOrder, { where: { id } });
  }

  async orderByOutTradeNo(outTradeNo: string, m?: EntityManager): Promise<PaymentOrder | null> {
    await this.settled(m);
    return this.m(m).findOne(PaymentOrder, { where: { outTradeNo } });
  }

  async latestFor(purpose: string, purposeId: number): Promise<PaymentOrder | null> {
    await this.db.settled();
    return this.m().findOne(PaymentOrder, { where: { purpose, purposeId }, order: { id: 'DESC' } });
  }

  async ordersFor(purpose: string, purposeId: number, statuses: PaymentOrderStatus[], m?: EntityManager): Promise<PaymentOrder[]> {
    await this.settled(m);
    return this.m(m).find(PaymentOrder, { where: { purpose, purposeId, status: In(statuses) }, order: { id: 'DESC' } });
  }

  insertOrder(values: Omit<PaymentOrder, 'id' | 'version' | 'refundedFen'>, m?: EntityManager): Promise<PaymentOrder> {
    const row = Object.assign(new PaymentOrder(), values, { refundedFen: 0, version: 1 });
    return m ? m.save(row) : this.db.write((w) => w.save(row));
  }

  async setPrepay(id: number, prepayId: string, now: Date): Promise<void> {
    await this.db.write((w) => w.update(PaymentOrder, { id }, { prepayId, updatedAt: now }));
  }

  /** created (or closed while WeChat took the money) → paid; false when someone else settled it first. */
  async markPaid(m: EntityManager, id: number, transactionId: string | null, paidAt: Date, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PaymentOrder)
      .set({ status: 'paid', transactionId, paidAt, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND status IN (:...from)', { id, from: ['created', 'closed'] })
      .execute();
    return result.affected === 1;
  }

  async markClosed(id: number, now: Date): Promise<boolean> {
    const result = await this.db.write((w) =>
      w.createQueryBuilder().update(PaymentOrder).set({ status: 'closed', updatedAt: now, version: () => 'version + 1' }).where('id = :id AND status = :s', { id, s: 'created' }).execute(),
    );
    return result.affected === 1;
  }

  /** Orders still waiting for their money, made before `before`, oldest first. */
  async waiting(before: Date, limit: number): Promise<PaymentOrder[]> {
    await this.db.settled();
    return this.m().find(PaymentOrder, { where: { status: 'created', simulated: false, createdAt: LessThan(before) }, order: { createdAt: 'ASC' }, take: limit });
  }

  async notificationSeen(notificationId: string): Promise<boolean> {
    await this.db.settled();
    return (await this.m().count(PaymentNotification, { where: { notificationId } })) > 0;
  }

  async insertNotification(m: EntityManager, row: Omit<PaymentNotification, 'id'>): Promise<void> {
    await m.insert(PaymentNotification, row);
  }

  async setNotificationOutcome(m: EntityManager, notificationId: string, outcome: string): Promise<void> {
    await m.update(PaymentNotification, { notificationId }, { outcome });
  }

  async notificationCount(): Promise<number> {
    await this.db.settled();
    return this.m().count(PaymentNotification);
  }

  /** Takes the order's row for a refund (a conditional version bump): two refunds of one order take turns. */
  async claimOrder(m: EntityManager, order: PaymentOrder, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PaymentOrder)
      .set({ version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND version = :version', { id: order.id, version: order.version })
      .execute();
    return result.affected === 1;
  }

  async refunds(orderId: number, m?: EntityManager): Promise<PaymentRefund[]> {
    await this.settled(m);
    return this.m(m).find(PaymentRefund, { where: { orderId }, order: { id: 'ASC' } });
  }

  insertRefund(m: EntityManager, values: Omit<PaymentRefund, 'id'>): Promise<PaymentRefund> {
    return m.save(Object.assign(new PaymentRefund(), values));
  }

  async refundByNo(outRefundNo: string, m?: EntityManager): Promise<PaymentRefund | null> {
    await this.settled(m);
    return this.m(m).findOne(PaymentRefund, { where: { outRefundNo } });
  }

  async refund(id: number): Promise<PaymentRefund | null> {
    await this.db.settled();
    return this.m().findOne(PaymentRefund, { where: { id } });
  }

  /** processing → its outcome; false when it was settled already. */
  async finishRefund(m: EntityManager, id: number, status: PaymentRefundStatus, refundId: string | null, at: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(PaymentRefund)
      .set({ status, ...(refundId ? { refundId } : {}), succeededAt: status === 'success' ? at : null, updatedAt: at })
      .where('id = :id AND status = :s', { id, s: 'processing' })
      .execute();
    return result.affected === 1;
  }

  async setRefundId(id: number, refundId: string, now: Date): Promise<void> {
    await this.db.write((w) => w.update(PaymentRefund, { id }, { refundId, updatedAt: now }));
  }

  /** Adds a refund that succeeded to its order's refunded amount and state. */
  async addRefunded(m: EntityManager, orderId: number, amountFen: number, now: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PaymentOrder)
      .set({
        refundedFen: () => 'refunded_fen + :amount',
        status: () => "CASE WHEN refunded_fen + :amount >= amount_fen THEN 'refunded' ELSE 'partially_refunded' END",
        updatedAt: now,
        version: () => 'version + 1',
      })
      .where('id = :id', { id: orderId, amount: amountFen })
      .setParameter('amount', amountFen)
      .execute();
  }

  async processingRefunds(before: Date, limit: number): Promise<PaymentRefund[]> {
    await this.db.settled();
    return this.m().find(PaymentRefund, { where: { status: 'processing', createdAt: LessThan(before) }, order: { id: 'ASC' }, take: limit });
  }
}
