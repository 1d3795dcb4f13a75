import { DEFAULT_SYNONYM_GROUPS } from '@gongkai/shared';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Search (issue 18): the synonym groups staff edit (seeded with the county's usual pairs) and the
 * per-day counts of what parents searched. The search index itself lives in each instance's memory,
 * rebuilt from the notices at start (see ARCHITECTURE.md), so it needs no table.
 */
export class Search1803800000000 implements MigrationInterface {
  name = 'Search1803800000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await q.createTable(
      new Table({
        name: 'search_synonym_group',
        columns: [
          id,
          { name: 'terms', type: 'text' },
          { name: 'version', type: 'int', default: 1 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
          { name: 'updated_by_id', type: 'int', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'search_synonym_term',
        columns: [
          { name: 'term', type: 'varchar', length: '20', isPrimary: true },
          { name: 'group_id', type: 'int' },
        ],
        indices: [{ name: 'idx_search_synonym_term_group', columnNames: ['group_id'] }],
        foreignKeys: [{ columnNames: ['group_id'], referencedTableName: 'search_synonym_group', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'search_query_day',
        columns: [
          id,
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'query', type: 'varchar', length: '200' },
          { name: 'query_hash', type: 'varchar', length: '64' },
          { name: 'searches', type: 'int' },
          { name: 'zero_results', type: 'int' },
        ],
        indices: [{ name: 'uq_search_query_day', columnNames: ['day', 'query_hash'], isUnique: true }],
      }),
    );
    // The database's own time, as the earlier migrations that seed rows write it (a migration has no Clock).
    const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
    for (const [n, terms] of DEFAULT_SYNONYM_GROUPS.entries()) {
      await q.query(`INSERT INTO search_synonym_group (id, terms, version, updated_at, updated_by_id) VALUES (?, ?, 1, ${now}, NULL)`, [n + 1, JSON.stringify(terms)]);
      for (const term of terms) await q.query('INSERT INTO search_synonym_term (term, group_id) VALUES (?, ?)', [term, n + 1]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('search_query_day');
    await q.dropTable('search_synonym_term');
    await q.dropTable('search_synonym_group');
  }
}
