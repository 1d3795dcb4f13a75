import type { PushAudienceKind, PushCampaignStatus, PushChannel, PushChannelPreview } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/** An announcement push of one notice to an audience; its deliveries are rows of push_delivery. */
@Entity('push_campaign')
@Index('uq_push_campaign_auto_notice', ['autoNoticeId'], { unique: true })
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

  /** `system:auto-push` (AUTO_PUSH_CREATOR) for the campaigns made automatically on publish. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  createdByUsername!: string | null;

  /** The notice of an automatic campaign (a category's auto push), unique: one per notice. Null for manual campaigns. */
  @Column({ type: 'int', nullable: true })
  autoNoticeId!: number | null;

  @Column(DATETIME)
  createdAt!: Date;

  /** When its first delivery was sent (written with the outcomes). */
  @Column({ ...DATETIME, nullable: true })
  startedAt!: Date | null;
}
