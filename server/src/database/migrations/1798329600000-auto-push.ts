import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Automatic announcement pushes on publish: a category's setting (JSON, null = off) and since when
 * it is on; a campaign made for it names its notice in `auto_notice_id`, unique, so each notice
 * gets at most one however many instances or retries try (manual campaigns leave it null, and
 * both databases allow any number of NULLs in a unique index). `created_by_id` is already
 * nullable: such a campaign is made by the system.
 */
export class AutoPush1798329600000 implements MigrationInterface {
  name = 'AutoPush1798329600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('category', [
      new TableColumn({ name: 'auto_push', type: 'text', isNullable: true }),
      new TableColumn({ name: 'auto_push_since', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.addColumn('push_campaign', new TableColumn({ name: 'auto_notice_id', type: 'int', isNullable: true }));
    await q.createIndex('push_campaign', new TableIndex({ name: 'uq_push_campaign_auto_notice', columnNames: ['auto_notice_id'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('push_campaign', 'uq_push_campaign_auto_notice');
    await q.dropColumn('push_campaign', 'auto_notice_id');
    await q.dropColumn('category', 'auto_push_since');
    await q.dropColumn('category', 'auto_push');
  }
}
