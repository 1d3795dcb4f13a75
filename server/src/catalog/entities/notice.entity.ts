import type { DisclosureAttribute, InfoType, NoticeStatus } from '@gongkai/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DATETIME } from '../../database/columns';

@Entity('notice')
@Index('idx_notice_public_feed', ['status', 'disclosure', 'publishedAt', 'id'])
@Index('idx_notice_public_category', ['categoryId', 'status', 'disclosure', 'publishedAt', 'id'])
@Index('idx_notice_public_unit', ['unitId', 'status', 'disclosure', 'publishedAt', 'id'])
@Index('idx_notice_schedule', ['status', 'publishAt'])
@Index('idx_notice_publication_stats', ['disclosure', 'publishedAt', 'categoryId', 'infoType'])
@Index('idx_notice_normative', ['normative', 'normativeIssuedOn', 'normativeRepealedOn', 'publishedAt'])
export class Notice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: NoticeStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  summary!: string;

  @Column({ type: 'int' })
  categoryId!: number;

  @Column({ type: 'int' })
  unitId!: number;

  /** 文号, e.g. 乐教发〔2026〕12号 */
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentNo!: string | null;

  /** 索引号, given when the notice is published. */
  @Column({ type: 'varchar', length: 80, nullable: true, unique: true })
  indexNo!: string | null;

  @Column({ type: 'varchar', length: 20 })
  disclosure!: DisclosureAttribute;

  @Column({ type: 'varchar', length: 200, nullable: true })
  disclosureReason!: string | null;

  @Column({ type: 'varchar', length: 20 })
  infoType!: InfoType;

  /** 规范性文件 */
  @Column({ type: 'boolean', default: false })
  normative!: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  normativeIssuedOn!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  normativeRepealedOn!: string | null;

  /** Sanitised on write; safe to render. */
  @Column({ type: 'text' })
  bodyHtml!: string;

  /** The body without markup, for search. */
  @Column({ type: 'text' })
  bodyText!: string;

  @Column({ type: 'int' })
  authorId!: number;

  @Column({ ...DATETIME, nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  viewCount!: number;

  /** Where the county portal published this notice (it tells us through the sync API); the public pages' canonical. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  portalUrl!: string | null;

  /** Review round: 0 until first submitted, +1 on every submit. */
  @Column({ type: 'int', default: 0 })
  round!: number;

  /** When a scheduled notice is to be published. */
  @Column({ ...DATETIME, nullable: true })
  publishAt!: Date | null;

  /** The 保密审查 decision: null until recorded; false = may never be published. */
  @Column({ type: 'boolean', nullable: true })
  publishable!: boolean | null;

  /** When the notice entered its current status. */
  @Column({ ...DATETIME, nullable: true })
  statusChangedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
