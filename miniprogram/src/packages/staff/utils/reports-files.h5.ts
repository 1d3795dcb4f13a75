import type { ReportExportFormat } from '@gongkai/shared';
import { errorFromResponse, networkError } from '../../../api/errors';
import { sendToSignIn } from '../../../api/request';
import { clearToken, getToken } from '../../../api/tokens';
import { dispositionFileName } from './reports-format';

/**
 * H5: fetches an export of the yearly report with the staff bearer token and saves it under the
 * name the server gives (`<title>.pdf` …). The HTML is print-ready, so it opens in a tab instead,
 * opened before the fetch (a tab opened after an await is a pop-up the browser blocks).
 */
export async function openReportExport(url: string, format: ReportExportFormat, fallbackName: string): Promise<void> {
  const tab = format === 'html' ? window.open('', '_blank') : null;
  try {
    const token = getToken('staff');
    let res: Response;
    try {
      res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
    } catch {
      throw networkError();
    }
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => null);
      if (res.status === 401) {
        clearToken('staff');
        sendToSignIn('staff');
      }
      throw errorFromResponse(res.status, body);
    }
    const blob = await res.blob();
    const objectUrl = URL.createObjectURL(blob);
    if (tab) {
      tab.location.href = objectUrl;
    } else {
      // PDF, DOCX, Markdown (and HTML when pop-ups are refused): a download under its own name.
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = dispositionFileName(res.headers.get('Content-Disposition')) ?? fallbackName;
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    // Long enough for the tab or the download to have read it.
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}
