import type { AnnualReportData } from '@gongkai/shared';

/** The report as a print-ready A4 PDF with the Chinese fonts embedded (subset) and the charts drawn in. */
export async function renderReportPdf(data: AnnualReportData): Promise<Buffer> {
  void data;
  throw new Error('not yet built');
}
