import type { InquiryKindCode, InquiryRating, InquiryStatus, ReplyReviewer, SkippedDay } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';
import { encryptedColumnHashedAs } from '../../privacy/crypto/encrypted-column';

export type ContentCheckSuggest = 'pass' | 'review' | 'risky';

/** One 咨询 / 投诉 / 建议 / 反馈 from a parent; moved on only by conditional updates on `version`. */
@Entity('inquiry')
@Index('idx_inquiry_unit_status', ['unitId', 'status'])
@Index('idx_inquiry_parent', ['parentId', 'id'])
@Index('idx_inquiry_phone_hash', ['phoneHash'])
export class Inquiry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20, unique: true })
  trackingNo!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: InquiryKindCode;

  @Column({ type: 'varchar', length: 50 })
  subject!: string;

  @Column({ type: 'text' })
  content!: string;

  /** Encrypted at rest (`gk1:…`); never filter on it: match `phoneHash`. */
  @Column({ type: 'varchar', length: 200, nullable: true, transformer: encryptedColumnHashedAs('phone', 'phoneHash') })
  phone!: string | null;

  /** Keyed hash of the phone (DataHasher, purpose `phone`): staff find a caller's inquiries by it. Set and cleared with `phone`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash!: string | null;

  @Column({ type: 'boolean' })
  allowPublish!: boolean;

  /** The parent said it tells about a child under 14 (sensitive; given with the guardian's separate consent). */
  @Column({ type: 'boolean', default: false })
  involvesChild!: boolean;

  /** The guardian withdrew the child-information consent while it was open: its content and photos go when it is finished. */
  @Column({ ...DATETIME, nullable: true })
  childConsentWithdrawnAt!: Date | null;

  /** The parent cancelled the account (注销): kept as the archive, its phone and photos erased; staff see 申请人已注销. */
  @Column({ ...DATETIME, nullable: true })
  parentCancelledAt!: Date | null;

  @Column({ type: 'int' })
  parentId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  /** The staff member who accepted it: the only one who sees the phone in full. */
  @Column({ type: 'int', nullable: true })
  handlerId!: number | null;

  @Column({ type: 'varchar', length: 20 })
  status!: InquiryStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  receivedAt!: Date;

  /** What the deadline counts from: the receipt, or the reopen. */
  @Column(DATETIME)
  deadlineFrom!: Date;

  @Column(DATETIME)
  dueAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ type: 'int' })
  workingDays!: number;

  @Column({ type: 'text', transformer: jsonText })
  skipped!: SkippedDay[];

  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  checkSuggest!: ContentCheckSuggest | null;

  @Column({ type: 'int', nullable: true })
  checkLabel!: number | null;

  @Column({ type: 'text', nullable: true })
  replyText!: string | null;

  @Column({ ...DATETIME, nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  replyUnitId!: number | null;

  /** A complaint's reply waiting for the unit head. */
  @Column({ type: 'text', nullable: true })
  pendingReplyText!: string | null;

  @Column({ ...DATETIME, nullable: true })
  pendingReplyAt!: Date | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  pendingReplyBy!: string | null;

  /** Who wrote the pending reply: never its approver (four eyes). */
  @Column({ type: 'int', nullable: true })
  pendingReplyById!: number | null;

  /** Who reviews the pending reply: the unit's heads, or a leader when the unit has no other head. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  replyReviewer!: ReplyReviewer | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  rating!: InquiryRating | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  ratingComment!: string | null;

  @Column({ ...DATETIME, nullable: true })
  ratedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  reopenCount!: number;

  @Column({ type: 'int', nullable: true })
  publishedQaId!: number | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
