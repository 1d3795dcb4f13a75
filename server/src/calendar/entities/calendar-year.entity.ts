import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A year staff have edited; `complete` makes it known, so its deadlines are no longer flagged. */
@Entity('calendar_year')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'boolean', default: false })
  complete!: boolean;

  @Column({ type: 'varchar', length: 200, default: '' })
  note!: string;

  @Column({ type: 'int', nullable: true })
  updatedById!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  updatedByUsername!: string | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
