import type { CorrectionStatus } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * A correction (更正) of a published notice: the corrected title, summary, 文号 and body while it
 * goes through the review chain (the public reads the published text meanwhile), and once applied
 * the record of when and what was corrected (`note`, shown under the notice).
 */
@Entity('notice_correction')
@Index('idx_notice_correction_notice', ['noticeId', 'status', 'id'])
@Index('idx_notice_correction_waiting', ['status', 'updatedAt'])
export class NoticeCorrection {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  /** The notice's id while open, NULL once applied or cancelled: unique, so one open correction per notice. */
  @Column({ type: 'int', nullable: true, unique: true })
  openNoticeId!: number | null;

  /** The notice's round it is in review as; for draft/returned the round it was last submitted as (0 before). */
  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: CorrectionStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  summary!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  documentNo!: string | null;

  /** Sanitised on write, like a notice's. */
  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'text' })
  bodyText!: string;

  /** 更正说明: what was corrected, as the public reads it. */
  @Column({ type: 'varchar', length: 500 })
  note!: string;

  @Column({ type: 'int' })
  authorId!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  appliedAt!: Date | null;
}
