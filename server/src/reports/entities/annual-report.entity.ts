import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * One year's report: the narrative staff wrote, the version of the yearly figures, and once it is
 * written into a notice, that notice, the PDF attached to it and the report frozen as generated.
 * A row exists from the first save of anything for the year.
 */
@Entity('annual_report')
export class AnnualReport {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** JSON: Record<NarrativePart, string>; null until saved. */
  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ type: 'int', default: 0 })
  narrativeVersion!: number;

  @Column({ type: 'int', nullable: true })
  narrativeSavedById!: number | null;

  @Column({ ...DATETIME, nullable: true })
  narrativeSavedAt!: Date | null;

  /** Moves on with every entry of the yearly figures (their optimistic lock). */
  @Column({ type: 'int', default: 0 })
  figuresVersion!: number;

  @Column({ type: 'int', nullable: true })
  noticeId!: number | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  pdfFileId!: string | null;

  /** JSON: AnnualReportData as written into the notice (MEDIUMTEXT on MySQL). */
  @Column({ type: 'text', nullable: true })
  frozen!: string | null;

  @Column({ ...DATETIME, nullable: true })
  frozenAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  updatedAt!: Date;
}
