import Taro from '@tarojs/taro';
import type { ConsentChannel, TokenKind } from '@gongkai/shared';
import { apiUrl } from './config';
import { ApiError, errorFromResponse, networkError } from './errors';
import { clearToken, getToken } from './tokens';
import { ROUTES } from '../utils/routes';

/** The methods the app sends: wx.request has no PATCH, so routes the app edits with also take PUT. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Send this kind's bearer token; a 401 then clears it and sends the user to sign in again. */
  auth?: TokenKind;
  timeoutMs?: number;
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Where a user goes when their token is refused. */
export const SIGN_IN_ROUTES: Record<TokenKind, string> = {
  parent: ROUTES.mine,
  staff: ROUTES.staffLogin,
};

function currentRoute(): string {
  try {
    const pages = Taro.getCurrentPages();
    const route = pages.length ? pages[pages.length - 1]?.route : undefined;
    return route ? `/${route.replace(/^\//, '').split('?')[0]}` : '';
  } catch {
    return '';
  }
}

export function sendToSignIn(kind: TokenKind): void {
  const target = SIGN_IN_ROUTES[kind];
  if (currentRoute() === target) return;
  const done = { fail: () => undefined };
  if (kind === 'parent') {
    // 我的 is a tab page: only switchTab may open it.
    void Taro.switchTab({ url: target, ...done });
  } else {
    void Taro.redirectTo({ url: target, ...done });
  }
}

/** Which app sends the call (`X-Client-Channel`): the server records it with each consent and counts a notice's views by it. */
export function clientChannel(): Extract<ConsentChannel, 'weapp' | 'h5'> {
  return process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5';
}

/** The headers every call sends: JSON accepted, the app's channel, and the bearer token of `auth` when there is one. */
function headersFor(auth: TokenKind | undefined): Record<string, string> {
  const header: Record<string, string> = { Accept: 'application/json', 'X-Client-Channel': clientChannel() };
  if (auth) {
    const token = getToken(auth);
    if (token) header.Authorization = `Bearer ${token}`;
  }
  return header;
}

/**
 * One answer, for `request`, `upload` and `download` alike: a 2xx body is the result; anything else is an
 * ApiError with the server's Chinese message, and a 401 on a call made with a token clears that
 * token and sends the user to sign in again.
 */
function settle<T>(res: { statusCode: number; data: unknown } | undefined, auth: TokenKind | undefined): T {
  if (!res || typeof res.statusCode !== 'number') throw networkError();
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const error: ApiError = errorFromResponse(res.statusCode, res.data);
  if (res.statusCode === 401 && auth) {
    clearToken(auth);
    sendToSignIn(auth);
  }
  throw error;
}

/**
 * H5: the answer index.html's own script already asked for this GET (config/index.ts, while the
 * app's code loaded), taken once; it resolves to null when that request failed.
 */
function takeEarly(key: string): Promise<unknown> | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
  const early = (window as { __gkEarly?: Record<string, Promise<unknown> | undefined> }).__gkEarly;
  const answer = early?.[key];
  if (answer) delete early[key];
  return answer;
}

/**
 * The one way the app talks to the server. Resolves with the parsed body of a 2xx answer; any
 * failure rejects with an ApiError whose message is Chinese (the server's own, or a network one).
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const early = method === 'GET' && !options.auth ? takeEarly(path + queryString(options.query)) : undefined;
  if (early) {
    // A failed early request (null) is asked again here, so the page shows the server's own error.
    const answer = await early;
    if (answer !== null) return answer as T;
  }
  const header = headersFor(options.auth);
  const hasBody = method !== 'GET' && method !== 'DELETE';
  if (hasBody) header['Content-Type'] = 'application/json';

  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject>;
  try {
    res = await Taro.request<TaroGeneral.IAnyObject>({
      url: apiUrl(path) + queryString(options.query),
      method,
      header,
      // An empty JSON object rather than no body: Fastify refuses an empty body sent as JSON.
      ...(hasBody ? { data: (options.body ?? {}) as Record<string, unknown> } : {}),
      dataType: 'json',
      timeout: options.timeoutMs ?? 15_000,
    });
  } catch {
    throw networkError();
  }
  return settle<T>(res, options.auth);
}

export interface UploadOptions {
  /** The multipart field name the server reads. */
  name?: string;
  auth?: TokenKind;
  formData?: Record<string, string>;
  timeoutMs?: number;
  /**
   * H5: the file name to send. A file chosen in the browser is handed over as a blob: URL, which
   * Taro reads back into a Blob that has lost its name.
   */
  fileName?: string;
  /** Called with 0–100 as the bytes go out. */
  onProgress?: (percent: number) => void;
}

/**
 * A file upload (Taro.uploadFile, multipart). Same contract as `request`: the parsed JSON of a 2xx
 * answer, or an ApiError with the server's Chinese message. uploadFile hands back the body as text,
 * so it is parsed here before the error is built from it.
 */
export async function upload<T>(path: string, filePath: string, options: UploadOptions = {}): Promise<T> {
  const header = headersFor(options.auth);
  let res: { statusCode: number; data: unknown };
  try {
    const task = Taro.uploadFile({
      url: apiUrl(path),
      filePath,
      name: options.name ?? 'file',
      header,
      ...(options.formData ? { formData: options.formData } : {}),
      ...(options.fileName ? { fileName: options.fileName } : {}),
      timeout: options.timeoutMs ?? 60_000,
    });
    const onProgress = options.onProgress;
    if (onProgress && typeof task.progress === 'function') task.progress((p) => onProgress(p.progress));
    res = (await task) as unknown as { statusCode: number; data: unknown };
  } catch {
    throw networkError();
  }
  if (!res || typeof res.statusCode !== 'number') throw networkError();
  let data: unknown = res.data;
  if (typeof data === 'string') {
    try {
      data = data === '' ? null : JSON.parse(data);
    } catch {
      data = null;
    }
  }
  return settle<T>({ statusCode: res.statusCode, data }, options.auth);
}

/**
 * A file fetched with the caller's token (Taro.downloadFile), for what an <Image> cannot ask for
 * itself (inquiry photos); `url` is absolute. Resolves with the local temp path; the token and a
 * 401 are handled as in `request`.
 */
export async function download(url: string, options: { auth?: TokenKind; timeoutMs?: number } = {}): Promise<string> {
  let res: { statusCode: number; tempFilePath?: string };
  try {
    res = await Taro.downloadFile({ url, header: headersFor(options.auth), timeout: options.timeoutMs ?? 60_000 });
  } catch {
    throw networkError();
  }
  // The body of a refusal is a file too: its text is not read, the status decides.
  settle<unknown>(res ? { statusCode: res.statusCode, data: null } : undefined, options.auth);
  if (!res.tempFilePath) throw networkError();
  return res.tempFilePath;
}
