import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The official-account callback against replays: each signed (timestamp, nonce) pair is kept,
 * with the message it carried, for as long as its timestamp is inside the allowed skew; and the
 * wrong `绑定 NNNNNN` attempts per follower in the current hour.
 */
export class OaReplayGuard1801958400000 implements MigrationInterface {
  name = 'OaReplayGuard1801958400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'oa_callback_nonce',
        columns: [
          { name: 'signed_pair', type: 'varchar', length: '80', isPrimary: true },
          { name: 'message_key', type: 'varchar', length: '160' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'idx_oa_callback_nonce_expires', columnNames: ['expires_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oa_bind_throttle',
        columns: [
          { name: 'openid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'int', default: 0 },
          { name: 'window_started_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('oa_bind_throttle');
    await q.dropTable('oa_callback_nonce');
  }
}
