import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Portal sync (issue 14), legacy import: what each source page became (idempotence by source URL
 * and content hash), and each `portal import` run with the pages it listed, so a run killed midway
 * resumes where it stopped. URLs are matched by their SHA-256 (a unique index over 1,000
 * characters is too long for MySQL).
 */
export class LegacyImport1803340800000 implements MigrationInterface {
  name = 'LegacyImport1803340800000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const longText = mysql ? 'mediumtext' : 'text';
    await q.createTable(
      new Table({
        name: 'legacy_import_item',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'source', type: 'varchar', length: '60' },
          { name: 'url', type: 'varchar', length: '1000' },
          { name: 'url_hash', type: 'varchar', length: '64' },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'notice_id', type: 'int' },
          { name: 'local_hash', type: 'varchar', length: '64' },
          { name: 'config_hash', type: 'varchar', length: '64' },
          { name: 'etag', type: 'varchar', length: '200', isNullable: true },
          { name: 'last_modified', type: 'varchar', length: '100', isNullable: true },
          { name: 'first_imported_at', type: 'datetime', precision: 3 },
          { name: 'last_imported_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'idx_legacy_item_url', columnNames: ['source', 'url_hash'], isUnique: true },
          { name: 'idx_legacy_item_notice', columnNames: ['notice_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'legacy_import_run',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'source', type: 'varchar', length: '60' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'pages_done', type: 'int', default: 0 },
          { name: 'next_page_url', type: 'varchar', length: '1000', isNullable: true },
          { name: 'page_count', type: 'int', isNullable: true },
          { name: 'list_done', type: 'boolean', default: false },
          { name: 'started_at', type: 'datetime', precision: 3 },
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'idx_legacy_run_source', columnNames: ['source', 'state'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'legacy_import_run_item',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'run_id', type: 'int' },
          { name: 'url', type: 'varchar', length: '1000' },
          { name: 'url_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'message', type: 'varchar', length: '500', isNullable: true },
          { name: 'entry', type: longText, isNullable: true },
        ],
        indices: [
          { name: 'idx_legacy_run_item_url', columnNames: ['run_id', 'url_hash'], isUnique: true },
          { name: 'idx_legacy_run_item_state', columnNames: ['run_id', 'state', 'id'] },
        ],
        foreignKeys: [{ columnNames: ['run_id'], referencedTableName: 'legacy_import_run', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('legacy_import_run_item');
    await q.dropTable('legacy_import_run');
    await q.dropTable('legacy_import_item');
  }
}
