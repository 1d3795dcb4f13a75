import { CATEGORY_SEEDS, TOPIC_SEEDS } from '@gongkai/shared';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
const stamps = (): TableColumnOptions[] => [
  time('created_at', { default: 'CURRENT_TIMESTAMP(3)' }),
  time('updated_at', { default: 'CURRENT_TIMESTAMP(3)' }),
];

/** First schema: catalog, notices, staff identity, audit log, shared state; seeds the 公开目录. */
export class InitialSchema1764403200000 implements MigrationInterface {
  name = 'InitialSchema1764403200000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    // Long bodies need MEDIUMTEXT on MySQL (TEXT stops at 64 KB); SQLite has one TEXT.
    const longText = mysql ? 'mediumtext' : 'text';
    const bool = (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: mysql ? String(Number(dflt)) : dflt ? '1' : '0' });
    if (mysql) {
      // Chinese text and emoji need utf8mb4; tables created below inherit the database default.
      await q.query('ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
    const stampsFor = mysql ? stamps() : stamps().map((c) => ({ ...c, default: "(strftime('%Y-%m-%d %H:%M:%f', 'now'))" }));

    for (const table of ['category', 'topic']) {
      await q.createTable(
        new Table({
          name: table,
          columns: [id(), str('code', table === 'category' ? 20 : 40, { isUnique: true }), str('name', 50), str('description', 500, { default: "''" }), int('sort_order', { default: 0 }), ...stampsFor],
        }),
      );
    }
    await q.createTable(
      new Table({
        name: 'unit',
        columns: [id(), str('code', 40, { isUnique: true }), str('name', 100), str('kind', 20), int('sort_order', { default: 0 }), ...stampsFor],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice',
        columns: [
          id(),
          str('status', 20),
          str('title', 200),
          str('summary', 500, { default: "''" }),
          int('category_id'),
          int('unit_id'),
          str('document_no', 100, { isNullable: true }),
          str('index_no', 80, { isNullable: true, isUnique: true }),
          str('disclosure', 20),
          str('disclosure_reason', 200, { isNullable: true }),
          str('info_type', 20),
          bool('normative', false),
          str('normative_issued_on', 10, { isNullable: true }),
          str('normative_repealed_on', 10, { isNullable: true }),
          { name: 'body_html', type: longText },
          { name: 'body_text', type: longText },
          int('author_id'),
          time('published_at', { isNullable: true }),
          int('view_count', { default: 0 }),
          int('version'),
          ...stampsFor,
        ],
        foreignKeys: [
          { columnNames: ['category_id'], referencedTableName: 'category', referencedColumnNames: ['id'] },
          { columnNames: ['unit_id'], referencedTableName: 'unit', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'idx_notice_public_feed', columnNames: ['status', 'disclosure', 'published_at', 'id'] }),
          new TableIndex({ name: 'idx_notice_public_category', columnNames: ['category_id', 'status', 'disclosure', 'published_at', 'id'] }),
          new TableIndex({ name: 'idx_notice_public_unit', columnNames: ['unit_id', 'status', 'disclosure', 'published_at', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_topic',
        columns: [int('notice_id', { isPrimary: true }), int('topic_id', { isPrimary: true })],
        foreignKeys: [
          { columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['topic_id'], referencedTableName: 'topic', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'idx_notice_topic_topic', columnNames: ['topic_id', 'notice_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_attachment',
        columns: [id(), int('notice_id'), int('position'), str('name', 200), str('url', 1000), { name: 'size', type: 'bigint' }],
        foreignKeys: [{ columnNames: ['notice_id'], referencedTableName: 'notice', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [new TableIndex({ name: 'idx_notice_attachment_notice', columnNames: ['notice_id', 'position'] })],
      }),
    );
    await q.createTable(new Table({ name: 'index_sequence', columns: [str('scope', 100, { isPrimary: true }), int('last')] }));
    await q.createTable(
      new Table({
        name: 'staff_account',
        columns: [
          id(),
          str('username', 50, { isUnique: true }),
          str('display_name', 50),
          str('password_hash', 200),
          int('unit_id'),
          { name: 'roles', type: 'text' },
          bool('active', true),
          ...stampsFor,
        ],
        foreignKeys: [{ columnNames: ['unit_id'], referencedTableName: 'unit', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [str('key', 120, { isPrimary: true }), int('failures'), time('window_started_at'), time('locked_until', { isNullable: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          int('actor_id', { isNullable: true }),
          str('actor_username', 50, { isNullable: true }),
          str('action', 60),
          str('entity_type', 40),
          str('entity_id', 60, { isNullable: true }),
          { name: 'before', type: longText, isNullable: true },
          { name: 'after', type: longText, isNullable: true },
          str('ip', 64, { isNullable: true }),
          str('request_id', 64, { isNullable: true }),
          stampsFor[0]!,
        ],
        indices: [new TableIndex({ name: 'idx_audit_entity', columnNames: ['entity_type', 'entity_id'] })],
      }),
    );
    await q.createTable(new Table({ name: 'app_state', columns: [str('key', 60, { isPrimary: true }), str('value', 200)] }));

    for (const [table, seeds] of [['category', CATEGORY_SEEDS], ['topic', TOPIC_SEEDS]] as const) {
      let order = 0;
      for (const seed of seeds) {
        order += 10;
        await q.query(`INSERT INTO ${table} (code, name, description, sort_order) VALUES (?, ?, ?, ?)`, [seed.code, seed.name, seed.description, order]);
      }
    }
    await q.query(`INSERT INTO app_state (${mysql ? '`key`' : '"key"'}, value) VALUES ('content_version', '1')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['app_state', 'audit_log', 'login_throttle', 'staff_account', 'index_sequence', 'notice_attachment', 'notice_topic', 'notice', 'unit', 'topic', 'category']) {
      await q.dropTable(table);
    }
  }
}
