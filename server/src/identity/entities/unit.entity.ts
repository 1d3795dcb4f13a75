import type { UnitKind } from '@gongkai/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A 科室 of the bureau or a school under it; its code starts every 索引号 it publishes. */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: UnitKind;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
