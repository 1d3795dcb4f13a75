import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ZoningApplicant, ZoningParity, ZoningStage } from '@gongkai/shared';

/**
 * One row of the table: which school a stage goes to for a town, village, compound or road
 * (with house and building number ranges, odd / even side), for whom and on what condition.
 */
@Entity('zoning_rule')
@Index('idx_zoning_rule_table', ['tableId', 'id'])
export class ZoningRule {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  tableId!: number;

  @Column({ type: 'varchar', length: 12 })
  stage!: ZoningStage;

  /** The school's name within the table (zoning_school.name). */
  @Column({ type: 'varchar', length: 100 })
  school!: string;

  @Column({ type: 'varchar', length: 100 })
  town!: string;

  @Column({ type: 'varchar', length: 100 })
  village!: string;

  @Column({ type: 'varchar', length: 100 })
  compound!: string;

  @Column({ type: 'int', nullable: true })
  fromNo!: number | null;

  @Column({ type: 'int', nullable: true })
  toNo!: number | null;

  @Column({ type: 'varchar', length: 8 })
  parity!: ZoningParity;

  @Column({ type: 'int', nullable: true })
  buildingFrom!: number | null;

  @Column({ type: 'int', nullable: true })
  buildingTo!: number | null;

  @Column({ type: 'varchar', length: 12 })
  applicant!: ZoningApplicant;

  /** `condition` is a reserved word in MySQL. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  conditionText!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ type: 'int', nullable: true })
  sourceRow!: number | null;
}
