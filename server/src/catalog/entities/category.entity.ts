import type { AutoPushSetting } from '@gongkai/shared';
import { Column, Entity, ValueTransformer } from 'typeorm';
import { DATETIME } from '../../database/columns';
import { CatalogEntry } from './catalog-entry';

/** JSON in a text column where null stays SQL NULL (so "auto push is on" is `auto_push IS NOT NULL`). */
const nullableJson: ValueTransformer = {
  to: (value: unknown) => (value == null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value == null ? null : JSON.parse(value)),
};

@Entity('category')
export class Category extends CatalogEntry {
  /** Stable: used in URLs and in every 索引号. */
  @Column({ type: 'varchar', length: 20, unique: true })
  code!: string;

  /** Push announcements of the category's 主动公开 notices to its subscribers when they are published; null = off. Staff only. */
  @Column({ type: 'text', nullable: true, transformer: nullableJson })
  autoPush!: AutoPushSetting | null;

  /** When auto push was turned on (kept while it is edited); notices published earlier are never pushed automatically. */
  @Column({ ...DATETIME, nullable: true })
  autoPushSince!: Date | null;
}
