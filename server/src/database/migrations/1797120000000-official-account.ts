import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The official account's server callback: its followers, keyword replies, the delivery results of
 * template messages, and the inbound messages kept once each (WeChat retries).
 */
export class OfficialAccount1797120000000 implements MigrationInterface {
  name = 'OfficialAccount1797120000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const bool = (name: string, value: boolean): TableColumnOptions => ({ name, type: 'boolean', default: value ? '1' : '0' });
    const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(
      new Table({
        name: 'oa_follower',
        columns: [
          str('openid', 64, { isPrimary: true }),
          str('unionid', 64, { isNullable: true }),
          bool('followed', false),
          time('followed_at', { isNullable: true }),
          time('unfollowed_at', { isNullable: true }),
          time('updated_at', { default: now }),
        ],
        indices: [new TableIndex({ name: 'idx_oa_follower_unionid', columnNames: ['unionid'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oa_keyword_reply',
        columns: [
          id(),
          str('keyword', 30, { isUnique: true }),
          str('match', 10),
          str('reply', 600),
          bool('active', true),
          { name: 'sort_order', type: 'int', default: 0 },
          time('created_at', { default: now }),
          time('updated_at', { default: now }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oa_template_job_result',
        columns: [str('msg_id', 32, { isPrimary: true }), str('status', 100), time('received_at', { default: now })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oa_inbound_message',
        columns: [
          id(),
          str('dedupe_key', 160, { isUnique: true }),
          str('from_user', 64),
          str('msg_type', 20),
          str('event', 40, { isNullable: true }),
          { name: 'reply_xml', type: 'text', isNullable: true },
          time('received_at', { default: now }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('oa_inbound_message');
    await q.dropTable('oa_template_job_result');
    await q.dropTable('oa_keyword_reply');
    await q.dropTable('oa_follower');
  }
}
