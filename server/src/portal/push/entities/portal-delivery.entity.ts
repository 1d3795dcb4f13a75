import type { SyncChangeKind } from '@gongkai/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

const bigint = { type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } } as const;

/**
 * - `queued`: waiting for its attempt (`next_attempt_at`); `sending`: leased to a worker now
 * - `delivered`: the portal answered 2xx; `failed`: given up (staff may re-send)
 * - `superseded`: a later change of the same notice for the same endpoint took its place (each
 *   push carries the notice as it is now, so an older one has nothing left to say)
 */
export const PORTAL_DELIVERY_STATUSES = ['queued', 'sending', 'delivered', 'failed', 'superseded'] as const;
export type PortalDeliveryStatus = (typeof PORTAL_DELIVERY_STATUSES)[number];

/** The portal's outbox: one row per endpoint and change-log position (unique), worked under a lease by any instance. */
@Entity('portal_delivery')
export class PortalDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  endpointId!: number;

  @Column(bigint)
  seq!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: SyncChangeKind;

  @Column({ type: 'varchar', length: 12 })
  status!: PortalDeliveryStatus;

  /** Attempts since the row was queued (or re-sent). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Re-sends by staff: part of the Idempotency-Key, so that the portal takes a deliberate re-send. */
  @Column({ type: 'int', default: 0 })
  generation!: number;

  @Column(DATETIME)
  nextAttemptAt!: Date;

  /** Retried until this time at least (PORTAL_RETRY_HOURS after queueing or re-sending), then `failed`. */
  @Column(DATETIME)
  retryUntil!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ ...DATETIME, nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatus!: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ ...DATETIME, nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  deliveredAt!: Date | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
