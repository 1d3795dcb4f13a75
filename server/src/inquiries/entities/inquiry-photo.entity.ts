import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

/** A photo a parent uploaded, kept in the database (instances share no disk); attached to at most one inquiry. */
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

  /** `longblob` on MySQL (the migration says so). */
  @Column({ type: 'blob', select: false })
  data!: Buffer;

  @Column(DATETIME)
  createdAt!: Date;
}
