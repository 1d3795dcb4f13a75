import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

export type PaymentRefundStatus = 'processing' | 'success' | 'closed' | 'abnormal';

/** A refund of (part of) a paid order, e.g. a fee charged wrongly; amounts in 分. */
@Entity('payment_refund')
@Index('idx_payment_refund_order', ['orderId'])
export class PaymentRefund {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 商户退款单号. */
  @Column({ type: 'varchar', length: 64, unique: true })
  outRefundNo!: string;

  @Column({ type: 'int' })
  orderId!: number;

  @Column({ type: 'int' })
  amountFen!: number;

  @Column({ type: 'varchar', length: 80 })
  reason!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentRefundStatus;

  /** 微信支付退款单号. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  refundId!: string | null;

  @Column({ type: 'int', nullable: true })
  requestedById!: number | null;

  @Column({ ...DATETIME, nullable: true })
  succeededAt!: Date | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
