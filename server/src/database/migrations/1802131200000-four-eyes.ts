import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * Four eyes: who edited a notice's title or body in each round (they may not approve that round),
 * and who wrote a complaint's pending reply and at which level it is reviewed (its author never
 * approves it; a unit without another head sends it to a leader).
 */
export class FourEyes1802131200000 implements MigrationInterface {
  name = 'FourEyes1802131200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notice_editor',
        columns: [
          { name: 'notice_id', type: 'int', isPrimary: true },
          { name: 'round', type: 'int', isPrimary: true },
          { name: 'staff_id', type: 'int', isPrimary: true },
        ],
        // No foreign key to notice: like the review log, it outlives a deleted draft.
      }),
    );
    await q.addColumns('inquiry', [
      new TableColumn({ name: 'pending_reply_by_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'reply_reviewer', type: 'varchar', length: '20', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('inquiry', 'reply_reviewer');
    await q.dropColumn('inquiry', 'pending_reply_by_id');
    await q.dropTable('notice_editor');
  }
}
