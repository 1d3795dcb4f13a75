import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/**
 * A person who follows (or followed) the official account, kept from subscribe/unsubscribe
 * events. Linked to a parent account only by a join on `unionid` (nothing is copied). The events
 * carry only the openid: the unionid is looked up with `/cgi-bin/user/info` (OaUnionids).
 */
@Entity('oa_follower')
@Index('idx_oa_follower_lookup', ['followed', 'unionid', 'unionidCheckedAt'])
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

  /**
   * When WeChat last answered a unionid lookup for this follower without a unionid (official
   * account not bound to an Open Platform account, user not following, openid refused); the
   * backfill asks again only a day later. Null: never answered, so looked up at the next round.
   */
  @Column({ ...DATETIME, nullable: true })
  unionidCheckedAt!: Date | null;

  @Column(DATETIME)
  updatedAt!: Date;
}
