import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/**
 * A signed (timestamp, nonce) pair the callback accepted, and the message it carried: the pair is
 * accepted again only for that message (WeChat's retries), until its timestamp leaves the skew window.
 */
@Entity('oa_callback_nonce')
export class OaCallbackNonce {
  /** `<timestamp>:<nonce>` as signed. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  signedPair!: string;

  /** The message's identity: `dedupeKey` (MsgId, or sender + CreateTime + event). */
  @Column({ type: 'varchar', length: 160 })
  messageKey!: string;

  /** When the timestamp leaves the window; the row is deleted after. */
  @Index('idx_oa_callback_nonce_expires')
  @Column(DATETIME)
  expiresAt!: Date;
}
