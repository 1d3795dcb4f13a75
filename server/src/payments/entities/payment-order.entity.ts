import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

export type PaymentOrderStatus = 'created' | 'paid' | 'closed' | 'refunded' | 'partially_refunded';

/**
 * A WeChat Pay JSAPI order (or, in the embedded demo only, a simulated one). `purpose` and
 * `purposeId` name what it pays for (`disclosure_fee` and the fee's id); the feature that made it
 * settles it through the hook it registered, in the transaction that records the payment.
 */
@Entity('payment_order')
@Index('idx_payment_order_purpose', ['purpose', 'purposeId'])
@Index('idx_payment_order_status', ['status', 'createdAt'])
export class PaymentOrder {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 商户订单号 (6–32 characters, letters, digits, _-|*). */
  @Column({ type: 'varchar', length: 32, unique: true })
  outTradeNo!: string;

  @Column({ type: 'varchar', length: 30 })
  purpose!: string;

  @Column({ type: 'int' })
  purposeId!: number;

  /** The goods description WeChat shows (≤ 127 bytes). */
  @Column({ type: 'varchar', length: 127 })
  description!: string;

  @Column({ type: 'int' })
  amountFen!: number;

  /** The payer's openid (JSAPI needs it); null for a simulated payment. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  payerOpenid!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentOrderStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  prepayId!: string | null;

  /** 微信支付订单号, once paid. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  transactionId!: string | null;

  @Column({ ...DATETIME, nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  refundedFen!: number;

  /** Made by the embedded demo's simulated payment: never a real one. */
  @Column({ type: 'boolean', default: false })
  simulated!: boolean;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
