import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { parse as parseDisposition } from 'content-disposition';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { docxParts, docxTables } from '../../../server/src/reports/render/fixtures/read-tables';
import { ApiClient } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The report's four exports downloaded over HTTP (`GET /staff/reports/annual/:year/export.*`):
 * a 2026 with its figures of other systems entered, a hot topic recorded and the narrative saved;
 * each file has its type and the Chinese file name `<title>.<ext>`, and carries what was entered
 * (the DOCX's table 二 read back cell by cell).
 */
const NARRATIVE = {
  preface: '根据《中华人民共和国政府信息公开条例》要求，现编制本报告。统计期限为2026年1月1日至12月31日。',
  overview: '2026年，本局坚持“公开为常态、不公开为例外”，做好政府信息公开工作。',
  problems: '政策解读形式还不够丰富。',
  other: '本年度未收取信息处理费。',
};
const TITLE = '昌乐县教育局2026年政府信息公开工作年度报告';
const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

async function download(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, { headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('the annual report’s exports', () => {
  // 2027-01-15 10:00 in Shanghai: the 2026 report is being written.
  const clock = new SettableClock(new Date('2027-01-15T02:00:00Z'));
  let server: TestServer;
  let reporter: ApiClient;
  let editor: ApiClient;
  let dir: string;

  const ok = async (res: Promise<{ status: number; text: string; body: any }>) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status: 200, text: expect.any(String) });
    return r.body;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-exports-'));
    server = await startTestServer({}, clock);
    const { admin, unitCode } = await bootstrapAdmin(server);
    reporter = await aStaff(admin, 'reporter', unitCode, ['report_editor']);
    editor = await aStaff(admin, 'editor', unitCode, ['editor']);
    const figures = await ok(reporter.get('/staff/reports/figures?year=2026'));
    await ok(reporter.put('/staff/reports/figures/2026', { values: { licensing: '126', penalty: '3', enforcement: '1', charges: '12.5' }, version: figures.version }));
    expect((await reporter.post('/staff/reports/hot-topics', { date: '2026-06-12', subject: '义务教育招生入学政策', channel: 'wechat', url: 'https://mp.weixin.qq.com/s/changle-0612' })).status).toBe(201);
    await ok(reporter.put('/staff/reports/annual/2026/narrative', { parts: NARRATIVE, version: 0 }));
  });

  afterAll(async () => {
    await server?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends each format with its type and the Chinese file name, as an attachment', async () => {
    for (const [ext, type] of Object.entries(TYPES)) {
      const res = await download(reporter, `/staff/reports/annual/2026/export.${ext}`);
      expect({ ext, status: res.status, type: res.headers.get('content-type') }).toEqual({ ext, status: 200, type });
      const disposition = parseDisposition(res.headers.get('content-disposition')!);
      expect(disposition).toEqual({ type: 'attachment', parameters: { filename: `${TITLE}.${ext}` } });
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(Number(res.headers.get('content-length'))).toBe(res.bytes.length);
    }
  });

  it('writes the DOCX’s table 二 with the figures entered, merged cells and all', async () => {
    const res = await download(reporter, '/staff/reports/annual/2026/export.docx');
    const [table2] = docxTables((await docxParts(res.bytes)).document);
    expect(table2!.rows).toEqual([
      ['第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '0', '0', '0'],
      ['第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项'],
      ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
      ['行政许可', '126', '126', '126'],
      ['第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项'],
      ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
      ['行政处罚', '3', '3', '3'],
      ['行政强制', '1', '1', '1'],
      ['第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项'],
      ['信息内容', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）'],
      ['行政事业性收费', '12.5', '12.5', '12.5'],
    ]);
    expect(table2!.cells).toContainEqual({ text: '126', row: 6, col: 1, rowSpan: 1, colSpan: 3 });
  });

  it('carries the narrative and the figures into the HTML, the Markdown and the PDF', async () => {
    const html = (await download(reporter, '/staff/reports/annual/2026/export.html')).bytes.toString('utf8');
    const $ = cheerio.load(html);
    expect($('h1').text()).toBe(TITLE);
    expect($('h2').length).toBe(6);
    expect($('figure > svg').length).toBe(3);
    expect($('section').first().text()).toContain('2026年，本局坚持“公开为常态、不公开为例外”，做好政府信息公开工作。');
    expect($('section').first().text()).toContain('2026年，共回应公众关注热点1次（其中微信公众号1次）');
    expect($('p.dated').text()).toBe('2027年1月15日');

    const md = (await download(reporter, '/staff/reports/annual/2026/export.md')).bytes.toString('utf8');
    expect(md.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(md).toContain('| 第二十条第（五）项 | 行政许可 | 本年处理决定数量 | 126 |');
    expect(md).toContain('政策解读形式还不够丰富。');

    const pdf = await download(reporter, '/staff/reports/annual/2026/export.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'export.pdf');
    await writeFile(file, pdf.bytes);
    const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
    expect(text.replace(/\s+/g, '')).toContain(TITLE);
    expect(text).toMatch(/行政许可\s+126\n/);
  });

  it('needs report.edit and a year the report can be asked for', async () => {
    expect((await download(editor, '/staff/reports/annual/2026/export.pdf')).status).toBe(403);
    expect((await download(new ApiClient(server.baseUrl), '/staff/reports/annual/2026/export.docx')).status).toBe(401);
    for (const year of ['abc', '2007', '2028', '99999999999']) {
      const res = await reporter.get(`/staff/reports/annual/${year}/export.md`);
      expect({ year, status: res.status, code: res.body.code }).toEqual({ year, status: 400, code: 'REPORT_YEAR_INVALID' });
    }
  });
});
