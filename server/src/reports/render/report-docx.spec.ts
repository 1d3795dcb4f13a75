import mammoth from 'mammoth';
import { REPORT_FIXTURE } from './fixtures/report-fixture';
import { CAPTIONS, FIGURE_SENTENCES, MERGED_CELLS, SECTION_TITLES, TABLE2_ROWS, TABLE3_ROWS, TABLE4_ROWS } from './fixtures/report-expected';
import { docxParts, docxTables } from './fixtures/read-tables';
import { renderReportDocx } from './report-docx';

describe('the report as a Word document', () => {
  let docx: Buffer;
  let parts: Awaited<ReturnType<typeof docxParts>>;

  beforeAll(async () => {
    docx = await renderReportDocx(REPORT_FIXTURE);
    parts = await docxParts(docx);
  });

  it('opens: a .docx that mammoth reads through, title to date', async () => {
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text.startsWith('昌乐县教育局2026年政府信息公开工作年度报告')).toBe(true);
    for (const title of SECTION_TITLES) expect(text).toContain(title);
    for (const sentence of FIGURE_SENTENCES) expect(text.replace(/\n/g, '')).toContain(sentence);
    expect(text.trimEnd().endsWith('2027年1月20日')).toBe(true);
  });

  it('is an A4 page with 公文 margins and page numbers in the footer', async () => {
    const $ = parts.document;
    expect($('w\\:pgSz').attr('w:w')).toBe('11906');
    expect($('w\\:pgSz').attr('w:h')).toBe('16838');
    const margin = $('w\\:pgMar');
    // 37 / 35 / 28 / 26 mm in twips.
    expect([margin.attr('w:top'), margin.attr('w:bottom'), margin.attr('w:left'), margin.attr('w:right')]).toEqual(['2098', '1984', '1587', '1474']);
    const footers = Object.keys(parts.zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers.length).toBe(1);
    const footer = await parts.part(footers[0]!);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toContain('— ');
  });

  it('names the East Asian fonts: 方正小标宋 title, 黑体 headings, 仿宋 body', () => {
    const $ = parts.document;
    const fontOf = (text: string) => {
      const run = $('w\\:r')
        .toArray()
        .find((r) => $(r).find('w\\:t').text() === text);
      return run ? $(run).find('w\\:rFonts').attr('w:eastAsia') : undefined;
    };
    expect(fontOf('昌乐县教育局2026年政府信息公开工作年度报告')).toBe('方正小标宋简体');
    expect(fontOf('一、总体情况')).toBe('黑体');
    expect(fontOf('2027年1月20日')).toBe('仿宋');
    expect(fontOf('行政规范性文件')).toBe('宋体');
  });

  it('reads every table back cell by cell, merged cells and all', () => {
    const [t2, t3, t4, ...rest] = docxTables(parts.document);
    expect(rest).toEqual([]);
    expect(t2!.rows).toEqual(TABLE2_ROWS);
    expect(t3!.rows).toEqual(TABLE3_ROWS);
    expect(t4!.rows).toEqual(TABLE4_ROWS);
    const grids = { 2: t2!, 3: t3!, 4: t4! };
    for (const m of MERGED_CELLS) expect(grids[m.table].cells).toContainEqual({ text: m.text, row: m.row, col: m.col, rowSpan: m.rowSpan, colSpan: m.colSpan });
    // Real merges: gridSpan and vMerge, not repeated text. 三、本年度办理结果 starts a merge continued 21 times.
    const $ = parts.document;
    const t3xml = $('w\\:tbl').eq(1);
    expect(t3xml.find('w\\:vMerge[w\\:val="restart"]').length).toBe(8);
    expect(t3xml.find('w\\:tc').filter((_, tc) => $(tc).find('w\\:t').text() === '三、本年度办理结果').length).toBe(1);
    // The heads repeat on a new page; no row breaks across pages.
    expect(t3xml.find('w\\:tr').slice(0, 3).find('w\\:tblHeader').length).toBe(3);
    expect(t3xml.find('w\\:tr').eq(3).find('w\\:tblHeader').length).toBe(0);
    expect(t3xml.find('w\\:cantSplit').length).toBe(28);
  });

  it('leaves out what XML cannot hold (control characters, lone surrogates), so Word still opens it', async () => {
    const odd = await renderReportDocx({ ...REPORT_FIXTURE, narrative: { ...REPORT_FIXTURE.narrative, other: '甲\u0001乙\u001b丙\ud800丁\t戊𠀀己' } });
    const xml = await (await docxParts(odd)).part('word/document.xml');
    expect(xml).toContain('<w:t xml:space="preserve">甲乙丙丁 戊𠀀己</w:t>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const { value: text } = await mammoth.extractRawText({ buffer: odd });
    expect(text).toContain('甲乙丙丁 戊𠀀己');
  });

  it('has the three charts as 2× PNGs with their captions', async () => {
    const media = Object.keys(parts.zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBe(3);
    for (const name of media) {
      const png = await parts.zip.file(name)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 900]);
    }
    const $ = parts.document;
    expect($('wp\\:docPr').toArray().map((d) => $(d).attr('descr'))).toEqual(CAPTIONS);
    const paragraphs = $('w\\:p').toArray().map((p) => $(p).find('w\\:t').text());
    for (const caption of CAPTIONS) expect(paragraphs).toContain(caption);
  });
});
