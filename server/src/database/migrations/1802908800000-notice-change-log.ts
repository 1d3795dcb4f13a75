import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Portal sync (issue 14): the notice change log, numbered through `index_sequence` (scope
 * `notice-change-log`), and the address where the county portal published a notice. Notices
 * already public enter the log as published, oldest first, so a new mirror starts complete.
 */
export class NoticeChangeLog1802908800000 implements MigrationInterface {
  name = 'NoticeChangeLog1802908800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notice_change',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'notice_id', type: 'int' },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'changed_at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'idx_notice_change_notice', columnNames: ['notice_id', 'seq'] }],
      }),
    );
    await q.query(
      `INSERT INTO notice_change (seq, notice_id, kind, reason, changed_at)
       SELECT ROW_NUMBER() OVER (ORDER BY published_at, id), id, 'published', NULL, published_at
       FROM notice WHERE status = 'published' AND disclosure = 'proactive' AND published_at IS NOT NULL`,
    );
    await q.query(`INSERT INTO index_sequence (scope, last) SELECT 'notice-change-log', COUNT(*) FROM notice_change`);
    await q.query('ALTER TABLE notice ADD COLUMN portal_url varchar(500) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('notice', 'portal_url');
    await q.query(`DELETE FROM index_sequence WHERE scope = 'notice-change-log'`);
    await q.dropTable('notice_change');
  }
}
