import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Portal sync (issue 14): the API keys of the change feed, stored as SHA-256 only. */
export class PortalClients1803168000000 implements MigrationInterface {
  name = 'PortalClients1803168000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'portal_client',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'key_prefix', type: 'varchar', length: '16' },
          { name: 'created_by_id', type: 'int' },
          { name: 'created_by_username', type: 'varchar', length: '50' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'last_used_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revoked_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'idx_portal_client_key', columnNames: ['key_hash'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('portal_client');
  }
}
