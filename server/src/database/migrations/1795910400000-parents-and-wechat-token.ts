import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** Parents who sign in from the mini-program (WeChat or demo), and the shared WeChat access token. */
export class ParentsAndWechatToken1795910400000 implements MigrationInterface {
  name = 'ParentsAndWechatToken1795910400000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    const time = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'datetime', precision: 3, ...extra });
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: '0' });

    await q.createTable(
      new Table({
        name: 'parent_account',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          // Unique but nullable: demo parents have none, and both databases allow many NULLs.
          str('openid', 64, { isNullable: true, isUnique: true }),
          str('unionid', 64, { isNullable: true }),
          str('display_name', 50),
          bool('demo'),
          time('created_at', { default: now }),
          time('last_login_at', { default: now }),
        ],
        indices: [new TableIndex({ name: 'idx_parent_account_unionid', columnNames: ['unionid'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'wechat_access_token',
        columns: [
          str('appid', 40, { isPrimary: true }),
          str('token', 1000, { isNullable: true }),
          time('expires_at', { isNullable: true }),
          time('refresh_after', { isNullable: true }),
          bool('stale'),
          time('refresh_lease_until', { isNullable: true }),
          time('updated_at', { default: now }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('wechat_access_token');
    await q.dropTable('parent_account');
  }
}
