import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * One imported table of a school year. A year may hold several (a draft, the one in effect, the
 * ones it superseded). Which one is in effect is not stored: it follows from its 划片 notice
 * (published and not withdrawn: in effect from the notice's published time) or, for the first
 * set-up from the command line, from `setupPublishedAt`. So the review chain alone decides, and
 * a scheduled notice makes its year current at the scheduled time.
 */
@Entity('zoning_table')
@Index('idx_zoning_table_year', ['year'])
@Index('idx_zoning_table_notice', ['noticeId'])
export class ZoningTable {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  /** The uploaded file's name. */
  @Column({ type: 'varchar', length: 200 })
  sourceName!: string;

  @Column({ type: 'int' })
  ruleCount!: number;

  @Column({ type: 'int' })
  schoolCount!: number;

  /** Null when imported from the command line. */
  @Column({ type: 'int', nullable: true })
  importedById!: number | null;

  /** Display name of who imported it (the command line: “命令行”). */
  @Column({ type: 'varchar', length: 100 })
  importedByName!: string;

  @Column(DATETIME)
  importedAt!: Date;

  /** The 划片 notice the table goes through review with (its attachment is this table). */
  @Column({ type: 'int', nullable: true })
  noticeId!: number | null;

  /** The stored file attached to the notice (regenerated on every change while editable). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  attachmentFileId!: string | null;

  /** Set when the command line's `--publish` put it in effect at set-up (audited). */
  @Column({ ...DATETIME, nullable: true })
  setupPublishedAt!: Date | null;

  /** Optimistic lock for edits and attaching. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  updatedAt!: Date;
}
