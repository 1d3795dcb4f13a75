import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * A cancelled (注销) parent account stays as an anonymous row, so the inquiries, deliveries and
 * consents that point at it stay valid and counted: `cancelled_at` marks it, and its tokens stop
 * working. The indexes serve the retention job: accounts not signed in for years, and the
 * official account's handled messages past their period.
 */
export class ParentCancellation1802476800000 implements MigrationInterface {
  name = 'ParentCancellation1802476800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('parent_account', new TableColumn({ name: 'cancelled_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.createIndex('parent_account', new TableIndex({ name: 'idx_parent_account_last_login', columnNames: ['last_login_at'] }));
    await q.createIndex('oa_inbound_message', new TableIndex({ name: 'idx_oa_inbound_message_received', columnNames: ['received_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('oa_inbound_message', 'idx_oa_inbound_message_received');
    await q.dropIndex('parent_account', 'idx_parent_account_last_login');
    await q.dropColumn('parent_account', 'cancelled_at');
  }
}
