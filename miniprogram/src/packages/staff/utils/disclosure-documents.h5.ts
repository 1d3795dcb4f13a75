import { errorFromResponse, networkError } from '../../../api/errors';
import { clearToken, getToken } from '../../../api/tokens';
import { sendToSignIn } from '../../../api/request';

/**
 * H5: fetches the document with the staff bearer token and shows it from a blob: URL. The HTML
 * preview goes to a tab opened before the fetch (a tab opened after an await is a pop-up the
 * browser blocks); a PDF is saved under a readable name.
 */
export async function openStaffDocument(url: string, kind: 'html' | 'pdf'): Promise<void> {
  const tab = kind === 'html' ? window.open('', '_blank') : null;
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
    } else if (kind === 'html') {
      // Pop-ups refused: open it here instead, the back button returns.
      window.location.href = objectUrl;
    } else {
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = fileName(res.headers.get('Content-Disposition')) ?? '答复书.pdf';
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

/** The name in `attachment; filename*=UTF-8''…` or `filename="…"`. */
function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
