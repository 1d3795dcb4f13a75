import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/**
 * An API key of the county portal (or another integrator) for the change feed. Only the key's
 * SHA-256 is kept: the key is 256 random bits, so a plain hash is as good as a slow one and lets
 * the guard find the row by index.
 */
@Entity('portal_client')
@Index('idx_portal_client_key', ['keyHash'], { unique: true })
export class PortalClient {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  /** `gkp_` and the key's next 8 characters, shown in the list to tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ type: 'int' })
  createdById!: number;

  /** The creating admin's username, kept so the list needs no join into identity. */
  @Column({ type: 'varchar', length: 50 })
  createdByUsername!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  revokedAt!: Date | null;
}
