import type { InquiryNoticeKind } from '@gongkai/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

export type InquiryNoticeStatus = 'sending' | 'sent' | 'dry_run' | 'skipped' | 'failed' | 'unknown';

/** One notice about an inquiry (its reply to the parent, a deadline reminder to staff), sent once. */
@Entity('inquiry_notice')
export class InquiryNotice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  inquiryId!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: InquiryNoticeKind;

  /** The instant it is about (the reply's, or the due time reminded of): a reopened inquiry's new reply or deadline gets notices of its own. */
  @Column(DATETIME)
  about!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: InquiryNoticeStatus;

  @Column({ type: 'int', default: 0 })
  recipients!: number;

  @Column({ type: 'int', default: 0 })
  sent!: number;

  /** Why it was skipped or failed, or the dry-run body. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
