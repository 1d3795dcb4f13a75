import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A token version per staff account, signed into its tokens: a password change, deactivation or
 * role change moves it on, so older tokens stop working at once instead of when they expire.
 */
export class StaffTokenVersion1802044800000 implements MigrationInterface {
  name = 'StaffTokenVersion1802044800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('staff_account', new TableColumn({ name: 'token_version', type: 'int', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('staff_account', 'token_version');
  }
}
