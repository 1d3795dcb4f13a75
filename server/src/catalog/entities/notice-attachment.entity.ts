import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notice_attachment')
@Index('idx_notice_attachment_notice', ['noticeId', 'position'])
@Index('idx_notice_attachment_file', ['fileId'])
export class NoticeAttachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** A link typed by hand; for an uploaded file its public download path. */
  @Column({ type: 'varchar', length: 1000 })
  url!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  size!: number;

  /** The uploaded file (stored_file.id); null for a link typed by hand. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  fileId!: string | null;

  /** The uploaded file's type as served; null for a link. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  contentType!: string | null;
}
