import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { AnnualReportData } from '@gongkai/shared';
import { GONGWEN_MARGINS_MM } from '../../common/documents/official-document';
import { CHART_HEIGHT, CHART_WIDTH, chartPngs, renderCharts } from './report-charts';
import { placeCells, reportDocument, type ReportChartId, type ReportTable } from './report-document';

/**
 * The report as a Word document, laid out like a 公文 (GB/T 9704): A4 with its margins, the title
 * in 方正小标宋 二号, the headings in 黑体 三号, the body in 仿宋 三号 at a fixed 28 pt line, page
 * numbers `— 1 —` in the footer. Fonts are named for East Asian text (w:rFonts eastAsia) and
 * not embedded: Word substitutes what a machine lacks (宋体 for 小标宋, typically). The tables have
 * real merged cells (gridSpan, vMerge) as the national format lays them out; the charts are PNGs
 * at 2× with their captions.
 */

type Fonts = Exclude<IRunOptions['font'], string | undefined>;
const font = (eastAsia: string): Fonts => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia });
const TITLE_FONT = font('方正小标宋简体');
const HEADING_FONT = font('黑体');
const BODY_FONT = font('仿宋');
const TABLE_FONT = font('宋体');

/** Twips per millimetre. */
const MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(GONGWEN_MARGINS_MM.top * MM), bottom: Math.round(GONGWEN_MARGINS_MM.bottom * MM), left: Math.round(GONGWEN_MARGINS_MM.left * MM), right: Math.round(GONGWEN_MARGINS_MM.right * MM) };
/** The width of the text, in twips. */
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小四 12 pt. */
const SIZE = { title: 44, body: 32, footer: 28, table: 21, caption: 24 };
/** A fixed 28 pt line (22 lines a page, as 公文 set them). */
const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** Chart images in pixels (96 dpi) across the text width. */
const IMAGE_WIDTH = Math.floor((TEXT_WIDTH / 1440) * 96) - 8;
const IMAGE_HEIGHT = Math.round((IMAGE_WIDTH * CHART_HEIGHT) / CHART_WIDTH);

function docxTable(table: ReportTable): Table {
  const total = table.columns.reduce((a, b) => a + b, 0);
  const widths = table.columns.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const placed = placeCells(table);
  const rows = table.rows.map((_, r) => {
    const cells = placed
      .filter((p) => p.row === r)
      .map(
        (p) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { line: 276, lineRule: LineRuleType.AUTO },
                children: [new TextRun({ text: p.cell.text, font: TABLE_FONT, size: SIZE.table })],
              }),
            ],
            columnSpan: p.colSpan > 1 ? p.colSpan : undefined,
            rowSpan: p.rowSpan > 1 ? p.rowSpan : undefined,
            width: { size: widths.slice(p.col, p.col + p.colSpan).reduce((a, b) => a + b, 0), type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            margins: { top: 40, bottom: 40, left: 60, right: 60 },
          }),
      );
    return new TableRow({ children: cells, tableHeader: r < table.headerRows ? true : undefined, cantSplit: true });
  });
  return new Table({ rows, columnWidths: widths, width: { size: TEXT_WIDTH, type: WidthType.DXA }, layout: TableLayoutType.FIXED });
}

const bodyParagraph = (text: string) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * 320 }, spacing: BODY_LINE, children: [new TextRun({ text, font: BODY_FONT, size: SIZE.body })] });

export async function renderReportDocx(data: AnnualReportData): Promise<Buffer> {
  const doc = reportDocument(data);
  const charts = renderCharts(data);
  const pngs = await chartPngs(charts);
  const chartOf = new Map<ReportChartId, { caption: string; png: Buffer }>(charts.map((c, i) => [c.id, { caption: c.caption, png: pngs[i]! }]));

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 300 },
      children: [new TextRun({ text: doc.title, font: TITLE_FONT, size: SIZE.title })],
    }),
  ];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            keepNext: true,
            indent: { firstLine: 2 * 320 },
            spacing: { ...BODY_LINE, before: 120 },
            children: [new TextRun({ text: block.text, font: HEADING_FONT, size: SIZE.body })],
          }),
        );
        break;
      case 'paragraph':
        children.push(bodyParagraph(block.text));
        break;
      case 'table':
        children.push(docxTable(block.table), new Paragraph({ spacing: { after: 120 }, children: [] }));
        break;
      case 'chart': {
        const chart = chartOf.get(block.chart)!;
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { before: 200 },
            children: [
              new ImageRun({
                type: 'png',
                data: chart.png,
                transformation: { width: IMAGE_WIDTH, height: IMAGE_HEIGHT },
                altText: { name: chart.caption, title: chart.caption, description: chart.caption },
              }),
            ],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: chart.caption, font: BODY_FONT, size: SIZE.caption })] }),
        );
        break;
      }
    }
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * 320 },
      spacing: { ...BODY_LINE, before: 560 },
      children: [new TextRun({ text: doc.dated, font: BODY_FONT, size: SIZE.body })],
    }),
  );

  const document = new Document({
    creator: data.agency,
    title: data.title,
    description: `${data.year}年政府信息公开工作年度报告`,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: SIZE.body } },
        title: { run: { font: TITLE_FONT, size: SIZE.title, bold: false, color: '000000' } },
        heading1: { run: { font: HEADING_FONT, size: SIZE.body, bold: false, color: '000000' } },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, footer: Math.round(25 * MM), header: Math.round(15 * MM) } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer })] }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
