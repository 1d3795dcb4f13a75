import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Inquiry notices: staff accounts linked to an official-account follower (deadline reminders go
 * there as template messages), and one row per notice sent (a reply to the parent, a reminder to
 * staff), unique per inquiry, kind and the time it is about, so each goes out once across instances
 * and restarts.
 */
export class InquiryNotices1801353600000 implements MigrationInterface {
  name = 'InquiryNotices1801353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staff_oa_binding',
        columns: [
          { name: 'staff_id', type: 'int', isPrimary: true },
          { name: 'oa_openid', type: 'varchar', length: '64', isNullable: true, isUnique: true },
          { name: 'bound_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'bind_code', type: 'varchar', length: '6', isNullable: true, isUnique: true },
          { name: 'code_expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [{ columnNames: ['staff_id'], referencedTableName: 'staff_account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inquiry_notice',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'inquiry_id', type: 'int' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'about', type: 'datetime', precision: 3 },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'recipients', type: 'int', default: 0 },
          { name: 'sent', type: 'int', default: 0 },
          { name: 'detail', type: 'varchar', length: '300', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
        uniques: [{ name: 'uq_inquiry_notice', columnNames: ['inquiry_id', 'kind', 'about'] }],
        indices: [new TableIndex({ name: 'idx_inquiry_notice_status', columnNames: ['status', 'updated_at'] })],
        foreignKeys: [{ columnNames: ['inquiry_id'], referencedTableName: 'inquiry', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inquiry_notice');
    await q.dropTable('staff_oa_binding');
  }
}
