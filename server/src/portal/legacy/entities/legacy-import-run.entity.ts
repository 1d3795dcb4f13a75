import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

export type LegacyRunState = 'running' | 'finished' | 'abandoned';

/**
 * One `portal import` of a source. The list phase records each list page's links with the page
 * count in one step, so a run started again continues at the next list page and then with the
 * pages not yet done; `--restart` abandons it.
 */
@Entity('legacy_import_run')
@Index('idx_legacy_run_source', ['source', 'state'])
export class LegacyImportRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 60 })
  source!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: LegacyRunState;

  /** List pages (or the feed) read so far. */
  @Column({ type: 'int', default: 0 })
  pagesDone!: number;

  /** The list page to read next; null when the list is done. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  nextPageUrl!: string | null;

  /** How many list pages the first one announced (TRS's createPageHTML), when the source says how to read it. */
  @Column({ type: 'int', nullable: true })
  pageCount!: number | null;

  @Column({ type: 'boolean', default: false })
  listDone!: boolean;

  @Column(DATETIME)
  startedAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  finishedAt!: Date | null;
}
