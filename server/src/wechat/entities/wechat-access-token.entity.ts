import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * The one access token per AppID that every instance shares (WeChat allows one valid token at a
 * time per refresh mode, so instances must not fetch their own). `refreshLeaseUntil` marks the
 * instance that is fetching a new one; `stale` is set by a caller that got 40001/42001 with it.
 */
@Entity('wechat_access_token')
export class WechatAccessToken {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  appid!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  token!: string | null;

  /** When WeChat stops accepting it. */
  @Column({ ...DATETIME, nullable: true })
  expiresAt!: Date | null;

  /** From here on the next caller fetches a new one (the old one still works until expiresAt). */
  @Column({ ...DATETIME, nullable: true })
  refreshAfter!: Date | null;

  /** WeChat refused it (40001/42001): the next fetch uses force_refresh. */
  @Column({ type: 'boolean', default: false })
  stale!: boolean;

  @Column({ ...DATETIME, nullable: true })
  refreshLeaseUntil!: Date | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
