import type { ChallengeKind, ChallengeResult } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** An administrative reconsideration or lawsuit about the bureau's disclosure work (table 四): about a request, or a notice. */
@Entity('disclosure_challenge')
@Index('idx_disclosure_challenge_filed', ['filedDate'])
export class DisclosureChallenge {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: ChallengeKind;

  @Column({ type: 'int', nullable: true })
  requestId!: number | null;

  @Column({ type: 'int', nullable: true })
  noticeId!: number | null;

  /** 案号 or the body's reference. */
  @Column({ type: 'varchar', length: 100 })
  caseNo!: string;

  /** 行政复议机关 / 法院. */
  @Column({ type: 'varchar', length: 100 })
  body!: string;

  @Column({ type: 'varchar', length: 10 })
  filedDate!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decidedDate!: string | null;

  @Column({ type: 'varchar', length: 12 })
  result!: ChallengeResult;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  createdById!: number;

  @Column({ type: 'int', nullable: true })
  updatedById!: number | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
