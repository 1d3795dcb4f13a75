import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * Inquiries (咨询 / 投诉 / 建议 / 反馈): the inquiries, their append-only timeline, photos (bytes in
 * the database: instances share no disk), the published Q&A and the per-day counts of refused
 * (risky) content. Tracking-number sequences use `index_sequence` with an `inquiry/…` scope.
 */
export class Inquiries1800748800000 implements MigrationInterface {
  name = 'Inquiries1800748800000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });
    const bool = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'boolean', ...extra });
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(
      new Table({
        name: 'inquiry',
        columns: [
          id(),
          str('tracking_no', 20, { isUnique: true }),
          str('kind', 20),
          str('subject', 50),
          text('content'),
          str('phone', 30, { isNullable: true }),
          bool('allow_publish'),
          int('parent_id'),
          int('unit_id'),
          int('handler_id', { isNullable: true }),
          str('status', 20),
          int('version', { default: 1 }),
          time('received_at'),
          time('deadline_from'),
          time('due_at'),
          str('due_date', 10),
          int('working_days'),
          text('skipped'),
          bool('flagged', { default: '0' }),
          str('check_suggest', 10, { isNullable: true }),
          int('check_label', { isNullable: true }),
          text('reply_text', { isNullable: true }),
          time('replied_at', { isNullable: true }),
          int('reply_unit_id', { isNullable: true }),
          text('pending_reply_text', { isNullable: true }),
          time('pending_reply_at', { isNullable: true }),
          str('pending_reply_by', 50, { isNullable: true }),
          str('rating', 30, { isNullable: true }),
          str('rating_comment', 200, { isNullable: true }),
          time('rated_at', { isNullable: true }),
          int('reopen_count', { default: 0 }),
          int('published_qa_id', { isNullable: true }),
          time('created_at'),
          time('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_inquiry_unit_status', columnNames: ['unit_id', 'status'] }),
          new TableIndex({ name: 'idx_inquiry_parent', columnNames: ['parent_id', 'id'] }),
          new TableIndex({ name: 'idx_inquiry_due', columnNames: ['status', 'due_at'] }),
        ],
        foreignKeys: [
          { columnNames: ['parent_id'], referencedTableName: 'parent_account', referencedColumnNames: ['id'] },
          { columnNames: ['unit_id'], referencedTableName: 'unit', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inquiry_event',
        columns: [
          id(),
          int('inquiry_id'),
          str('action', 20),
          str('label', 200),
          text('text', { isNullable: true }),
          bool('parent_visible'),
          int('actor_id', { isNullable: true }),
          str('actor_name', 50, { isNullable: true }),
          time('created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_inquiry_event_inquiry', columnNames: ['inquiry_id', 'id'] })],
        foreignKeys: [{ columnNames: ['inquiry_id'], referencedTableName: 'inquiry', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inquiry_photo',
        columns: [
          str('id', 36, { isPrimary: true }),
          int('parent_id'),
          int('inquiry_id', { isNullable: true }),
          str('content_type', 20),
          int('size'),
          str('sha256', 64),
          // MySQL's plain BLOB stops at 64 KB.
          { name: 'data', type: mysql ? 'longblob' : 'blob' },
          time('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_inquiry_photo_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'idx_inquiry_photo_inquiry', columnNames: ['inquiry_id'] }),
        ],
        foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'parent_account', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inquiry_qa',
        columns: [
          id(),
          int('inquiry_id', { isUnique: true }),
          str('kind', 20),
          text('question'),
          text('answer'),
          str('unit_name', 100),
          time('asked_at'),
          time('answered_at'),
          int('published_by_id', { isNullable: true }),
          time('published_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inquiry_check_count',
        columns: [str('day', 10, { isPrimary: true }), str('suggest', 10, { isPrimary: true }), int('count')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inquiry_check_count');
    await q.dropTable('inquiry_qa');
    await q.dropTable('inquiry_photo');
    await q.dropTable('inquiry_event');
    await q.dropTable('inquiry');
  }
}
