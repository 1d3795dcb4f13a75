import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/**
 * Each message or event the official account received, once: WeChat retries when it gets no
 * answer within 5 s, and a retry finds its row here and gets the stored answer again.
 */
@Entity('oa_inbound_message')
export class OaInboundMessage {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `msg:<MsgId>` for messages, `event:<FromUserName>:<CreateTime>:<Event>` for events. */
  @Column({ type: 'varchar', length: 160, unique: true })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 64 })
  fromUser!: string;

  @Column({ type: 'varchar', length: 20 })
  msgType!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  event!: string | null;

  /** The plaintext reply XML given; null when the answer was `success`. */
  @Column({ type: 'text', nullable: true })
  replyXml!: string | null;

  /** Indexed for the retention job (oa_message), which deletes what is older than its cutoff. */
  @Index('idx_oa_inbound_message_received')
  @Column(DATETIME)
  receivedAt!: Date;
}
