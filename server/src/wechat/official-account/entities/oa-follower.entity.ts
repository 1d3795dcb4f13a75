import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/**
 * A person who follows (or followed) the official account, kept from subscribe/unsubscribe
 * events. Linked to a parent account only by a join on `unionid` (nothing is copied).
 */
@Entity('oa_follower')
export class OaFollower {
  /** The official account's openid (not the mini-program's). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  openid!: string;

  @Index('idx_oa_follower_unionid')
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ type: 'boolean', default: false })
  followed!: boolean;

  @Column({ ...DATETIME, nullable: true })
  followedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  unfollowedAt!: Date | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
