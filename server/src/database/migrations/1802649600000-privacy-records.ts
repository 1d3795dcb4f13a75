import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The records the admin reviews: an access record names the parent whose data was read in a
 * column of its own (the review filters by it), an erasure keeps the Chinese name of what was
 * erased, and the retention job's scan of finished push deliveries uses an index.
 */
export class PrivacyRecords1802649600000 implements MigrationInterface {
  name = 'PrivacyRecords1802649600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('audit_log', new TableColumn({ name: 'subject_parent_id', type: 'int', isNullable: true }));
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_subject_parent', columnNames: ['subject_parent_id', 'id'] }));
    await q.addColumn('privacy_erasure', new TableColumn({ name: 'label', type: 'varchar', length: '100', default: "''" }));
    await q.createIndex('push_delivery', new TableIndex({ name: 'idx_push_delivery_updated', columnNames: ['updated_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('push_delivery', 'idx_push_delivery_updated');
    await q.dropColumn('privacy_erasure', 'label');
    await q.dropIndex('audit_log', 'idx_audit_subject_parent');
    await q.dropColumn('audit_log', 'subject_parent_id');
  }
}
