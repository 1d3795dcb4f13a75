import { escape } from 'html-escaper';
import type { AnnualReportData } from '@gongkai/shared';
import { renderCharts, type ReportChart } from './report-charts';
import { reportDocument, type ReportTable } from './report-document';

/**
 * Print CSS of the standalone page: A4 with 公文 margins (GB/T 9704), the title in 小标宋, body
 * in 仿宋 三号, headings in 黑体; each falls back to 宋体 and then Noto Serif SC (what the PDF
 * uses). Tables keep their rows whole across pages and repeat their head.
 */
const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Noto Serif SC", serif; } }
html { background: #fff; color: #000; }
body { margin: 0; font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "宋体", SimSun, "Noto Serif SC", serif; font-size: 16pt; line-height: 1.75; }
.report { max-width: 156mm; margin: 0 auto; padding: 12mm 0 20mm; }
h1 { font-family: "方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif SC", serif; font-size: 22pt; font-weight: normal; line-height: 1.4; text-align: center; margin: 0 0 1.2em; }
h2 { font-family: "黑体", SimHei, "Heiti SC", "宋体", SimSun, "Noto Serif SC", serif; font-size: 16pt; font-weight: normal; margin: 0.8em 0 0.2em; break-after: avoid; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 0.4em 0 0.8em; font-size: 10.5pt; line-height: 1.4; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0.8em 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 12pt; margin-top: 0.2em; }
.dated { text-align: right; text-indent: 0; margin-top: 2em; padding-right: 2em; }
@media screen { body { background: #f4f4f4; } .report { background: #fff; padding: 20mm 26mm 20mm 28mm; box-shadow: 0 0 4px rgba(0,0,0,.2); margin: 10mm auto; } }
`;

/** A table's cells as the format lays them out; heading cells are th. The head rows go in thead. */
function tableHtml(table: ReportTable): string {
  const widths = table.columns.reduce((a, b) => a + b, 0);
  const cols = table.columns.map((w) => `<col style="width:${((w / widths) * 100).toFixed(2)}%">`).join('');
  return tableMarkup(table, `<colgroup>${cols}</colgroup>`);
}

function tableMarkup(table: ReportTable, colgroup = ''): string {
  const row = (cells: ReportTable['rows'][number]) =>
    `<tr>${cells
      .map((c) => {
        const tag = c.header ? 'th' : 'td';
        const spans = `${c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
        return `<${tag}${spans}>${escape(c.text)}</${tag}>`;
      })
      .join('')}</tr>`;
  const head = table.rows.slice(0, table.headerRows).map(row).join('\n');
  const body = table.rows.slice(table.headerRows).map(row).join('\n');
  return `<table>${colgroup}${head ? `\n<thead>\n${head}\n</thead>` : ''}\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The chart's SVG as an image with its caption as its accessible name. */
function chartFigure(chart: ReportChart): string {
  const svg = chart.svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escape(chart.caption)}"`);
  return `<figure>${svg}<figcaption>${escape(chart.caption)}</figcaption></figure>`;
}

/** The report as one print-ready HTML page (A4 print styles, the charts inline as SVG, the tables as the national format lays them out). */
export function renderReportHtml(data: AnnualReportData): string {
  const doc = reportDocument(data);
  const charts = new Map(renderCharts(data).map((c) => [c.id, c]));
  const parts: string[] = [];
  let open = false;
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        if (open) parts.push('</section>');
        parts.push(`<section>\n<h2>${escape(block.text)}</h2>`);
        open = true;
        break;
      case 'paragraph':
        parts.push(`<p>${escape(block.text)}</p>`);
        break;
      case 'table':
        parts.push(tableHtml(block.table));
        break;
      case 'chart':
        parts.push(chartFigure(charts.get(block.chart)!));
        break;
    }
  }
  if (open) parts.push('</section>');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main class="report">
<h1>${escape(doc.title)}</h1>
${parts.join('\n')}
<p class="dated">${escape(doc.dated)}</p>
</main>
</body>
</html>
`;
}

/**
 * The report as a notice body: headings, paragraphs and the tables only (no styles, no SVG), in
 * the markup catalog's sanitiser keeps (h2, p, table with thead/tbody, th/td with colspan and
 * rowspan), so the public page shows the tables; the charts are in the attached PDF.
 */
export function renderReportNoticeBody(data: AnnualReportData): string {
  const doc = reportDocument(data);
  const parts: string[] = [];
  let chartsNoted = false;
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        parts.push(`<h2>${escape(block.text)}</h2>`);
        break;
      case 'paragraph':
        parts.push(`<p>${escape(block.text)}</p>`);
        break;
      case 'table':
        parts.push(tableMarkup(block.table));
        break;
      case 'chart':
        if (!chartsNoted) parts.push(`<p>${escape(NOTICE_CHARTS_NOTE)}</p>`);
        chartsNoted = true;
        break;
    }
  }
  parts.push(`<p>${escape(doc.dated)}</p>`);
  return parts.join('\n');
}

/** Where the notice body's reader finds the charts (the PDF attached to the notice). */
export const NOTICE_CHARTS_NOTE = '本年度主动公开、咨询投诉办理和依申请公开办理情况统计图见附件。';
