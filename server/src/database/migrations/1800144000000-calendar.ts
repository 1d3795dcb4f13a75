import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * The working-day calendar's staff side: holidays and make-up days entered or corrected by staff
 * (over the built-in chinese-days data), the years staff declared complete, and the version other
 * instances poll to reload the calendar.
 */
export class Calendar1800144000000 implements MigrationInterface {
  name = 'Calendar1800144000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });

    await q.createTable(
      new Table({
        name: 'calendar_day',
        columns: [
          // YYYY-MM-DD: sorts and ranges as text on both databases.
          str('date', 10, { isPrimary: true }),
          str('kind', 10),
          str('name', 50),
          int('created_by_id', { isNullable: true }),
          str('created_by_username', 50, { isNullable: true }),
          time('created_at', { default: now }),
          time('updated_at', { default: now }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_year',
        columns: [
          int('year', { isPrimary: true }),
          { name: 'complete', type: 'boolean', default: '0' },
          str('note', 200, { default: "''" }),
          int('updated_by_id', { isNullable: true }),
          str('updated_by_username', 50, { isNullable: true }),
          time('created_at', { default: now }),
          time('updated_at', { default: now }),
        ],
      }),
    );
    await q.query(`INSERT INTO app_state (${mysql ? '`key`' : '"key"'}, value) VALUES ('calendar_version', '1')`);
  }

  async down(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    await q.query(`DELETE FROM app_state WHERE ${mysql ? '`key`' : '"key"'} = 'calendar_version'`);
    await q.dropTable('calendar_year');
    await q.dropTable('calendar_day');
  }
}
