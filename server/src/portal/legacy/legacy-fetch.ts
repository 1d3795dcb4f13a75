import iconv from 'iconv-lite';

/** A page as read: its text decoded from its charset, the address after redirects, and its validators. */
export interface FetchedPage {
  url: string;
  status: 200;
  text: string;
  charset: string;
  etag: string | null;
  lastModified: string | null;
}

/** The page has not changed since the validators sent (304). */
export interface NotModified {
  url: string;
  status: 304;
}

/** Why a page could not be read; `missing`: a 404 or 410 (the end of a column's pages). */
export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly missing = false,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'FetchFailed';
  }
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Used when neither the Content-Type nor the page names a charset. */
  charset: string | null;
}

const USER_AGENT = 'Gongkai-LegacyImport/1.0 (+portal import)';
/** How far into a page a <meta charset> or an XML declaration is looked for (browsers look at 1,024 bytes; TRS pages put long comments first). */
const SNIFF_BYTES = 4096;

/**
 * GET with a timeout (the whole answer, body included), a size cap counted as the bytes arrive
 * (a page over the cap fails alone, without being read to its end) and the charset of the
 * Content-Type, else of the page's <meta> or XML declaration, else the source's, else UTF-8.
 * `validators`: a conditional GET; a 304 answers NotModified. A network error or a 5xx is tried
 * once more; the reason names what happened.
 */
export async function fetchPage(url: string, options: FetchOptions, validators?: { etag: string | null; lastModified: string | null }): Promise<FetchedPage | NotModified> {
  try {
    return await fetchOnce(url, options, validators);
  } catch (error) {
    if (!(error instanceof FetchFailed) || !error.transient) throw error;
    return fetchOnce(url, options, validators);
  }
}

async function fetchOnce(url: string, options: FetchOptions, validators?: { etag: string | null; lastModified: string | null }): Promise<FetchedPage | NotModified> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'follow', signal: controller.signal });
    } catch (error) {
      throw networkFailure(error, controller.signal.aborted, options.timeoutMs);
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { url: response.url || url, status: 304 };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const missing = response.status === 404 || response.status === 410;
      throw new FetchFailed(`HTTP ${response.status}`, missing, response.status >= 500 || response.status === 429);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(options.maxBytes);
    }
    const bytes = await readCapped(response, options.maxBytes, controller.signal, options.timeoutMs);
    const charset = charsetOf(response.headers.get('content-type'), bytes, options.charset);
    return {
      url: response.url || url,
      status: 200,
      text: iconv.decode(bytes, charset),
      charset,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (error) {
    if (error instanceof FetchFailed) throw error;
    throw networkFailure(error, signal.aborted, timeoutMs);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number): FetchFailed {
  return new FetchFailed(`page larger than ${formatBytes(maxBytes)} (fetch.maxBytes)`);
}

function networkFailure(error: unknown, timedOut: boolean, timeoutMs: number): FetchFailed {
  if (timedOut) return new FetchFailed(`no complete answer within ${timeoutMs / 1000} s (fetch.timeoutMs)`, false, true);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new FetchFailed(`cannot connect: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`, false, true);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * The page's charset: Content-Type's, a byte-order mark, <meta charset>, <meta http-equiv
 * content="…charset=…">, an XML declaration's encoding, the source's setting, UTF-8. GB2312 and
 * GBK are read as GB18030, their superset, as browsers do.
 */
export function charsetOf(contentType: string | null, bytes: Buffer, fallback: string | null): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader && known(fromHeader)) return normalise(fromHeader);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  // The head is ASCII in every charset these pages use: read it as Latin-1 to find the declaration.
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (declared && known(declared)) return normalise(declared);
  if (fallback && known(fallback)) return normalise(fallback);
  return 'utf8';
}

function known(name: string): boolean {
  return iconv.encodingExists(normalise(name));
}

function normalise(name: string): string {
  const lower = name.toLowerCase();
  return ['gb2312', 'gbk', 'x-gbk', 'cp936', 'gb_2312-80', 'euc-cn'].includes(lower) ? 'gb18030' : lower;
}

/** Runs `work` on each item with at most `limit` at a time, in order of start. */
export async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}
