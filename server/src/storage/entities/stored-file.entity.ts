import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

export const FILE_PURPOSES = ['attachment', 'inquiry_photo', 'generated'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/**
 * pending: stored, not yet used by anything (an upload before its notice is saved); in_use: a
 * feature holds it; released: no longer used, its bytes are deleted by the next clean-up round.
 */
export type StoredFileState = 'pending' | 'in_use' | 'released';

/** A file's metadata; its bytes are in the object store under `storageKey`. */
@Entity('stored_file')
@Index('idx_stored_file_state', ['state', 'createdAt'])
@Index('idx_stored_file_key', ['storageKey'], { unique: true })
export class StoredFile {
  /** Random (UUID): part of download URLs, not guessable. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: FilePurpose;

  /** The original file name, Chinese kept. */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 120 })
  contentType!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  size!: number;

  /** Hex SHA-256 of the bytes: the ETag, and a check that what is served is what was stored. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: StoredFileState;

  @Column({ type: 'int', nullable: true })
  staffId!: number | null;

  @Column({ type: 'int', nullable: true })
  parentId!: number | null;

  @Column(DATETIME)
  createdAt!: Date;

  @Column({ ...DATETIME, nullable: true })
  releasedAt!: Date | null;
}
