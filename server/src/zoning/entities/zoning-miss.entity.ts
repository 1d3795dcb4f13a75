import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * An address parents searched that found nothing, so staff can add rules: the normalised text
 * (house number kept, rooms and units dropped), counted, never tied to who searched. One row per
 * year and text (`textHash`: SHA-256 of the text, the unique key); kept for the retention period
 * after the last search.
 */
@Entity('zoning_miss')
@Index('idx_zoning_miss_text', ['year', 'textHash'], { unique: true })
@Index('idx_zoning_miss_last', ['lastAt'])
export class ZoningMiss {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 200 })
  text!: string;

  @Column({ type: 'varchar', length: 64 })
  textHash!: string;

  @Column({ type: 'int' })
  count!: number;

  @Column(DATETIME)
  firstAt!: Date;

  @Column(DATETIME)
  lastAt!: Date;
}
