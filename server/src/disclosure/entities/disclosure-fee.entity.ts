import type { FeeBand, FeeMethod } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

export type DisclosureFeeStatus = 'issued' | 'paid' | 'cancelled' | 'lapsed' | 'refunded' | 'partially_refunded';

/** A fee notice (收费通知) of a request and what became of it; amounts in 分. */
@Entity('disclosure_fee')
@Index('idx_disclosure_fee_request', ['requestId'])
@Index('idx_disclosure_fee_status_due', ['status', 'payDueDate'])
export class DisclosureFee {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  requestId!: number;

  @Column({ type: 'varchar', length: 10 })
  method!: FeeMethod;

  /** Pieces or pages of this request. */
  @Column({ type: 'int' })
  count!: number;

  /** 按件: the applicant's earlier pieces that calendar month, as counted when the notice was issued. */
  @Column({ type: 'int', default: 0 })
  priorPieces!: number;

  @Column({ type: 'int' })
  amountFen!: number;

  @Column({ type: 'text', transformer: jsonText })
  bands!: FeeBand[];

  @Column({ type: 'varchar', length: 20 })
  status!: DisclosureFeeStatus;

  /** The day the notice was issued and (online) received. */
  @Column({ type: 'varchar', length: 10 })
  issuedDate!: string;

  /** The last day to pay (20 working days from the day after receipt). */
  @Column({ type: 'varchar', length: 10 })
  payDueDate!: string;

  @Column({ type: 'int' })
  issuedById!: number;

  /** The WeChat Pay order (payments module), once the applicant started paying. */
  @Column({ type: 'int', nullable: true })
  paymentOrderId!: number | null;

  @Column({ ...DATETIME, nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  refundedFen!: number;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
