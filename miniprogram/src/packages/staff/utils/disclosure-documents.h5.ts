import { openStaffFile } from './staff-file';

/**
 * H5: fetches the document with the staff bearer token and shows it from a blob: URL. The HTML
 * preview goes to a tab (this page when pop-ups are refused); a PDF is saved under a readable name.
 */
export function openStaffDocument(url: string, kind: 'html' | 'pdf'): Promise<void> {
  return openStaffFile(url, { inTab: kind === 'html', fallbackName: '答复书.pdf', blockedTab: 'page' });
}
