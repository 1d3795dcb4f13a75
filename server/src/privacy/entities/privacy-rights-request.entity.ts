import type { RightsRequestKind, RightsRequestStatus } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * A parent's request to exercise a PIPL right (查阅、复制、更正、删除…), answered by staff within
 * RIGHTS_REQUEST_WORKING_DAYS working days. The content is personal data: erased on cancellation,
 * the row (kind, status, dates) kept.
 */
@Entity('privacy_rights_request')
@Index('uq_privacy_rights_pending', ['parentId', 'pendingSlot'], { unique: true })
@Index('idx_privacy_rights_status', ['status', 'id'])
export class PrivacyRightsRequest {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  parentId!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: RightsRequestKind;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: RightsRequestStatus;

  /**
   * 1..RIGHTS_REQUESTS_PENDING_MAX while pending, NULL once answered: unique per parent, so the
   * database itself holds a parent to that many pending requests, whatever runs in parallel.
   */
  @Column({ type: 'int', nullable: true })
  pendingSlot!: number | null;

  @Column(DATETIME)
  receivedAt!: Date;

  /** Asia/Shanghai date, YYYY-MM-DD: the last of the working days allowed. */
  @Column({ type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @Column({ ...DATETIME, nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  handledById!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  handledByName!: string | null;
}
