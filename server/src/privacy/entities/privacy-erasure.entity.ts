import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ErasureReason } from '@gongkai/shared';
import { DATETIME } from '../../database/columns';


/** Append-only: what was erased, when and why, as counts per kind of row (never the values). */
@Entity('privacy_erasure')
export class PrivacyErasure {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  reason!: ErasureReason;

  /** The provider's kind of row, e.g. `inquiry_photo`. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  /** Its Chinese name as the provider gave it, e.g. `咨询投诉照片`. */
  @Column({ type: 'varchar', length: 100, default: '' })
  label!: string;

  @Column({ type: 'int' })
  count!: number;

  /** The parent concerned (cancellation, withdrawn consent); null for the retention job's rounds. */
  @Column({ type: 'int', nullable: true })
  parentId!: number | null;

  @Column(DATETIME)
  createdAt!: Date;
}
