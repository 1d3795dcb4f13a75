import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * A category's automatic push moves from catalog's `category` (auto_push, auto_push_since) into
 * push's own `push_auto_setting`, one row per category while it is on. The settings in force are
 * copied; a setting without its start time (never written by the API) was never applied and is
 * not copied. No foreign key: categories are never deleted, and subscriptions name them the same way.
 */
export class PushAutoSetting1802217600000 implements MigrationInterface {
  name = 'PushAutoSetting1802217600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'push_auto_setting',
        columns: [
          { name: 'category_id', type: 'int', isPrimary: true },
          { name: 'setting', type: 'text' },
          { name: 'since', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await q.query(
      `INSERT INTO push_auto_setting (category_id, setting, since)
       SELECT id, auto_push, auto_push_since FROM category WHERE auto_push IS NOT NULL AND auto_push_since IS NOT NULL`,
    );
    await q.dropColumn('category', 'auto_push_since');
    await q.dropColumn('category', 'auto_push');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumns('category', [
      new TableColumn({ name: 'auto_push', type: 'text', isNullable: true }),
      new TableColumn({ name: 'auto_push_since', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.query(
      `UPDATE category SET
         auto_push = (SELECT s.setting FROM push_auto_setting s WHERE s.category_id = category.id),
         auto_push_since = (SELECT s.since FROM push_auto_setting s WHERE s.category_id = category.id)`,
    );
    await q.dropTable('push_auto_setting');
  }
}
