import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/** Wrong `绑定 NNNNNN` attempts of one follower in the hour that started at `windowStartedAt`. */
@Entity('oa_bind_throttle')
export class OaBindThrottle {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  openid!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column(DATETIME)
  windowStartedAt!: Date;
}
