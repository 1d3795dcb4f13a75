import type { NoticeStatus, ReviewAction, ReviewActor, SecrecyDecision } from '@gongkai/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** One step of the review chain. Append-only: no route updates or deletes a row. */
@Entity('notice_review')
@Index('idx_notice_review_notice', ['noticeId', 'id'])
export class NoticeReview {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 20 })
  fromStatus!: NoticeStatus;

  @Column({ type: 'varchar', length: 20 })
  toStatus!: NoticeStatus;

  @Column({ type: 'varchar', length: 20 })
  action!: ReviewAction;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  actorName!: string | null;

  /** The capacity the actor acted in: a staff role, 'author', or 'system' (the scheduler). */
  @Column({ type: 'varchar', length: 20 })
  role!: ReviewActor;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  opinion!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  secrecy!: SecrecyDecision | null;

  @Column({ ...DATETIME, nullable: true })
  publishAt!: Date | null;

  /** The correction (更正) this step belongs to; null for the notice's own rounds. */
  @Column({ type: 'int', nullable: true })
  correctionId!: number | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
