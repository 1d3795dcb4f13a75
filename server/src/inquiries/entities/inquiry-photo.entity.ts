import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A photo a parent uploaded, attached to at most one inquiry; its bytes are a stored file (`fileId`, purpose inquiry_photo). */
@Entity('inquiry_photo')
@Index('idx_inquiry_photo_parent', ['parentId'])
@Index('idx_inquiry_photo_inquiry', ['inquiryId'])
export class InquiryPhoto {
  /** Random (UUID): not guessable, and no row count leaks. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
  parentId!: number;

  @Column({ type: 'int', nullable: true })
  inquiryId!: number | null;

  @Column({ type: 'varchar', length: 20 })
  contentType!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /**
   * The stored file with the bytes (StoredFile, in the storage module). Null only in the schema:
   * every photo has one since migration 1802822400000, which moved the bytes out of this table.
   */
  @Column({ type: 'varchar', length: 36, nullable: true })
  fileId!: string | null;

  @Column(DATETIME)
  createdAt!: Date;
}
