import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { AnnualReportData } from '@gongkai/shared';
import { REPORT_FIXTURE } from './fixtures/report-fixture';
import { CAPTIONS, FIGURE_SENTENCES, SECTION_TITLES } from './fixtures/report-expected';
import { renderReportPdf } from './report-pdf';

/** poppler-utils (pdffonts, pdftotext, pdftoppm, pdfinfo), as CI installs them. */
const run = promisify(execFile);
const poppler = async (tool: string, ...args: string[]) => (await run(tool, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;

const MM = 72 / 25.4;
/** The text area of an A4 page with the 公文 margins (37 / 35 / 28 / 26 mm), in points. */
const AREA = { left: 28 * MM, right: 595.28 - 26 * MM, top: 37 * MM, bottom: 841.89 - 35 * MM };

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box, from `pdftotext -bbox`. */
async function words(file: string): Promise<Word[]> {
  const html = await poppler('pdftotext', '-bbox', file, '-');
  const out: Word[] = [];
  html.split(/<page /).slice(1).forEach((page, i) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      out.push({ page: i + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
    }
  });
  return out;
}

/** The glyph ids each text-showing operator draws (pdfkit writes them as 4-hex-digit strings in TJ arrays). */
function glyphIds(pdf: Buffer): number[] {
  const latin = pdf.toString('latin1');
  const ids: number[] = [];
  for (const m of latin.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const raw = pdf.subarray(start, latin.indexOf('endstream', start));
    let content: string;
    try {
      content = (/FlateDecode/.test(m[1]!) ? inflateSync(raw) : raw).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) for (const hex of tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) for (const g of hex[1]!.match(/.{4}/g) ?? []) ids.push(parseInt(g, 16));
  }
  return ids;
}

describe('the report as PDF', () => {
  let dir: string;
  let file: string;
  let pdf: Buffer;

  const render = async (data: AnnualReportData, name: string) => {
    const bytes = await renderReportPdf(data);
    const path = join(dir, name);
    await writeFile(path, bytes);
    return { bytes, path };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
    ({ bytes: pdf, path: file } = await render(REPORT_FIXTURE, 'report.pdf'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is an A4 PDF with Noto Serif SC embedded as subsets and nothing else', async () => {
    const info = await poppler('pdfinfo', file);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+昌乐县教育局2026年政府信息公开工作年度报告$/m);
    const fonts = (await poppler('pdffonts', file))
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim()));
    expect(fonts.length).toBe(2);
    for (const f of fonts) {
      expect(f).not.toBeNull();
      // embedded, subset, with a ToUnicode map
      expect([f![2], f![4], f![5], f![6]]).toEqual(['CID TrueType', 'yes', 'yes', 'yes']);
    }
    expect(fonts.map((f) => f![1]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSerifSC-Bold', 'NotoSerifSC-Regular']);
    expect(pdf.length).toBeLessThan(1024 * 1024);
  });

  it('has the title, every section, the figures, the tables’ cells and the date as text, the Chinese intact', async () => {
    const layout = await poppler('pdftotext', '-layout', file, '-');
    // The text without spaces and page numbers, as one reads it across lines and pages.
    const flat = layout.replace(/\s+/g, '').replace(/—\d+—/g, '');
    expect(layout).not.toContain('\uFFFD');
    expect(flat).toContain('昌乐县教育局2026年政府信息公开工作年度报告');
    for (const title of SECTION_TITLES) expect(layout).toContain(title);
    for (const sentence of FIGURE_SENTENCES) expect(flat).toContain(sentence);
    for (const caption of CAPTIONS) expect(flat).toContain(caption.replace(/\s+/g, ''));
    expect(layout).toMatch(/行政规范性文件\s+4\s+2\s+17\n/);
    expect(layout).toMatch(/行政事业性收费\s+12\.5\n/);
    expect(layout).toMatch(/一、本年新收政府信息公开申请数量\s+41\s+6\s+2\s+1\s+3\s+2\s+55\n/);
    expect(layout).toMatch(/4\.保护第三方合法权益\s+2\s+1\s+0\s+0\s+0\s+0\s+3\n/);
    expect(layout).toMatch(/（七）总计\s+43\s+6\s+2\s+1\s+3\s+2\s+57\n/);
    expect(layout).toMatch(/四、结转下年度继续办理\s+1\s+1\s+0\s+0\s+1\s+0\s+3\n/);
    expect(layout).toMatch(/\n\s*3\s+1\s+1\s+2\s+7\s+2\s+1\s+1\s+1\s+5\s+1\s+1\s+1\s+1\s+4\n/);
    expect(flat).toContain('“校园开放日<预约>&咨询”');
    expect(flat.endsWith('2027年1月20日')).toBe(true);
  });

  it('draws every character with a glyph of the font (no .notdef boxes)', () => {
    const ids = glyphIds(pdf);
    expect(ids.length).toBeGreaterThan(2000);
    expect(ids.filter((id) => id === 0)).toEqual([]);
  });

  it('keeps the text inside the margins and numbers every page in the bottom margin', async () => {
    const all = await words(file);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(await poppler('pdfinfo', file))![1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    const numbers = all.filter((w) => w.yMin > AREA.bottom);
    expect(numbers.map((w) => `${w.page}:${w.text}`)).toEqual(Array.from({ length: pages }, (_, i) => [`${i + 1}:—`, `${i + 1}:${i + 1}`, `${i + 1}:—`]).flat());
    const outside = all.filter((w) => w.yMin <= AREA.bottom && (w.xMin < AREA.left - 1 || w.xMax > AREA.right + 1 || w.yMin < AREA.top - 1 || w.yMax > AREA.bottom + 1));
    expect(outside).toEqual([]);
  });

  it('renders: page 1 as a picture at 50 dpi is neither blank nor broken', async () => {
    await poppler('pdftoppm', '-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page1'));
    const png = await readFile(join(dir, 'page1.png'));
    const meta = await sharp(png).metadata();
    // A4 at 50 dpi: 413.4 × 584.7 pixels, rounded either way.
    expect(Math.abs(meta.width! - 413.4)).toBeLessThan(1);
    expect(Math.abs(meta.height! - 584.7)).toBeLessThan(1);
    const stats = await sharp(png).stats();
    // Mostly white paper with black text on it.
    expect(stats.channels[0]!.min).toBeLessThan(80);
    expect(stats.channels[0]!.mean).toBeGreaterThan(200);
    expect(stats.channels[0]!.mean).toBeLessThan(254);
  });

  it('paginates a long narrative, keeps it inside the margins and numbers every page', async () => {
    const overview = Array.from({ length: 80 }, (_, i) => `第${i + 1}段：县教育局围绕义务教育招生、学生资助、校园安全等群众关注的事项，不断拓宽公开渠道，规范公开程序，确保公开内容准确、及时、完整。`).join('\n');
    const long = await render({ ...REPORT_FIXTURE, narrative: { ...REPORT_FIXTURE.narrative, overview } }, 'long.pdf');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(await poppler('pdfinfo', long.path))![1]);
    expect(pages).toBeGreaterThanOrEqual(12);
    const flat = (await poppler('pdftotext', long.path, '-')).replace(/\s+/g, '');
    expect(flat).toContain('第1段：');
    expect(flat).toContain('第80段：县教育局围绕义务教育招生、学生资助、校园安全等群众关注的事项，不断拓宽公开渠道，规范公开程序，确保公开内容准确、及时、完整。');
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`—${p}—`);
    const all = await words(long.path);
    expect(all.filter((w) => w.yMin <= AREA.bottom && (w.xMin < AREA.left - 1 || w.xMax > AREA.right + 1 || w.yMin < AREA.top - 1 || w.yMax > AREA.bottom + 1))).toEqual([]);
    expect(glyphIds(long.bytes).filter((id) => id === 0)).toEqual([]);
  });

  it('maps what the font lacks: a look-alike or 〓, never an empty box', async () => {
    const odd = await render({ ...REPORT_FIXTURE, narrative: { ...REPORT_FIXTURE.narrative, other: '要点∙一\u2009二\u200b三✔😀𠀀完' } }, 'odd.pdf');
    const flat = (await poppler('pdftotext', odd.path, '-')).replace(/\s+/g, '');
    expect(flat).toContain('要点·一二三√〓〓完');
    expect(glyphIds(odd.bytes).filter((id) => id === 0)).toEqual([]);
  });
});
