import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/**
 * What one page of a legacy source became: its notice, the hash of the content imported (a page
 * whose hash is unchanged is left alone), the hash of the notice's text as the import wrote it (a
 * notice staff changed since is never overwritten) and the page's validators for a conditional
 * GET. One row per source and URL.
 */
@Entity('legacy_import_item')
@Index('idx_legacy_item_url', ['source', 'urlHash'], { unique: true })
@Index('idx_legacy_item_notice', ['noticeId'])
export class LegacyImportItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  source!: string;

  @Column({ type: 'varchar', length: 1000 })
  url!: string;

  /** SHA-256 of the URL: the unique key (MySQL cannot index 1,000 characters). */
  @Column({ type: 'varchar', length: 64 })
  urlHash!: string;

  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'int' })
  noticeId!: number;

  /** The notice's title, summary, 文号 and body as the import wrote them, hashed. */
  @Column({ type: 'varchar', length: 64 })
  localHash!: string;

  /** The source's extraction and mapping settings when the page was imported: a changed config re-reads every page. */
  @Column({ type: 'varchar', length: 64 })
  configHash!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  etag!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lastModified!: string | null;

  @Column(DATETIME)
  firstImportedAt!: Date;

  @Column(DATETIME)
  lastImportedAt!: Date;
}
