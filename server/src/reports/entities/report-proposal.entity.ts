import type { ProposalKind, ProposalRole, ProposalSatisfaction } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RecordStamps } from './record-stamps';

/** An NPC suggestion or CPPCC proposal (人大建议 / 政协提案) the bureau led or co-handled. */
@Entity('report_proposal')
@Index('uq_report_proposal_number', ['year', 'kind', 'number'], { unique: true })
export class ReportProposal extends RecordStamps {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: ProposalKind;

  @Column({ type: 'varchar', length: 40 })
  number!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: ProposalRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  partners!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  replyDate!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  satisfaction!: ProposalSatisfaction | null;
}
