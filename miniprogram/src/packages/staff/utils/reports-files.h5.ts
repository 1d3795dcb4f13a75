import type { ReportExportFormat } from '@gongkai/shared';
import { openStaffFile } from './staff-file';

/**
 * H5: fetches an export of the yearly report with the staff bearer token and saves it under the
 * name the server gives (`<title>.pdf` …). The HTML is print-ready, so it opens in a tab instead
 * (saved when pop-ups are refused).
 */
export function openReportExport(url: string, format: ReportExportFormat, fallbackName: string): Promise<void> {
  return openStaffFile(url, { inTab: format === 'html', fallbackName, blockedTab: 'download' });
}
