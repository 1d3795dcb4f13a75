import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Looking up followers' unionids (subscribe events carry only the openid): when WeChat last
 * answered a lookup without a unionid, so the backfill asks again only after a day, and the index
 * the backfill's query walks (followers still following, without unionid, least recently asked first).
 */
export class OaFollowerLookup1798934400000 implements MigrationInterface {
  name = 'OaFollowerLookup1798934400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('oa_follower', new TableColumn({ name: 'unionid_checked_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.createIndex('oa_follower', new TableIndex({ name: 'idx_oa_follower_lookup', columnNames: ['followed', 'unionid', 'unionid_checked_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('oa_follower', 'idx_oa_follower_lookup');
    await q.dropColumn('oa_follower', 'unionid_checked_at');
  }
}
