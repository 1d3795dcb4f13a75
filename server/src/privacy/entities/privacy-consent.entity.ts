import type { ConsentChannel, ConsentKind } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * Append-only: each consent a parent gives or withdraws, with its time, version and channel
 * (PIPL art. 14, 15, 31). The current state of a kind is its latest row. Kept when the account is
 * cancelled, as the evidence that processing had a basis; it holds no personal data itself.
 */
@Entity('privacy_consent')
@Index('idx_privacy_consent_parent', ['parentId', 'kind', 'id'])
export class PrivacyConsent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  parentId!: number;

  @Column({ type: 'varchar', length: 30 })
  kind!: ConsentKind;

  @Column({ type: 'boolean' })
  granted!: boolean;

  /** The privacy notice's version agreed to; null for the other kinds. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  version!: string | null;

  @Column({ type: 'varchar', length: 10 })
  channel!: ConsentChannel;

  /** What it was given for (`咨询 ZX…`); null when general. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  subject!: string | null;

  @Column(DATETIME)
  createdAt!: Date;
}
