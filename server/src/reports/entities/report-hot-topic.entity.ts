import type { HotTopicChannel } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RecordStamps } from './record-stamps';

/** A response to a hot topic or public concern (舆情 / 热点回应) the yearly report counts. */
@Entity('report_hot_topic')
@Index('idx_report_hot_topic_year', ['year', 'date'])
export class ReportHotTopic extends RecordStamps {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The year of `date` (the year it counts in), kept for the index. */
  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'varchar', length: 20 })
  channel!: HotTopicChannel;

  @Column({ type: 'int', nullable: true })
  noticeId!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url!: string | null;
}
