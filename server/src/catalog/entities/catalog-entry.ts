import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** What a 公开目录 category and a special topic both are: a coded, named, ordered entry. */
export abstract class CatalogEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'int', default: 0 })
  sortOrder!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
