import { apiUrl } from './config';
import { errorFromResponse, networkError } from './errors';
import { clientChannel, sendToSignIn } from './request';
import { clearToken, getToken } from './tokens';

/**
 * GET /staff/notices/:id/web-preview: the public web page (/gk/notices/:id) as it will show the
 * notice, built by the server from the notice as saved, for staff who may read it. An HTML
 * document, not JSON, so it is fetched here rather than through `request` (H5 only: the weapp
 * shows no web preview). Failures are ApiErrors, and a 401 signs out as `request` does.
 */
export async function getWebPreview(noticeId: number | string): Promise<string> {
  const token = getToken('staff');
  let res: Response;
  try {
    res = await fetch(apiUrl(`/staff/notices/${encodeURIComponent(String(noticeId))}/web-preview`), {
      headers: { Accept: 'text/html', 'X-Client-Channel': clientChannel(), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      cache: 'no-store',
    });
  } catch {
    throw networkError();
  }
  if (res.ok) return res.text();
  const data: unknown = await res.json().catch(() => null);
  if (res.status === 401) {
    clearToken('staff');
    sendToSignIn('staff');
  }
  throw errorFromResponse(res.status, data);
}
