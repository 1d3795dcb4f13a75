import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/** A staff account's official-account follower (for reminders), and the short-lived code that links them. */
@Entity('staff_oa_binding')
export class StaffOaBinding {
  @PrimaryColumn({ type: 'int' })
  staffId!: number;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  oaOpenid!: string | null;

  @Column({ ...DATETIME, nullable: true })
  boundAt!: Date | null;

  @Column({ type: 'varchar', length: 6, nullable: true, unique: true })
  bindCode!: string | null;

  @Column({ ...DATETIME, nullable: true })
  codeExpiresAt!: Date | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
