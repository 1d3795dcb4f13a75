import type { BriefingKind } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RecordStamps } from './record-stamps';

/** A press conference or policy briefing (新闻发布会 / 政策吹风会) the yearly report counts. */
@Entity('report_briefing')
@Index('idx_report_briefing_year', ['year', 'date'])
export class ReportBriefing extends RecordStamps {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: BriefingKind;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'varchar', length: 200 })
  speakers!: string;

  @Column({ type: 'int', nullable: true })
  noticeId!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  url!: string | null;
}
