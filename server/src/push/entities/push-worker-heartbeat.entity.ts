import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** One row per running push worker, renewed while it runs: the instances divide the global send rate by their number. */
@Entity('push_worker')
export class PushWorkerHeartbeat {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  owner!: string;

  @Column(DATETIME)
  heartbeatAt!: Date;
}
