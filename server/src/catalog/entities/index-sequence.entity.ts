import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last 索引号 sequence used per unit, category and year. */
@Entity('index_sequence')
export class IndexSequence {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope!: string;

  @Column({ type: 'int' })
  last!: number;
}
