import type { InquiryKindCode } from '@gongkai/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A question and its answer published anonymously (edited by staff), from an inquiry whose parent allowed it. */
@Entity('inquiry_qa')
export class InquiryQa {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int', unique: true })
  inquiryId!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: InquiryKindCode;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'text' })
  answer!: string;

  @Column({ type: 'varchar', length: 100 })
  unitName!: string;

  @Column(DATETIME)
  askedAt!: Date;

  @Column(DATETIME)
  answeredAt!: Date;

  @Column({ type: 'int', nullable: true })
  publishedById!: number | null;

  @Column(DATETIME)
  publishedAt!: Date;
}
