import { errorFromResponse, networkError } from '../../../api/errors';
import { sendToSignIn } from '../../../api/request';
import { clearToken, getToken } from '../../../api/tokens';

/** The name in `attachment; filename*=UTF-8''…` (RFC 8187, preferred) or `filename="…"`. */
export function dispositionFileName(disposition: string | null | undefined): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || null;
}

/**
 * H5 only: fetches a staff-only file with the bearer token (401 → sign in again) and shows it from
 * a blob: URL. `inTab`: in a tab opened before the fetch (a tab opened after an await is a pop-up
 * the browser blocks); when pop-ups are refused, `blockedTab` says whether this page shows it
 * (the back button returns) or it is saved. Otherwise it is saved under the server's name.
 */
export async function openStaffFile(url: string, opts: { inTab: boolean; fallbackName: string; blockedTab: 'page' | 'download' }): Promise<void> {
  const tab = opts.inTab ? window.open('', '_blank') : null;
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
    } else if (opts.inTab && opts.blockedTab === 'page') {
      window.location.href = objectUrl;
    } else {
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = dispositionFileName(res.headers.get('Content-Disposition')) ?? opts.fallbackName;
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
