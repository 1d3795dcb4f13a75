import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notice_attachment')
@Index('idx_notice_attachment_notice', ['noticeId', 'position'])
export class NoticeAttachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 1000 })
  url!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  size!: number;
}
