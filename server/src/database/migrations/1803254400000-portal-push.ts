import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Signed pushes to the county portal (issue 14): the endpoints admins register (secret encrypted
 * at rest, category filter, the change-log position fanned out so far) and the outbox of
 * deliveries, one per endpoint and change, worked under a lease as push_delivery is.
 */
export class PortalPush1803254400000 implements MigrationInterface {
  name = 'PortalPush1803254400000';

  async up(q: QueryRunner): Promise<void> {
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(
      new Table({
        name: 'portal_endpoint',
        columns: [
          id(),
          str('name', 50),
          str('url', 500),
          str('secret', 500),
          { name: 'categories', type: 'text' },
          { name: 'active', type: 'boolean', default: '1' },
          { name: 'position', type: 'bigint', default: '0' },
          time('secret_set_at'),
          time('created_at'),
          time('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'portal_delivery',
        columns: [
          id(),
          int('endpoint_id'),
          { name: 'seq', type: 'bigint' },
          int('notice_id'),
          str('kind', 12),
          str('status', 12),
          int('attempts', { default: 0 }),
          int('generation', { default: 0 }),
          time('next_attempt_at'),
          time('retry_until'),
          str('lease_owner', 64, { isNullable: true }),
          time('lease_until', { isNullable: true }),
          int('last_status', { isNullable: true }),
          str('last_error', 300, { isNullable: true }),
          time('last_attempt_at', { isNullable: true }),
          time('delivered_at', { isNullable: true }),
          time('created_at'),
          time('updated_at'),
        ],
        uniques: [{ name: 'uq_portal_delivery_change', columnNames: ['endpoint_id', 'seq'] }],
        indices: [
          // A notice's rows at an endpoint (order per notice, supersede, re-send, status).
          new TableIndex({ name: 'idx_portal_delivery_notice', columnNames: ['endpoint_id', 'notice_id', 'seq'] }),
          // Counts and lists per endpoint and state.
          new TableIndex({ name: 'idx_portal_delivery_state', columnNames: ['endpoint_id', 'status'] }),
          // The workers' claim: due queued rows, and sending rows whose lease ran out.
          new TableIndex({ name: 'idx_portal_delivery_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'idx_portal_delivery_lease', columnNames: ['status', 'lease_until'] }),
        ],
        foreignKeys: [{ columnNames: ['endpoint_id'], referencedTableName: 'portal_endpoint', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('portal_delivery');
    await q.dropTable('portal_endpoint');
  }
}
