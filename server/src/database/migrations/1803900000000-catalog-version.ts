import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: a second shared version for the catalogue (categories, topics, units). Notices change
 * many times a day and the catalogue rarely; with its own version, every instance keeps the
 * catalogue it read (the first request after a notice change no longer reads it again) until
 * the catalogue itself changes.
 */
export class CatalogVersion1803900000000 implements MigrationInterface {
  name = 'CatalogVersion1803900000000';

  async up(q: QueryRunner): Promise<void> {
    const key = q.connection.driver.options.type === 'mysql' ? '`key`' : '"key"';
    await q.query(`INSERT INTO app_state (${key}, value) VALUES ('catalog_version', '1')`);
  }

  async down(q: QueryRunner): Promise<void> {
    const key = q.connection.driver.options.type === 'mysql' ? '`key`' : '"key"';
    await q.query(`DELETE FROM app_state WHERE ${key} = 'catalog_version'`);
  }
}
