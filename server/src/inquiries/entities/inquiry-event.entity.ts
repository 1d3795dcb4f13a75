import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** The append-only timeline of an inquiry: every action, reply and internal note, never changed. */
@Entity('inquiry_event')
@Index('idx_inquiry_event_inquiry', ['inquiryId', 'id'])
export class InquiryEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  inquiryId!: number;

  /** `submitted`, an InquiryAction, or `note`. */
  @Column({ type: 'varchar', length: 20 })
  action!: string;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** Shown to the parent (false: staff only, e.g. notes, a complaint's draft reply, release). */
  @Column({ type: 'boolean' })
  parentVisible!: boolean;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  actorName!: string | null;

  @Column(DATETIME)
  createdAt!: Date;
}
