import { inflateSync } from 'node:zlib';
import { renderLetterPdf } from './letter-pdf';
import { letterDocument, type LetterModel } from './letter-template';

const model = (over: Partial<LetterModel> = {}): LetterModel => ({
  agency: '昌乐县教育局',
  number: '昌教依复〔2026〕1号',
  draft: false,
  applicantName: '张三',
  applicantType: 'natural_person',
  trackingNo: 'YS20261201001',
  receivedDate: '2026-12-01',
  description: '2026年义务教育学校招生计划',
  provisionForm: 'electronic',
  delivery: 'online',
  outcome: 'partial',
  content: { body: '经审查，招生计划中的学生名单涉及个人信息。', redactions: [{ part: '学生名单', reason: '涉及个人隐私' }], provision: '见附件。' },
  date: '2026-12-06',
  reconsiderationBody: '昌乐县人民政府',
  court: '昌乐县人民法院',
  contact: '昌乐县教育局政府信息公开办公室，电话 0536-6212300',
  ...over,
});

/** The PDF's streams, inflated. */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const latin = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      out.push((/FlateDecode/.test(m[1]!) ? inflateSync(raw) : raw).toString('latin1'));
    } catch {
      // a font program that does not inflate on its own: not needed here
    }
  }
  return out;
}

/** Glyph id → text of each embedded font's ToUnicode map (pdfkit writes bfrange arrays). */
function toUnicodeMaps(all: string[]): Map<number, string>[] {
  return all
    .filter((s) => s.includes('begincmap'))
    .map((cmap) => {
      const map = new Map<number, string>();
      for (const r of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
        let glyph = parseInt(r[1]!, 16);
        for (const u of r[3]!.matchAll(/<([0-9a-fA-F]+)>/g)) map.set(glyph++, Buffer.from(u[1]!, 'hex').swap16().toString('utf16le'));
      }
      for (const block of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
        for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(r[1]!, 16), Buffer.from(r[2]!, 'hex').swap16().toString('utf16le'));
      }
      return map;
    });
}

/** The text of every TJ array, decoded with each font's map (one of them is the right one). */
function extractText(pdf: Buffer): string {
  const all = streams(pdf);
  const maps = toUnicodeMaps(all);
  const lines: string[] = [];
  for (const content of all.filter((s) => /\bTJ\b/.test(s))) {
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!).join('');
      for (const map of maps) lines.push(hex.match(/.{4}/g)?.map((g) => map.get(parseInt(g, 16)) ?? '\uFFFD').join('') ?? '');
    }
  }
  return lines.join('\n');
}

describe('the reply letter as PDF', () => {
  it('is a small valid PDF with Noto Serif SC embedded as a subset, its text extractable', async () => {
    const pdf = await renderLetterPdf(letterDocument(model()), { createdAt: new Date('2026-12-06T02:00:00Z') });
    const latin = pdf.toString('latin1');
    expect(latin.startsWith('%PDF-')).toBe(true);
    expect(latin.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.length).toBeLessThan(200 * 1024);
    // TrueType outlines embedded (FontFile2), as subsets of both weights (a six-letter tag before the name).
    expect(latin).toContain('/FontFile2');
    expect(latin).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(latin).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Bold/);
    const text = extractText(pdf);
    expect(text).toContain('政府信息公开申请答复书');
    expect(text).toContain('昌教依复〔2026〕1号');
    expect(text).toContain('张三：');
    expect(text).toContain('学生名单（理由：涉及个人隐私）');
    expect(text).toContain('2026年12月6日');
    // A usual letter fits one page.
    expect(text).toContain('— 1 —');
    expect(text).not.toContain('— 2 —');
  });

  it('marks a draft and gives it no number', async () => {
    const pdf = await renderLetterPdf(letterDocument(model({ number: null, draft: true })), { createdAt: new Date('2026-12-06T02:00:00Z') });
    const text = extractText(pdf);
    expect(text).toContain('草稿');
    expect(text).toContain('（草稿，未编号）');
    expect(text).not.toContain('昌教依复');
  });

  it('numbers every page of a long letter', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `第${i + 1}段：经审查，本机关对申请所涉信息逐项核对，情况说明如下。`).join('\n');
    const pdf = await renderLetterPdf(letterDocument(model({ content: { body, redactions: [{ part: '学生名单', reason: '涉及个人隐私' }] } })), { createdAt: new Date('2026-12-06T02:00:00Z') });
    const text = extractText(pdf);
    expect(text).toContain('— 1 —');
    expect(text).toContain('— 2 —');
    expect(text).toContain('第40段');
    expect(pdf.length).toBeLessThan(200 * 1024);
  });
});
