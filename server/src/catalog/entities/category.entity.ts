import { Column, Entity } from 'typeorm';
import { CatalogEntry } from './catalog-entry';

@Entity('category')
export class Category extends CatalogEntry {
  /** Stable: used in URLs and in every 索引号. */
  @Column({ type: 'varchar', length: 20, unique: true })
  code!: string;
}
