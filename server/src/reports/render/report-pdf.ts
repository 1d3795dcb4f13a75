import PDFDocument from 'pdfkit';
import type { AnnualReportData } from '@gongkai/shared';
import { CHART_HEIGHT, CHART_WIDTH, chartPngs, renderCharts } from './report-charts';
import { placeCells, reportDocument, type ReportChartId, type ReportTable } from './report-document';
import { printable, reportFonts } from './report-fonts';
import { GONGWEN_MARGINS_PT, PT_PER_MM } from '../../common/documents/official-document';

/**
 * The report as an A4 PDF (公文 margins, GB/T 9704) with Noto Serif SC embedded as subsets of
 * its two weights (the text stays searchable and copyable), as the reply letters are made
 * (server/src/disclosure/letters/letter-pdf.ts). pdfkit paginates the paragraphs; the tables are
 * drawn here, cell by cell with borders and spans, and break between rows only where no merged
 * cell crosses (else on a new page, their head repeated). Every string goes through `printable`,
 * so no character is drawn that the font lacks. Page numbers `— 1 —` sit in the bottom margin.
 */

const TITLE_SIZE = 20;
const BODY_SIZE = 14;
const LINE_GAP = 6;
const TABLE_SIZE = 9;
const TABLE_GAP = 1;
const CELL_PAD = 2.5;
/** Above and below a cell's text (its line height already leaves room). */
const CELL_PAD_Y = 1.5;
const CAPTION_SIZE = 11;
const PAGE_NUMBER_SIZE = 12;
const BORDER = 0.6;

type Pdf = PDFKit.PDFDocument;

const bottomOf = (pdf: Pdf) => pdf.page.height - GONGWEN_MARGINS_PT.bottom;

/** A new page when `height` does not fit below the current position. */
function ensure(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottomOf(pdf)) pdf.addPage();
}

interface TableLayout {
  /** The whole table's height. */
  height: number;
  /** The head and the first band after it: what must fit where the table starts. */
  opening: number;
  draw(): void;
}

/**
 * A table measured at the page's width: row heights fit their cells (a merged cell too tall for
 * its rows grows them evenly); bands are the runs of rows no merged cell crosses out of, the only
 * places the table breaks, unless a band is taller than a page or most of the page would stay
 * empty: then it breaks between rows and the merged cells are cut there, their text repeated.
 */
function layoutTable(pdf: Pdf, table: ReportTable, left: number, width: number): TableLayout {
  const total = table.columns.reduce((a, b) => a + b, 0);
  const widths = table.columns.map((w) => (w / total) * width);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [left]);
  const placed = placeCells(table).map((p) => ({ ...p, text: printable(p.cell.text), width: xs[p.col + p.colSpan]! - xs[p.col]! }));
  const count = table.rows.length;
  pdf.font('regular').fontSize(TABLE_SIZE);
  const textHeights = new Map(placed.map((p) => [p, pdf.heightOfString(p.text, { width: p.width - 2 * CELL_PAD, lineGap: TABLE_GAP })]));
  const textHeight = (p: (typeof placed)[number]) => textHeights.get(p)!;

  const heights = Array.from({ length: count }, () => TABLE_SIZE * 1.4 + 2 * CELL_PAD_Y);
  for (const p of placed) if (p.rowSpan === 1) heights[p.row] = Math.max(heights[p.row]!, textHeight(p) + 2 * CELL_PAD_Y);
  for (const p of [...placed].filter((c) => c.rowSpan > 1).sort((a, b) => a.rowSpan - b.rowSpan)) {
    const need = textHeight(p) + 2 * CELL_PAD_Y;
    const have = heights.slice(p.row, p.row + p.rowSpan).reduce((a, b) => a + b, 0);
    if (need > have) for (let r = p.row; r < p.row + p.rowSpan; r++) heights[r]! += (need - have) / p.rowSpan;
  }
  const sum = (from: number, to: number) => heights.slice(from, to).reduce((a, b) => a + b, 0);

  const bands: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (let r = 0; r < count; r++) {
    for (const p of placed) if (p.row === r) end = Math.max(end, r + p.rowSpan);
    if (r + 1 >= end) {
      bands.push([start, r + 1]);
      start = r + 1;
    }
  }
  const head = bands.some(([a]) => a === table.headerRows) ? table.headerRows : 0;
  const headHeight = sum(0, head);
  const bodyBands = bands.filter(([a]) => a >= head);
  const opening = headHeight + (bodyBands[0] ? sum(bodyBands[0][0], bodyBands[0][1]) : 0);

  /** Draws rows [from, to) at y; the cells crossing the edges are cut there. */
  const drawRows = (from: number, to: number, y: number): number => {
    const top = (r: number) => y + sum(from, r);
    pdf.lineWidth(BORDER).strokeColor('#000').fillColor('#000').font('regular').fontSize(TABLE_SIZE);
    for (const p of placed) {
      const a = Math.max(p.row, from);
      const b = Math.min(p.row + p.rowSpan, to);
      if (a >= b) continue;
      const cellTop = top(a);
      const cellHeight = top(b) - cellTop;
      const x = xs[p.col]!;
      pdf.rect(x, cellTop, p.width, cellHeight).stroke();
      const h = Math.min(textHeight(p), cellHeight - 2);
      pdf.text(p.text, x + CELL_PAD, cellTop + (cellHeight - h) / 2, { width: p.width - 2 * CELL_PAD, height: h + 1, align: 'center', lineGap: TABLE_GAP });
    }
    return top(to);
  };

  const draw = () => {
    const pageTop = GONGWEN_MARGINS_PT.top;
    const usable = bottomOf(pdf) - pageTop;
    if (pdf.y + opening > bottomOf(pdf) && opening <= usable) pdf.addPage();
    let y = drawRows(0, head, pdf.y);
    const newPage = () => {
      pdf.addPage();
      y = drawRows(0, head, pageTop);
    };
    for (const [a, b] of bodyBands) {
      const h = sum(a, b);
      if (y + h > bottomOf(pdf)) {
        if (headHeight + h <= usable && bottomOf(pdf) - y < usable / 3) {
          newPage();
        } else {
          let from = a;
          for (let r = a; r < b; r++) {
            if (y + sum(from, r + 1) > bottomOf(pdf) && (r > from || y > pageTop + headHeight + 1)) {
              if (r > from) drawRows(from, r, y);
              newPage();
              from = r;
            }
          }
          y = drawRows(from, b, y);
          continue;
        }
      }
      y = drawRows(a, b, y);
    }
    pdf.x = left;
    pdf.y = y + BODY_SIZE * 0.6;
  };
  return { height: sum(0, count), opening, draw };
}

/** The report as a print-ready A4 PDF with the Chinese fonts embedded (subset) and the charts drawn in. */
export async function renderReportPdf(data: AnnualReportData): Promise<Buffer> {
  const doc = reportDocument(data);
  const charts = renderCharts(data);
  const pngs = await chartPngs(charts);
  const chartOf = new Map<ReportChartId, { caption: string; png: Buffer }>(charts.map((c, i) => [c.id, { caption: c.caption, png: pngs[i]! }]));
  const fonts = reportFonts();

  const pdf = new PDFDocument({
    size: 'A4',
    margins: GONGWEN_MARGINS_PT,
    bufferPages: true,
    // Dated when the figures were read, so the same data renders the same file.
    info: { Title: data.title, Author: data.agency, Creator: 'Gongkai', CreationDate: Number.isNaN(Date.parse(data.asOf)) ? undefined : new Date(data.asOf) },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  // The whole font files (read once per process): pdfkit embeds subsets of them itself, through
  // fontkit, with their ToUnicode maps. Cutting them down first (subset-font) was not faster.
  pdf.registerFont('regular', fonts.regular.data);
  pdf.registerFont('bold', fonts.bold.data);
  const left = GONGWEN_MARGINS_PT.left;
  const width = pdf.page.width - GONGWEN_MARGINS_PT.left - GONGWEN_MARGINS_PT.right;
  const body = () => pdf.font('regular').fontSize(BODY_SIZE).fillColor('#000');
  const lineHeight = () => body().currentLineHeight(true) + LINE_GAP;

  pdf.font('bold').fontSize(TITLE_SIZE).text(printable(doc.title), left, GONGWEN_MARGINS_PT.top, { width, align: 'center', lineGap: 6 });
  pdf.moveDown(1);
  const usable = pdf.page.height - GONGWEN_MARGINS_PT.top - GONGWEN_MARGINS_PT.bottom;
  doc.blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'heading': {
        // A heading keeps on its page two lines of what follows, or the table that follows: all
        // of it when it fits on a page, else its head and first rows.
        pdf.moveDown(0.3);
        const next = doc.blocks[i + 1];
        const table = next?.kind === 'table' ? layoutTable(pdf, next.table, left, width) : null;
        ensure(pdf, lineHeight() + (table ? (table.height <= usable - 2 * lineHeight() ? table.height : table.opening) : 2 * lineHeight()));
        pdf.font('bold').fontSize(BODY_SIZE).text(printable(block.text), left, pdf.y, { width, lineGap: LINE_GAP, indent: 2 * BODY_SIZE });
        break;
      }
      case 'paragraph':
        ensure(pdf, lineHeight());
        body().text(printable(block.text), left, pdf.y, { width, indent: 2 * BODY_SIZE, align: 'justify', lineGap: LINE_GAP });
        break;
      case 'table':
        pdf.moveDown(0.3);
        layoutTable(pdf, block.table, left, width).draw();
        break;
      case 'chart': {
        const chart = chartOf.get(block.chart)!;
        const height = (width * CHART_HEIGHT) / CHART_WIDTH;
        pdf.moveDown(0.5);
        ensure(pdf, height + CAPTION_SIZE * 2.5);
        const y = pdf.y;
        pdf.image(chart.png, left, y, { width, height });
        pdf.font('regular').fontSize(CAPTION_SIZE).text(printable(chart.caption), left, y + height + 4, { width, align: 'center' });
        pdf.moveDown(0.5);
        break;
      }
    }
  });
  pdf.moveDown(1.5);
  ensure(pdf, lineHeight());
  body().text(printable(doc.dated), left, pdf.y, { width: width - 2 * BODY_SIZE, align: 'right' });

  // Page numbers in the bottom margin, 公文 style (— 1 —): the margin is lifted while writing
  // there, or pdfkit would start a new page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(PAGE_NUMBER_SIZE).text(`— ${i + 1} —`, left, pdf.page.height - bottom + 10 * PT_PER_MM, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
