import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Corrections (更正) of published notices: the corrected content while it goes through the review
 * chain, and which rows of the review log belong to a correction. `open_notice_id` holds the
 * notice's id while the correction is open and NULL after: its unique index makes "one open
 * correction per notice" one atomic step on both databases (neither has partial indexes in common).
 */
export class NoticeCorrections1802995200000 implements MigrationInterface {
  name = 'NoticeCorrections1802995200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notice_correction',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'notice_id', type: 'int' },
          { name: 'open_notice_id', type: 'int', isNullable: true },
          { name: 'round', type: 'int' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'varchar', length: '500', default: "''" },
          { name: 'document_no', type: 'varchar', length: '100', isNullable: true },
          { name: 'body_html', type: 'text' },
          { name: 'body_text', type: 'text' },
          { name: 'note', type: 'varchar', length: '500' },
          { name: 'author_id', type: 'int' },
          { name: 'version', type: 'int' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
          { name: 'applied_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          { name: 'idx_notice_correction_notice', columnNames: ['notice_id', 'status', 'id'] },
          { name: 'idx_notice_correction_waiting', columnNames: ['status', 'updated_at'] },
        ],
        uniques: [{ name: 'uq_notice_correction_open', columnNames: ['open_notice_id'] }],
        foreignKeys: [{ columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.query('ALTER TABLE notice_review ADD COLUMN correction_id int NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notice_review', 'correction_id');
    await q.dropTable('notice_correction');
  }
}
