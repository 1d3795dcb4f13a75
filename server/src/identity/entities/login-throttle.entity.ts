import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** Failed sign-ins per account (`user:<name>`) and per address (`ip:<addr>`), shared by every instance. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column(DATETIME)
  windowStartedAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  lockedUntil!: Date | null;
}
