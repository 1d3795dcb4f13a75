import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * A parent who signed in from the mini-program (by WeChat openid) or, in the embedded demo, a demo
 * parent without one. The openid and unionid never leave the server.
 */
@Entity('parent_account')
@Index('idx_parent_account_last_login', ['lastLoginAt'])
export class ParentAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The mini-program openid; null for demo parents. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  openid!: string | null;

  /** Present when the mini-program is bound to an Open Platform account; kept once seen. */
  @Index('idx_parent_account_unionid')
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ type: 'varchar', length: 50 })
  displayName!: string;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  lastLoginAt!: Date;

  /**
   * Set when the parent cancelled the account (注销) or the retention job did: the row stays,
   * anonymised (no openid, unionid or name), so what points at it stays valid; its tokens stop working.
   */
  @Column({ ...DATETIME, nullable: true })
  cancelledAt!: Date | null;
}
