import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Announcement pushes: subscriptions, one-time subscribe quotas, campaigns, the delivery outbox and dry-run records. */
export class Push1797724800000 implements MigrationInterface {
  name = 'Push1797724800000';

  async up(q: QueryRunner): Promise<void> {
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(
      new Table({
        name: 'push_subscription',
        columns: [int('parent_id', { isPrimary: true }), str('target_kind', 10, { isPrimary: true }), str('target_code', 40, { isPrimary: true })],
        indices: [new TableIndex({ name: 'idx_push_subscription_target', columnNames: ['target_kind', 'target_code'] })],
        foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'parent_account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_quota',
        columns: [int('parent_id', { isPrimary: true }), str('template_id', 128, { isPrimary: true }), int('remaining', { default: 0 }), str('last_result', 10, { isNullable: true }), time('updated_at')],
        foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'parent_account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_campaign',
        columns: [
          id(),
          int('notice_id'),
          str('audience_kind', 10),
          str('audience_code', 40, { isNullable: true }),
          { name: 'channels', type: 'text' },
          { name: 'field_mapping', type: 'text' },
          { name: 'payloads', type: 'text' },
          str('status', 10),
          int('total'),
          int('created_by_id', { isNullable: true }),
          str('created_by_username', 50, { isNullable: true }),
          time('created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_push_campaign_notice', columnNames: ['notice_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_delivery',
        columns: [
          id(),
          int('campaign_id'),
          int('parent_id'),
          str('channel', 10),
          str('openid', 64, { isNullable: true }),
          str('status', 10),
          str('reason', 20, { isNullable: true }),
          int('attempts', { default: 0 }),
          time('next_attempt_at'),
          str('lease_owner', 64, { isNullable: true }),
          time('lease_until', { isNullable: true }),
          str('last_error_code', 20, { isNullable: true }),
          str('last_error', 300, { isNullable: true }),
          str('msgid', 32, { isNullable: true }),
          time('sent_at', { isNullable: true }),
          { name: 'dry_run', type: 'boolean', default: '0' },
          str('job_status', 100, { isNullable: true }),
          time('updated_at'),
        ],
        uniques: [{ name: 'uq_push_delivery_recipient', columnNames: ['campaign_id', 'parent_id', 'channel'] }],
        indices: [
          // The workers' claim: due queued rows, and sending rows whose lease ran out.
          new TableIndex({ name: 'idx_push_delivery_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'idx_push_delivery_lease', columnNames: ['status', 'lease_until'] }),
          new TableIndex({ name: 'idx_push_delivery_campaign', columnNames: ['campaign_id', 'status'] }),
          new TableIndex({ name: 'idx_push_delivery_msgid', columnNames: ['msgid'] }),
        ],
        foreignKeys: [{ columnNames: ['campaign_id'], referencedTableName: 'push_campaign', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_dry_run',
        columns: [int('delivery_id', { isPrimary: true }), str('path', 100), { name: 'body', type: 'text' }, time('created_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('push_dry_run');
    await q.dropTable('push_delivery');
    await q.dropTable('push_campaign');
    await q.dropTable('push_quota');
    await q.dropTable('push_subscription');
  }
}
