import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** The append-only timeline of a request: every step, notice and note, never changed. */
@Entity('disclosure_event')
@Index('idx_disclosure_event_request', ['requestId', 'id'])
export class DisclosureEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  requestId!: number;

  /** `submitted`, `entered`, a DisclosureAction, `letter_sent`, `refund` or `note`. */
  @Column({ type: 'varchar', length: 24 })
  action!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** Shown to the applicant (false: staff only, e.g. notes, a returned letter). */
  @Column({ type: 'boolean' })
  applicantVisible!: boolean;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  actorName!: string | null;

  /**
   * The applicant's WeChat notice of this step (an outbox): `pending` when it is applicant-visible
   * and the request has a signed-in applicant, then `sent` / `skipped` / `failed` by the notice task
   * (`sending` while one instance holds the claim; one stuck there after a crash becomes `failed`).
   */
  @Column({ type: 'varchar', length: 12, nullable: true })
  noticeState!: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | null;

  @Column(DATETIME)
  createdAt!: Date;
}
