import type { DisclosureLetterInput, DisclosureOutcome } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** What the handler wrote into the outcome's template (the rest of the letter comes from the template): shared's DisclosureLetterInput. */
export type DisclosureLetterContent = DisclosureLetterInput;

/** A reply letter (答复书): drafted by the handler, approved by the office head, numbered when approved. */
@Entity('disclosure_letter')
@Index('idx_disclosure_letter_request', ['requestId'])
@Index('idx_disclosure_letter_number', ['year', 'seq'], { unique: true })
export class DisclosureLetter {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  requestId!: number;

  @Column({ type: 'varchar', length: 40 })
  outcome!: DisclosureOutcome;

  @Column({ type: 'text', transformer: jsonText })
  content!: DisclosureLetterContent;

  /** `draft` → `approved` (numbered, rendered, sent) or `returned`. */
  @Column({ type: 'varchar', length: 12 })
  status!: 'draft' | 'approved' | 'returned';

  /** 〔year〕No.: given when approved, from a per-year sequence. */
  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'int', nullable: true })
  seq!: number | null;

  @Column({ type: 'int' })
  draftedById!: number;

  @Column({ type: 'int', nullable: true })
  approvedById!: number | null;

  @Column({ ...DATETIME, nullable: true })
  approvedAt!: Date | null;

  /** The stored PDF and HTML (storage module), once approved. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  pdfFileId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  htmlFileId!: string | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
