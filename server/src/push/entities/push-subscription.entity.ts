import type { PushTargetKind } from '@gongkai/shared';
import { Entity, PrimaryColumn } from 'typeorm';

/** A parent's subscription to a category, topic or unit; one row per (parent, kind, code). */
@Entity('push_subscription')
export class PushSubscription {
  @PrimaryColumn({ type: 'int' })
  parentId!: number;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  targetKind!: PushTargetKind;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  targetCode!: string;
}
