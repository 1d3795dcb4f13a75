import type { SyncChangeKind } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * The change log: one row per publication, correction (`updated`) and withdrawal of a notice.
 * `seq` is taken under a row lock inside the writing transaction (see ChangeLogRepository.append),
 * so positions are in commit order and a reader never misses a change that commits later with a
 * smaller position. The change feed, the portal pushes and the feeds read it.
 */
@Entity('notice_change')
@Index('idx_notice_change_notice', ['noticeId', 'seq'])
export class NoticeChange {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  seq!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: SyncChangeKind;

  /** A withdrawal's reason as the public may read it; null otherwise. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column(DATETIME)
  changedAt!: Date;
}
