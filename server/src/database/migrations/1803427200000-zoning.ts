import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * School zoning (issue 15): tables per school year with their schools, rules and other place
 * names, and the addresses parents searched that found nothing (without who searched).
 */
export class Zoning1803427200000 implements MigrationInterface {
  name = 'Zoning1803427200000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const at = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'zoning_table',
        columns: [
          id,
          { name: 'year', type: 'int' },
          { name: 'source_name', type: 'varchar', length: '200' },
          { name: 'rule_count', type: 'int' },
          { name: 'school_count', type: 'int' },
          { name: 'imported_by_id', type: 'int', isNullable: true },
          { name: 'imported_by_name', type: 'varchar', length: '100' },
          at('imported_at'),
          { name: 'notice_id', type: 'int', isNullable: true },
          { name: 'attachment_file_id', type: 'varchar', length: '36', isNullable: true },
          at('setup_published_at', true),
          { name: 'version', type: 'int', default: 1 },
          at('updated_at'),
        ],
        indices: [
          { name: 'idx_zoning_table_year', columnNames: ['year'] },
          { name: 'idx_zoning_table_notice', columnNames: ['notice_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'zoning_school',
        columns: [
          id,
          { name: 'table_id', type: 'int' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'ownership', type: 'varchar', length: '12' },
          { name: 'address', type: 'varchar', length: '200' },
          { name: 'phone', type: 'varchar', length: '60' },
          { name: 'capacity', type: 'int', isNullable: true },
          { name: 'longitude', type: 'decimal', precision: 10, scale: 6, isNullable: true },
          { name: 'latitude', type: 'decimal', precision: 10, scale: 6, isNullable: true },
          { name: 'source_row', type: 'int', isNullable: true },
        ],
        indices: [{ name: 'idx_zoning_school_name', columnNames: ['table_id', 'name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'zoning_rule',
        columns: [
          id,
          { name: 'table_id', type: 'int' },
          { name: 'stage', type: 'varchar', length: '12' },
          { name: 'school', type: 'varchar', length: '100' },
          { name: 'town', type: 'varchar', length: '100' },
          { name: 'village', type: 'varchar', length: '100' },
          { name: 'compound', type: 'varchar', length: '100' },
          { name: 'from_no', type: 'int', isNullable: true },
          { name: 'to_no', type: 'int', isNullable: true },
          { name: 'parity', type: 'varchar', length: '8' },
          { name: 'building_from', type: 'int', isNullable: true },
          { name: 'building_to', type: 'int', isNullable: true },
          { name: 'applicant', type: 'varchar', length: '12' },
          { name: 'condition_text', type: 'varchar', length: '200', isNullable: true },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'source_row', type: 'int', isNullable: true },
        ],
        indices: [{ name: 'idx_zoning_rule_table', columnNames: ['table_id', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'zoning_alias',
        columns: [id, { name: 'table_id', type: 'int' }, { name: 'alias', type: 'varchar', length: '100' }, { name: 'name', type: 'varchar', length: '100' }],
        indices: [{ name: 'idx_zoning_alias_table', columnNames: ['table_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'zoning_miss',
        columns: [
          id,
          { name: 'year', type: 'int' },
          { name: 'text', type: 'varchar', length: '200' },
          { name: 'text_hash', type: 'varchar', length: '64' },
          { name: 'count', type: 'int' },
          at('first_at'),
          at('last_at'),
        ],
        indices: [
          { name: 'idx_zoning_miss_text', columnNames: ['year', 'text_hash'], isUnique: true },
          { name: 'idx_zoning_miss_last', columnNames: ['last_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['zoning_miss', 'zoning_alias', 'zoning_rule', 'zoning_school', 'zoning_table']) await q.dropTable(name);
  }
}
