import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The push workers alive now, so that each instance sends its share of the global
 * PUSH_RATE_PER_SECOND; and when a delivery's send began, so that a crashed worker's claimed but
 * unsent rows go back to the queue instead of being given up as `outcome_unknown`.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('push_delivery', 'started_at');
    await q.dropTable('push_worker');
  }
}
