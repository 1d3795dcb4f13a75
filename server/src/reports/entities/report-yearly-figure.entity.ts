import type { YearlyFigureKey } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** One figure of table 二 that another system holds (行政许可 …), entered once a year, with who entered it. */
@Entity('report_yearly_figure')
@Index('uq_report_yearly_figure', ['year', 'key'], { unique: true })
export class ReportYearlyFigure {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 20 })
  key!: YearlyFigureKey;

  /** A whole number, or 万元 with up to 4 decimals (kept as written: no float rounding). */
  @Column({ type: 'varchar', length: 20 })
  value!: string;

  @Column({ type: 'int' })
  enteredById!: number;

  @Column(DATETIME)
  enteredAt!: Date;
}
