import type { CalendarDayKind } from '@gongkai/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A holiday or make-up day entered by staff; it replaces the built-in (chinese-days) entry of its date. */
@Entity('calendar_day')
export class CalendarDay {
  /** YYYY-MM-DD, Asia/Shanghai. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: CalendarDayKind;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'int', nullable: true })
  createdById!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  createdByUsername!: string | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
