import { Column } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** Who wrote a record and when, and its version (the optimistic lock): the columns every report record has. */
export abstract class RecordStamps {
  @Column({ type: 'int' })
  createdById!: number;

  @Column({ type: 'int' })
  updatedById!: number;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
