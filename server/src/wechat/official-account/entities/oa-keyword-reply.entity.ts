import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

export const KEYWORD_MATCHES = ['exact', 'contains'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

/** A staff-configured answer to text sent to the official account. */
@Entity('oa_keyword_reply')
export class OaKeywordReply {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30, unique: true })
  keyword!: string;

  @Column({ type: 'varchar', length: 10 })
  match!: KeywordMatch;

  /** Plain text (may contain a link); WeChat shows up to about 600 characters. */
  @Column({ type: 'varchar', length: 600 })
  reply!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
