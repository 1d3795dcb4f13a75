import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The privacy module's tables: consent records (append-only, kept as evidence), the erasure log
 * (counts of what the retention job, a cancellation or a withdrawn consent erased) and parents'
 * rights requests. No foreign key to parent_account: privacy sits below identity, and these rows
 * outlive the account's personal data (the account row is anonymised, never deleted).
 */
export class Privacy1802390400000 implements MigrationInterface {
  name = 'Privacy1802390400000';

  async up(q: QueryRunner): Promise<void> {
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });

    await q.createTable(
      new Table({
        name: 'privacy_consent',
        columns: [id(), int('parent_id'), str('kind', 30), { name: 'granted', type: 'boolean' }, str('version', 20, true), str('channel', 10), str('subject', 100, true), time('created_at')],
        indices: [new TableIndex({ name: 'idx_privacy_consent_parent', columnNames: ['parent_id', 'kind', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_erasure',
        columns: [id(), str('reason', 20), str('kind', 40), int('count'), int('parent_id', true), time('created_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'privacy_rights_request',
        columns: [
          id(),
          int('parent_id'),
          str('kind', 20),
          { name: 'content', type: 'text' },
          str('status', 10),
          int('pending_slot', true),
          time('received_at'),
          str('due_date', 10),
          { name: 'reply', type: 'text', isNullable: true },
          time('replied_at', true),
          int('handled_by_id', true),
          str('handled_by_name', 50, true),
        ],
        indices: [
          // NULLs never collide (both databases): only pending requests hold a slot.
          new TableIndex({ name: 'uq_privacy_rights_pending', columnNames: ['parent_id', 'pending_slot'], isUnique: true }),
          new TableIndex({ name: 'idx_privacy_rights_status', columnNames: ['status', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('privacy_rights_request');
    await q.dropTable('privacy_erasure');
    await q.dropTable('privacy_consent');
  }
}
