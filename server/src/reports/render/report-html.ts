import type { AnnualReportData } from '@gongkai/shared';

/** The report as one print-ready HTML page (A4 print styles, the charts inline as SVG, the tables as the national format lays them out). */
export function renderReportHtml(data: AnnualReportData): string {
  void data;
  throw new Error('not yet built');
}

/**
 * The report as a notice body: headings, paragraphs and the tables only (no styles, no SVG), in
 * the markup catalog's sanitiser keeps, so the public page shows the tables; the charts are in
 * the attached PDF.
 */
export function renderReportNoticeBody(data: AnnualReportData): string {
  void data;
  throw new Error('not yet built');
}
