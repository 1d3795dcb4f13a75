import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Another name of a place within a table (简称、曾用名) → the name its rules use. */
@Entity('zoning_alias')
@Index('idx_zoning_alias_table', ['tableId'])
export class ZoningAlias {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  tableId!: number;

  @Column({ type: 'varchar', length: 100 })
  alias!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
