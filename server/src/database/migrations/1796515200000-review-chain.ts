import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The review chain (先审查，后公开): the notice's round, schedule and secrecy decision, the
 * append-only review log and the revisions that went into review, one per round.
 */
export class ReviewChain1796515200000 implements MigrationInterface {
  name = 'ReviewChain1796515200000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const longText = mysql ? 'mediumtext' : 'text';
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'int', ...extra });
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });

    await q.addColumns('notice', [
      new TableColumn(int('round', { default: 0 })),
      // When a scheduled notice is to be published.
      new TableColumn(time('publish_at', { isNullable: true })),
      // The 保密审查 decision: null until recorded; false = may never be published.
      new TableColumn({ name: 'publishable', type: 'boolean', isNullable: true }),
      // When the notice entered its current status (how long it has waited at a step).
      new TableColumn(time('status_changed_at', { isNullable: true })),
    ]);
    await q.createIndex('notice', new TableIndex({ name: 'idx_notice_schedule', columnNames: ['status', 'publish_at'] }));

    await q.createTable(
      new Table({
        name: 'notice_review',
        columns: [
          id(),
          int('notice_id'),
          int('round'),
          str('from_status', 20),
          str('to_status', 20),
          str('action', 20),
          int('actor_id', { isNullable: true }),
          str('actor_name', 50, { isNullable: true }),
          str('role', 20),
          str('opinion', 1000, { isNullable: true }),
          { name: 'secrecy', type: 'text', isNullable: true },
          time('publish_at', { isNullable: true }),
          time('created_at', { default: now }),
        ],
        // No foreign key: the log outlives a returned notice its author deletes (the audit log has the deletion).
        indices: [new TableIndex({ name: 'idx_notice_review_notice', columnNames: ['notice_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_revision',
        columns: [
          id(),
          int('notice_id'),
          int('round'),
          str('title', 200),
          { name: 'body_html', type: longText },
          time('submitted_at', { default: now }),
        ],
        indices: [new TableIndex({ name: 'idx_notice_revision_round', columnNames: ['notice_id', 'round'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notice_revision');
    await q.dropTable('notice_review');
    await q.dropIndex('notice', 'idx_notice_schedule');
    for (const column of ['status_changed_at', 'publishable', 'publish_at', 'round']) await q.dropColumn('notice', column);
  }
}
