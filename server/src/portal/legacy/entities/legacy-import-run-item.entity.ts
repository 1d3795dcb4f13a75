import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { jsonText } from '../../../database/columns';

export type LegacyRunItemState = 'pending' | 'new' | 'updated' | 'unchanged' | 'failed';

/** A feed entry's own content, kept when the source reads no detail page (a resumed run does not fetch the feed again). */
export interface LegacyFeedEntry {
  title: string;
  link: string;
  date: string | null;
  bodyHtml: string;
  column: string | null;
}

/** A page a run listed, in list order (`id`), and what became of it; `message` is a failure's reason or a note. */
@Entity('legacy_import_run_item')
@Index('idx_legacy_run_item_url', ['runId', 'urlHash'], { unique: true })
@Index('idx_legacy_run_item_state', ['runId', 'state', 'id'])
export class LegacyImportRunItem {
  @PrimaryGeneratedColumn()
  id!: number;

  /** legacy_import_run (deleted with it). */
  @Column({ type: 'int' })
  runId!: number;

  @Column({ type: 'varchar', length: 1000 })
  url!: string;

  @Column({ type: 'varchar', length: 64 })
  urlHash!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: LegacyRunItemState;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  entry!: LegacyFeedEntry | null;
}
