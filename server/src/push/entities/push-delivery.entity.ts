import type { PushChannel, PushDeliveryStatus, PushFailureReason } from '@gongkai/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** The outbox: one row per campaign, recipient and channel, worked by the PushWorker of any instance. */
@Entity('push_delivery')
export class PushDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  campaignId!: number;

  @Column({ type: 'int' })
  parentId!: number;

  @Column({ type: 'varchar', length: 10 })
  channel!: PushChannel;

  /** Mini-program openid (subscribe) or the official-account follower's openid (template). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: PushDeliveryStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  reason!: PushFailureReason | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column(DATETIME)
  nextAttemptAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ ...DATETIME, nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  lastErrorCode!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  msgid!: string | null;

  /** Set just before the send of the current attempt begins: a row claimed but never started is safe to send after a crash. */
  @Column({ ...DATETIME, nullable: true })
  startedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  jobStatus!: string | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
