import type { ZoningLookupResult, ZoningYearSummary } from '@gongkai/shared';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseZoningUpload } from '../../../server/src/zoning/import/zoning-workbook';
import { ZoningTablesService } from '../../../server/src/zoning/tables/zoning-tables.service';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin } from '../../support/builders';
import { freshDatabase, runCli, startServer, type TestDatabase, type TestServer } from '../../support/test-server';
import { countyCounts, countyCsv, countyXlsx, zoningXlsx } from '../../support/zoning-files';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('zoning import (command line)', () => {
  let db: TestDatabase;
  let dir: string;
  let server: TestServer | undefined;

  /** `zoning import` as an operator runs it, as a separate process on the database. */
  async function zoningImport(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await runCli(db, ['zoning', 'import', ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  const file = (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'gongkai-zoning-cli-'));
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad file row by row with exit 65 and stores nothing; the good file then sets the year up with its notice', async () => {
    // The server runs meanwhile, as in production; it learns of the command's change through the database.
    server = await startServer(db);
    const { admin, anonymous, unitCode } = await bootstrapAdmin(server);
    const editor = await aStaff(admin, 'zoning-editor', unitCode, ['editor']);
    const noticeId = await aNotice().titled('2025年城区义务教育学校划片招生方案').published().create(editor, admin);

    const bad = file(
      '2025-bad.xlsx',
      await zoningXlsx({
        rules: [
          ['学段', '学校', '镇街', '社区村', '小区道路', '起始号', '终止号', '单双', '备注'],
          ['小学', '昌乐县实验小学', '宝城街道', '北岩社区', '北辰花园', '', '', '', ''],
          ['小学', '昌乐县实验小学', '宝城街道', '利民社区', '新昌路', '十二', '99', '单', ''],
          ['初中', '昌乐县实验小学', '宝城街道', '利民社区', '', '', '', '', ''],
          ['小学', '昌乐县育才小学', '', '利民社区', '利民街', '', '', '', ''],
        ],
        schools: [
          ['学校', '学段', '地址', '电话'],
          ['昌乐县实验小学', '小学', '宝城街道新昌路', '0536-6226018'],
        ],
      }),
    );
    const refused = await zoningImport('--year', '2025', '--file', bad, '--publish');
    expect(refused.code).toBe(65);
    expect(refused.stderr.split('\n').filter((l) => l.startsWith('  '))).toEqual([
      '  学区划分 · 第 3 行 · “起始号”列：起始号应为数字，如“12”或“12号”，而不是“十二”',
      '  学区划分 · 第 4 行 · “学校”列：昌乐县实验小学是小学，不能招收初中学生',
      '  学区划分 · 第 5 行 · “学校”列：学校“昌乐县育才小学”不在学校信息中',
      '  学区划分 · 第 5 行 · “镇街”列：缺少镇街',
    ]);
    expect(refused.stderr).toContain('2025-bad.xlsx: 4 problem(s), nothing imported');

    // Nothing was stored: the good file is the first table (no earlier year to compare with) and is set up at once.
    const counts = countyCounts(2025);
    const good = await zoningImport('--year', '2025', '--file', file('昌乐县2025年划片.xlsx', await countyXlsx(2025)), '--publish', '--notice', String(noticeId));
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toContain(
      [
        `zoning import 2025: table 1 published (set-up), ${counts.rules} rule(s), ${counts.schools} school(s), ${counts.aliases} alias(es) from 昌乐县2025年划片.xlsx`,
        `  notice ${noticeId} 2025年城区义务教育学校划片招生方案`,
        'no earlier year in effect to compare with',
      ].join('\n'),
    );

    const years = await anonymous.get<ZoningYearSummary[]>('/zoning/years');
    expect(years.body.map((y) => ({ year: y.year, current: y.current, notice: y.notice }))).toEqual([
      { year: 2025, current: true, notice: { id: noticeId, title: '2025年城区义务教育学校划片招生方案' } },
    ]);
    const lookup = await anonymous.get<ZoningLookupResult>(`/zoning/lookup?q=${encodeURIComponent('宝城街道北辰花园')}`);
    expect(lookup.body).toMatchObject({ status: 'matched', year: 2025, primary: { school: { name: '昌乐县实验小学' } } });
  });

  it('refuses a second set-up of a year already in effect (exit 1); a later year imports as a draft with its diff', async () => {
    const again = await zoningImport('--year', '2025', '--file', join(dir, '昌乐县2025年划片.xlsx'), '--publish');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('2025年已有生效的划片表');

    const next = await zoningImport('--year', '2026', '--file', file('昌乐县2026年划片.xlsx', await countyXlsx(2026)));
    expect(next.code).toBe(0);
    expect(next.stdout).toContain(`zoning import 2026: table 2 draft, ${countyCounts(2026).rules} rule(s)`);
    expect(next.stdout).toContain('compared with 2025 (table 1):');
    expect(next.stdout).toMatch(/^ {2}schools added: .*昌乐县北城小学/m);
    expect(next.stdout).toContain('    小学 宝城街道 · 北岩社区 · 北辰花园: 昌乐县实验小学 → 昌乐县北城小学');
    // A draft changes nothing for parents.
    const years = await new ApiClient(server!.baseUrl).get<ZoningYearSummary[]>('/zoning/years');
    expect(years.body.map((y) => y.year)).toEqual([2025]);
  });

  it('imports a CSV with its schools CSV, and answers bad arguments with the usage (64) and a missing file with 66', async () => {
    const csv = countyCsv(2026);
    const imported = await zoningImport('--year', '2027', '--file', file('rules.csv', csv.rules), '--schools', file('schools.csv', csv.schools));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`zoning import 2027: table 3 draft, ${countyCounts(2026).rules} rule(s), ${countyCounts(2026).schools} school(s), 0 alias(es) from rules.csv`);

    for (const args of [[], ['--year', '26', '--file', 'x.xlsx'], ['--year', '2026'], ['--year', '2026', '--file', 'x.xlsx', '--notice', '3'], ['--year', '2026', '--file', 'x.xlsx', '--force']]) {
      const result = await zoningImport(...args);
      expect(result.code).toBe(64);
      expect(result.stderr).toContain('zoning import --year YYYY --file F.xlsx|F.csv');
    }
    const missing = await zoningImport('--year', '2026', '--file', join(dir, 'no-such.xlsx'));
    expect(missing).toMatchObject({ code: 66, stderr: expect.stringContaining('no-such.xlsx: no such file') });
  });

  it('sets a year up once when two operators run the first set-up at the same time: the other is refused', async () => {
    const county = file('昌乐县2028年划片.xlsx', await countyXlsx(2026));
    const results = await Promise.all([zoningImport('--year', '2028', '--file', county, '--publish'), zoningImport('--year', '2028', '--file', county, '--publish')]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(results.find((r) => r.code === 1)!.stderr).toContain('2028年已有生效的划片表，不能再用初次设置发布');
    // Two set-ups racing inside one process (its pool's two connections) are refused the same way.
    const tables = server!.app.get(ZoningTablesService);
    const parsed = await parseZoningUpload({ file: { name: 'a.xlsx', bytes: await countyXlsx(2026) } }, []);
    if (!parsed.ok) throw new Error('the county table parses');
    const raced = await Promise.allSettled([2029, 2029].map((year) => tables.importTable({ command: 'test' }, year, parsed.data, 'a.xlsx', { publishForSetup: true })));
    expect(raced.map((r) => (r.status === 'fulfilled' ? 'set up' : (r.reason as { message: string }).message)).sort()).toEqual([
      '2029年已有生效的划片表，不能再用初次设置发布；如需调整，请导入新表并随补充通知发布',
      'set up',
    ]);
    await server!.tasks.run('public-cache'); // the server's poll notices the commands' change
    const years = await new ApiClient(server!.baseUrl).get<ZoningYearSummary[]>('/zoning/years');
    expect(years.body.map((y) => y.year)).toEqual([2029, 2028, 2025]);
  });
});
