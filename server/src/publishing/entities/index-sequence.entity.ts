import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Last number used per scope: the 索引号 sequence per unit, category and year (publishing), and the
 * inquiries' daily tracking numbers, which sit above publishing and reuse the table.
 */
@Entity('index_sequence')
export class IndexSequence {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  scope!: string;

  @Column({ type: 'int' })
  last!: number;
}
