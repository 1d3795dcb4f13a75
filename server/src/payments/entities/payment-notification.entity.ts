import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A WeChat Pay notification accepted (signature and GCM tag verified), by its id: a retry or replay of it is recorded once. */
@Entity('payment_notification')
export class PaymentNotification {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The notification's `id`. */
  @Column({ type: 'varchar', length: 64, unique: true })
  notificationId!: string;

  /** `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, … */
  @Column({ type: 'varchar', length: 40 })
  eventType!: string;

  @Column({ type: 'varchar', length: 64 })
  outTradeNo!: string;

  /** What it did: `paid`, `refunded`, `ignored` (already settled), … */
  @Column({ type: 'varchar', length: 20 })
  outcome!: string;

  @Column(DATETIME)
  receivedAt!: Date;
}
