import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inquiry's phone is encrypted at rest (`gk1:<key id>:<base64url>`, about 70 characters for a
 * phone), with a keyed hash beside it (64 hex characters) so staff can find a caller's inquiries
 * without decrypting anything. The rows already there are sealed and hashed by the server when
 * this version first starts (the keys are configuration, which migrations do not read).
 * SQLite does not enforce a varchar's length, so only MySQL widens the column; plain ALTER TABLE
 * ADD COLUMN on both (TypeORM's addColumn would rebuild the SQLite table).
 */
export class EncryptInquiryPhone1802304000000 implements MigrationInterface {
  name = 'EncryptInquiryPhone1802304000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'mysql') await q.query('ALTER TABLE inquiry MODIFY phone varchar(200) NULL');
    await q.query('ALTER TABLE inquiry ADD COLUMN phone_hash varchar(64) NULL');
    await q.query('CREATE INDEX idx_inquiry_phone_hash ON inquiry (phone_hash)');
  }

  /** Keeps the wider column: sealed phones do not fit the old 30 characters (decrypting needs the keys). */
  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('inquiry', 'idx_inquiry_phone_hash');
    await q.dropColumn('inquiry', 'phone_hash');
  }
}
