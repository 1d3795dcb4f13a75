import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** One-time subscribe acceptances left of a parent for a template: each accept adds one, each sent message uses one. */
@Entity('push_quota')
export class PushQuota {
  @PrimaryColumn({ type: 'int' })
  parentId!: number;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  templateId!: string;

  @Column({ type: 'int', default: 0 })
  remaining!: number;

  /** The last result requestSubscribeMessage reported for it (accept, reject, ban, filter). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastResult!: string | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
