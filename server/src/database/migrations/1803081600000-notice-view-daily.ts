import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Views per notice, Asia/Shanghai day and channel (issue 14), counted from now on: the yearly
 * report needs views per year, and `notice.view_count` alone cannot say when or where. The key is
 * the three columns, so a flush adds to a row with one upsert; the day index serves the yearly sums.
 */
export class NoticeViewDaily1803081600000 implements MigrationInterface {
  name = 'NoticeViewDaily1803081600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notice_view_daily',
        columns: [
          { name: 'notice_id', type: 'int', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '8', isPrimary: true },
          { name: 'views', type: 'int', default: 0 },
        ],
        indices: [{ name: 'idx_notice_view_daily_day', columnNames: ['day'] }],
        // Only drafts are ever deleted, and they have no views; the rows go with their notice all the same.
        foreignKeys: [{ name: 'fk_notice_view_daily_notice', columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notice_view_daily');
  }
}
