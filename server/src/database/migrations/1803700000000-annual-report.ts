import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The yearly 政府信息公开工作年度报告 (issue 17): the records it counts that nothing else keeps
 * (hot-topic responses, briefings, NPC / CPPCC proposals, other systems' yearly figures) and each
 * year's report (narrative, its notice, the frozen copy).
 */
export class AnnualReport1803700000000 implements MigrationInterface {
  name = 'AnnualReport1803700000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const at = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false) => ({ name, type: 'int', isNullable: nullable });
    const stamps = [int('created_by_id'), int('updated_by_id'), { name: 'version', type: 'int', default: 1 }, at('created_at'), at('updated_at')];
    await q.createTable(
      new Table({
        name: 'report_hot_topic',
        columns: [id, int('year'), str('date', 10), str('subject', 200), str('channel', 20), int('notice_id', true), str('url', 500, true), ...stamps],
        indices: [{ name: 'idx_report_hot_topic_year', columnNames: ['year', 'date'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_briefing',
        columns: [id, int('year'), str('date', 10), str('kind', 20), str('subject', 200), str('speakers', 200), int('notice_id', true), str('url', 500, true), ...stamps],
        indices: [{ name: 'idx_report_briefing_year', columnNames: ['year', 'date'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_proposal',
        columns: [id, int('year'), str('kind', 10), str('number', 40), str('title', 200), str('role', 10), str('partners', 200, true), str('reply_date', 10, true), str('satisfaction', 24, true), ...stamps],
        indices: [{ name: 'uq_report_proposal_number', columnNames: ['year', 'kind', 'number'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'report_yearly_figure',
        columns: [id, int('year'), str('key', 20), str('value', 20), int('entered_by_id'), at('entered_at')],
        indices: [{ name: 'uq_report_yearly_figure', columnNames: ['year', 'key'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'annual_report',
        columns: [
          { name: 'year', type: 'int', isPrimary: true },
          // Four parts of up to 20,000 characters (4 bytes each in utf8mb4) pass TEXT's 64 KB on MySQL.
          { name: 'narrative', type: mysql ? 'mediumtext' : 'text', isNullable: true },
          { name: 'narrative_version', type: 'int', default: 0 },
          int('narrative_saved_by_id', true),
          at('narrative_saved_at', true),
          { name: 'figures_version', type: 'int', default: 0 },
          int('notice_id', true),
          str('pdf_file_id', 36, true),
          // The frozen report with its figures and narrative can pass TEXT's 64 KB on MySQL.
          { name: 'frozen', type: mysql ? 'mediumtext' : 'text', isNullable: true },
          at('frozen_at', true),
          { name: 'version', type: 'int', default: 1 },
          at('updated_at'),
        ],
      }),
    );
    // A year's 主动公开 notices by category, 信息类别 and month from a covering index, not every notice's row with its body
    // (100,000 a year: ~0.1 s instead of ~1.5 s on MariaDB). No status: a notice withdrawn later was still published in its year.
    await q.createIndex('notice', new TableIndex({ name: 'idx_notice_publication_stats', columnNames: ['disclosure', 'published_at', 'category_id', 'info_type'] }));
    // Table 二's 规范性文件 counts read only the normative notices' dates (covering), not every notice's row with its body.
    await q.createIndex('notice', new TableIndex({ name: 'idx_notice_normative', columnNames: ['normative', 'normative_issued_on', 'normative_repealed_on', 'published_at'] }));
    // The year's page views summed per channel from the index alone, whatever the years of history beside it.
    await q.createIndex('notice_view_daily', new TableIndex({ name: 'idx_notice_view_daily_report', columnNames: ['day', 'channel', 'views'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice_view_daily', 'idx_notice_view_daily_report');
    await q.dropIndex('notice', 'idx_notice_normative');
    await q.dropIndex('notice', 'idx_notice_publication_stats');
    for (const table of ['annual_report', 'report_yearly_figure', 'report_proposal', 'report_briefing', 'report_hot_topic']) await q.dropTable(table);
  }
}
