import Taro from '@tarojs/taro';
import { download } from '../api/request';
import { errorMessage } from '../api/errors';

/**
 * Opening a request's documents (the reply letter as PDF or HTML, the fee notice as HTML).
 * A signed-in applicant's copies need the bearer token, which a plain link cannot send, so they are
 * fetched with it first (request.ts `download`: on H5 that gives a blob: URL of the server's answer,
 * on weapp a temp file). The public lookup's copies are opened by a token in the URL and need no
 * header. weapp: PDFs go to `openDocument`; HTML, which openDocument cannot show, is read back
 * and handed to the page to show in a rich-text view.
 */

export interface DisclosureDocument {
  /** Absolute URL. */
  url: string;
  kind: 'pdf' | 'html';
  /** The name an H5 download is saved under. */
  fileName: string;
  /** Send the parent's token (signed-in pages); the lookup's URLs carry their own token. */
  signedIn: boolean;
}

export type OpenResult = { opened: true } | { opened: false; html: string } | { opened: false; failed: string };

const FAILED = '文件打开失败，请稍后重试';

function clickLink(href: string, fileName: string | null): void {
  const link = document.createElement('a');
  link.href = href;
  link.target = '_blank';
  link.rel = 'noopener';
  if (fileName) link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** H5. A window for HTML is opened inside the tap, before any await, so the browser does not block it as a pop-up. */
async function openInBrowser(doc: DisclosureDocument): Promise<OpenResult> {
  if (!doc.signedIn) {
    clickLink(doc.url, doc.kind === 'pdf' ? doc.fileName : null);
    return { opened: true };
  }
  const win = doc.kind === 'html' ? window.open('', '_blank') : null;
  try {
    const blobUrl = await download(doc.url, { auth: 'parent' });
    if (win) win.location.href = blobUrl;
    else clickLink(blobUrl, doc.fileName);
    return { opened: true };
  } catch (e) {
    win?.close();
    return { opened: false, failed: errorMessage(e) };
  }
}

/** What the weapp shows of an HTML document: the body, without style and script blocks rich-text would print as text. */
export function richTextOf(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body.replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, '');
}

async function openInWechat(doc: DisclosureDocument): Promise<OpenResult> {
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let path: string;
  try {
    path = await download(doc.url, doc.signedIn ? { auth: 'parent' } : {});
  } catch (e) {
    // Before any toast: in WeChat hiding the loading box also hides a toast shown after it.
    Taro.hideLoading();
    return { opened: false, failed: errorMessage(e) };
  }
  Taro.hideLoading();
  if (doc.kind === 'pdf') {
    try {
      await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
      return { opened: true };
    } catch {
      return { opened: false, failed: FAILED };
    }
  }
  try {
    const text = Taro.getFileSystemManager().readFileSync(path, 'utf8');
    return { opened: false, html: richTextOf(String(text)) };
  } catch {
    return { opened: false, failed: FAILED };
  }
}

/** Opens the document; the result says whether the page should show HTML itself or a failure. Call it synchronously in the tap. */
export function openDisclosureDocument(doc: DisclosureDocument): Promise<OpenResult> {
  return process.env.TARO_ENV === 'weapp' ? openInWechat(doc) : openInBrowser(doc);
}

/** H5: copies the text (the Clipboard API, else a hidden textarea). weapp has no copy button: wx.setClipboardData is a privacy API the app does not declare, so the code is long-press selectable there. */
export async function copyText(text: string): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp' || typeof document === 'undefined') return false;
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}
