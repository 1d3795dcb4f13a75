import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inquiries under the privacy rules: whether the parent said it tells about a child under 14
 * (sensitive information, given with the guardian's separate consent); when the guardian withdrew
 * that consent while it was still open (its child's content goes when it is finished); when its
 * parent cancelled the account (kept as the archive, staff see 申请人已注销). Plain ALTER TABLE
 * ADD COLUMN on both databases (TypeORM's addColumn would rebuild the SQLite table).
 */
export class InquiryChildConsent1802563200000 implements MigrationInterface {
  name = 'InquiryChildConsent1802563200000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    await q.query(`ALTER TABLE inquiry ADD COLUMN involves_child ${mysql ? 'tinyint' : 'boolean'} NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE inquiry ADD COLUMN child_consent_withdrawn_at ${mysql ? 'datetime(3)' : 'datetime'} NULL`);
    await q.query(`ALTER TABLE inquiry ADD COLUMN parent_cancelled_at ${mysql ? 'datetime(3)' : 'datetime'} NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('inquiry', 'parent_cancelled_at');
    await q.dropColumn('inquiry', 'child_consent_withdrawn_at');
    await q.dropColumn('inquiry', 'involves_child');
  }
}
