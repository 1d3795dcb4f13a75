import type { PushAudienceKind, PushCampaignStatus, PushChannel, PushChannelPreview } from '@gongkai/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** An announcement push of one notice to an audience; its deliveries are rows of push_delivery. */
@Entity('push_campaign')
export class PushCampaign {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  noticeId!: number;

  @Column({ type: 'varchar', length: 10 })
  audienceKind!: PushAudienceKind;

  @Column({ type: 'varchar', length: 40, nullable: true })
  audienceCode!: string | null;

  @Column({ type: 'text', transformer: jsonText })
  channels!: PushChannel[];

  @Column({ type: 'text', transformer: jsonText })
  fieldMapping!: Record<string, string>;

  /** The fitted data of each channel, fixed when the campaign was made: every delivery sends exactly this. */
  @Column({ type: 'text', transformer: jsonText })
  payloads!: PushChannelPreview[];

  @Column({ type: 'varchar', length: 10 })
  status!: PushCampaignStatus;

  @Column({ type: 'int' })
  total!: number;

  @Column({ type: 'int', nullable: true })
  createdById!: number | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  createdByUsername!: string | null;

  @Column(DATETIME)
  createdAt!: Date;
}
