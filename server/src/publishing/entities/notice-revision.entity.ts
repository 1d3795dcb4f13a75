import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** The title and body that went into review in one round (written on submit). */
@Entity('notice_revision')
@Index('idx_notice_revision_round', ['noticeId', 'round'], { unique: true })
export class NoticeRevision {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column(DATETIME)
  submittedAt!: Date;
}
