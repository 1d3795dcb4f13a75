import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** What would have been sent while the channel's credentials are not configured (embedded demo): the exact request body. */
@Entity('push_dry_run')
export class PushDryRun {
  @PrimaryColumn({ type: 'int' })
  deliveryId!: number;

  @Column({ type: 'varchar', length: 100 })
  path!: string;

  @Column({ type: 'text', transformer: jsonText })
  body!: object;

  @Column(DATETIME)
  createdAt!: Date;
}
