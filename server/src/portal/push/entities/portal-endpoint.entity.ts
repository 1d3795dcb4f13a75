import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../../database/columns';
import { encryptedColumn } from '../../../privacy/crypto/encrypted-column';

const bigint = { type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } } as const;

/** A portal endpoint that receives signed pushes of every change of the notices it takes. */
@Entity('portal_endpoint')
export class PortalEndpoint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  url!: string;

  /** The HMAC key: a credential we present, so kept encrypted (not hashed); never shown again after it is set. */
  @Column({ type: 'varchar', length: 500, transformer: encryptedColumn })
  secret!: string;

  /** Category codes whose notices go there; empty: all. */
  @Column({ type: 'text', transformer: jsonText })
  categories!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * The change-log position up to which changes have been turned into deliveries for this
   * endpoint; advanced only together with the deliveries it stands for (same transaction,
   * conditional on the old value).
   */
  @Column({ ...bigint, default: 0 })
  position!: number;

  @Column(DATETIME)
  secretSetAt!: Date;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;
}
