import { Column, Entity } from 'typeorm';
import { CatalogEntry } from './catalog-entry';

@Entity('topic')
export class Topic extends CatalogEntry {
  @Column({ type: 'varchar', length: 40, unique: true })
  code!: string;
}
