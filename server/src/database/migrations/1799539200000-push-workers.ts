import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * The push workers alive now, so that each instance sends its share of the global
 * PUSH_RATE_PER_SECOND; and when a delivery's send began, so that a crashed worker's claimed but
 * unsent rows go back to the queue instead of being given up as `outcome_unknown`; and what the
 * live report of a 100,000-row campaign needs to stay cheap: the time of its first send on the
 * campaign, and its counts by status and reason from an index alone.
 */
export class PushWorkers1799539200000 implements MigrationInterface {
  name = 'PushWorkers1799539200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'push_worker',
        columns: [
          { name: 'owner', type: 'varchar', length: '64', isPrimary: true },
          { name: 'heartbeat_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await q.addColumn('push_delivery', new TableColumn({ name: 'started_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.addColumn('push_campaign', new TableColumn({ name: 'started_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.createIndex('push_delivery', new TableIndex({ name: 'idx_push_delivery_campaign_counts', columnNames: ['campaign_id', 'status', 'reason'] }));
    await q.dropIndex('push_delivery', 'idx_push_delivery_campaign');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('push_delivery', new TableIndex({ name: 'idx_push_delivery_campaign', columnNames: ['campaign_id', 'status'] }));
    await q.dropIndex('push_delivery', 'idx_push_delivery_campaign_counts');
    await q.dropColumn('push_campaign', 'started_at');
    await q.dropColumn('push_delivery', 'started_at');
    await q.dropTable('push_worker');
  }
}
