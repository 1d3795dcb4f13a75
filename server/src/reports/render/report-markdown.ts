import type { AnnualReportData } from '@gongkai/shared';
import { renderCharts } from './report-charts';
import { reportDocument, type FlatTable } from './report-document';

/**
 * The report as GitHub-flavoured Markdown: the title and section headings, the paragraphs, the
 * tables (GFM has no spans: each table's flat form repeats the group a row belongs to in its
 * first columns, e.g. 类别) and the charts as SVG data-URI images with their captions.
 */

/** Text that Markdown reads as text: the ASCII punctuation that could start markup, backslash-escaped. */
function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** A paragraph: also what would start a heading, a list, a quote or a numbered item at its start. */
function paragraph(text: string): string {
  return inline(text).replace(/^(#{1,6}|[-+>=]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

function cell(text: string): string {
  return inline(text.replace(/\s*\n\s*/g, ' ')) || ' ';
}

function table(flat: FlatTable): string {
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(flat.header), `|${flat.header.map(() => ' --- ').join('|')}|`, ...flat.rows.map(row)].join('\n');
}

export function renderReportMarkdown(data: AnnualReportData): string {
  const doc = reportDocument(data);
  const charts = new Map(renderCharts(data).map((c) => [c.id, c]));
  const out: string[] = [`# ${inline(doc.title)}`];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`## ${inline(block.text)}`);
        break;
      case 'paragraph':
        out.push(paragraph(block.text));
        break;
      case 'table':
        out.push(...block.table.flat.map(table));
        break;
      case 'chart': {
        const chart = charts.get(block.chart)!;
        out.push(`![${inline(chart.caption)}](data:image/svg+xml;base64,${Buffer.from(chart.svg).toString('base64')})`, `*${inline(chart.caption)}*`);
        break;
      }
    }
  }
  out.push(paragraph(doc.dated));
  return `${out.join('\n\n')}\n`;
}
