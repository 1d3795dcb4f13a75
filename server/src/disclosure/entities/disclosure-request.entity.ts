import type { ApplicantType, DeliveryMethod, DisclosureChannel, DisclosureOutcome, DisclosurePause, DisclosureStatus, IdDocumentType, OrganizationKind, ProvisionForm } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';
import { encryptedColumn } from '../../privacy/crypto/encrypted-column';

/**
 * One 依申请公开 request: who asked (encrypted at rest), what they seek, its state and its clock.
 * Moved on only by conditional updates on `version`. Dates of the regulation's clock are
 * `YYYY-MM-DD` in Asia/Shanghai; instants are UTC.
 */
@Entity('disclosure_request')
@Index('idx_disclosure_request_status_due', ['status', 'dueAt'])
@Index('idx_disclosure_request_parent', ['parentId', 'id'])
@Index('idx_disclosure_request_applicant', ['applicantHash', 'receivedDate'])
export class DisclosureRequest {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `YS20261206001`: shown to the applicant, printed on letters. */
  @Column({ type: 'varchar', length: 20, unique: true })
  trackingNo!: string;

  /** Keyed hash (purpose `disclosure_code`) of the verification code given once at creation, for the public lookup. */
  @Column({ type: 'varchar', length: 64 })
  verificationHash!: string;

  /** The signed-in applicant (online requests); null for requests staff entered. */
  @Column({ type: 'int', nullable: true })
  parentId!: number | null;

  @Column({ type: 'varchar', length: 12 })
  channel!: DisclosureChannel;

  /** Staff who entered a paper / post / fax request. */
  @Column({ type: 'int', nullable: true })
  enteredById!: number | null;

  @Column({ type: 'varchar', length: 20 })
  applicantType!: ApplicantType;

  @Column({ type: 'varchar', length: 20, nullable: true })
  organizationKind!: OrganizationKind | null;

  /** Encrypted: the person's or the organisation's name. */
  @Column({ type: 'varchar', length: 300, transformer: encryptedColumn })
  applicantName!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  idType!: IdDocumentType | null;

  /** Encrypted; shown in full only to the handler who accepted. */
  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  idNumber!: string | null;

  /** Encrypted 统一社会信用代码. */
  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  creditCode!: string | null;

  /**
   * Keyed hash of the ID number (purpose `id_number`) or the credit code (`credit_code`): the same
   * applicant's requests in a month are counted through it for the 按件 fee, never by decrypting.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  applicantHash!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  legalRepresentative!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  phone!: string | null;

  @Column({ type: 'varchar', length: 400, nullable: true, transformer: encryptedColumn })
  email!: string | null;

  @Column({ type: 'varchar', length: 600, nullable: true, transformer: encryptedColumn })
  address!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'varchar', length: 12 })
  provisionForm!: ProvisionForm;

  @Column({ type: 'varchar', length: 12 })
  delivery!: DeliveryMethod;

  /** 一事一申请: how many pieces this request counts as for the 按件 fee (the handler may split it). */
  @Column({ type: 'int', default: 1 })
  pieces!: number;

  @Column({ type: 'varchar', length: 24 })
  status!: DisclosureStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  /** The staff member who confirmed receipt (online) or entered it: the only one who sees the identity in full. */
  @Column({ type: 'int', nullable: true })
  handlerId!: number | null;

  @Column(DATETIME)
  submittedAt!: Date;

  /** The receipt date by the channel's rule (art. 31); null until an online request is confirmed. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  receivedDate!: string | null;

  /** What the 20 working days count from: the receipt date, or the day the supplement arrived. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  clockFrom!: string | null;

  @Column({ type: 'text', nullable: true })
  supplementRequestText!: string | null;

  @Column({ ...DATETIME, nullable: true })
  supplementRequestedAt!: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  supplementDueDate!: string | null;

  @Column({ ...DATETIME, nullable: true })
  suppliedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  suppliedText!: string | null;

  /** Approved extension in working days (≤ 20 in all). */
  @Column({ type: 'int', default: 0 })
  extensionDays!: number;

  /** A pending extension request: its days, reason and who asked (never its approver). */
  @Column({ type: 'int', nullable: true })
  extensionPendingDays!: number | null;

  @Column({ type: 'text', nullable: true })
  extensionReason!: string | null;

  @Column({ type: 'int', nullable: true })
  extensionRequestedById!: number | null;

  @Column({ ...DATETIME, nullable: true })
  extensionRequestedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  extensionApprovedById!: number | null;

  @Column({ ...DATETIME, nullable: true })
  extensionApprovedAt!: Date | null;

  /** Periods that do not count toward the answer deadline (consultation, fee notice → payment). */
  @Column({ type: 'text', transformer: jsonText })
  pauses!: DisclosurePause[];

  /** The answer deadline as last computed; null while paused, stopped for 补正 or before receipt. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  dueDate!: string | null;

  @Column({ ...DATETIME, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  /** The last deadline warning sent to staff (`due_soon` / `overdue`), claimed by a conditional update so it goes once. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  lastWarning!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome!: DisclosureOutcome | null;

  @Column({ ...DATETIME, nullable: true })
  concludedAt!: Date | null;

  /** The applicant's account was cancelled (注销): the archive stays for the yearly report, the contact details go. */
  @Column({ ...DATETIME, nullable: true })
  parentCancelledAt!: Date | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
