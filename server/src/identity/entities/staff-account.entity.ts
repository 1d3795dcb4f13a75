import type { StaffRole } from '@gongkai/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

@Entity('staff_account')
export class StaffAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 50 })
  displayName!: string;

  /** argon2id PHC string */
  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'simple-array' })
  roles!: StaffRole[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Signed into every staff token; moved on by a password change, deactivation or role change, which ends the older tokens. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
