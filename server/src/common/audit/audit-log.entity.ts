import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** Append-only: the API has no route that updates or deletes a row. */
@Entity('audit_log')
@Index('idx_audit_entity', ['entityType', 'entityId'])
@Index('idx_audit_subject_parent', ['subjectParentId', 'id'])
export class AuditLog {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  actorUsername!: string | null;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  entityId!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  before!: object | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  after!: object | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** The parent whose personal data the entry concerns (a staff member reading it), for the admin's review. */
  @Column({ type: 'int', nullable: true })
  subjectParentId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
