import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SchoolKind, SchoolOwnership } from '@gongkai/shared';

/** A school as one table lists it (name, stage, address, phone); names are unique within a table. */
@Entity('zoning_school')
@Index('idx_zoning_school_name', ['tableId', 'name'], { unique: true })
export class ZoningSchool {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  tableId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: SchoolKind;

  @Column({ type: 'varchar', length: 12 })
  ownership!: SchoolOwnership;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ type: 'varchar', length: 60 })
  phone!: string;

  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  /** WGS-84 degrees (decimal text keeps them exact on both databases). */
  @Column({ type: 'decimal', precision: 10, scale: 6, nullable: true })
  longitude!: string | null;

  @Column({ type: 'decimal', precision: 10, scale: 6, nullable: true })
  latitude!: string | null;

  @Column({ type: 'int', nullable: true })
  sourceRow!: number | null;
}
