import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Who corrected each zoning table's rules (four eyes on the 划片 notice the table is attached to). */
export class ZoningEditors1803513600000 implements MigrationInterface {
  name = 'ZoningEditors1803513600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'zoning_table_editor',
        columns: [
          { name: 'table_id', type: 'int', isPrimary: true },
          { name: 'staff_id', type: 'int', isPrimary: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('zoning_table_editor');
  }
}
