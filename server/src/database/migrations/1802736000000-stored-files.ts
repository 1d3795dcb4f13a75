import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Files (issue 13): the metadata of stored files (the bytes are in the object store), and a
 * notice's attachment may be an uploaded file (`file_id`, its type beside it) instead of a link.
 * Plain ALTER TABLE ADD COLUMN on both databases (TypeORM's addColumn would rebuild the SQLite table).
 */
export class StoredFiles1802736000000 implements MigrationInterface {
  name = 'StoredFiles1802736000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stored_file',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'storage_key', type: 'varchar', length: '80' },
          { name: 'purpose', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '255' },
          { name: 'content_type', type: 'varchar', length: '120' },
          { name: 'size', type: 'bigint' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'staff_id', type: 'int', isNullable: true },
          { name: 'parent_id', type: 'int', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'released_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          { name: 'idx_stored_file_state', columnNames: ['state', 'created_at'] },
          { name: 'idx_stored_file_key', columnNames: ['storage_key'], isUnique: true },
        ],
      }),
    );
    await q.query('ALTER TABLE notice_attachment ADD COLUMN file_id varchar(36) NULL');
    await q.query('ALTER TABLE notice_attachment ADD COLUMN content_type varchar(120) NULL');
    await q.createIndex('notice_attachment', new TableIndex({ name: 'idx_notice_attachment_file', columnNames: ['file_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice_attachment', 'idx_notice_attachment_file');
    await q.dropColumn('notice_attachment', 'content_type');
    await q.dropColumn('notice_attachment', 'file_id');
    await q.dropTable('stored_file');
  }
}
