import { fileUrl } from '../api/config';

/**
 * Notice bodies arrive sanitised by the server (an allow-list of headings, paragraphs, lists,
 * tables, links and images). weapp renders them with rich-text, which does not see the page's
 * style sheet, so the few styles that matter are written inline here (H5: components/NoticeHtml.h5.tsx).
 */
const INLINE_STYLES: Record<string, string> = {
  img: 'max-width:100%;height:auto;display:block;margin:8px auto;',
  table: 'width:100%;border-collapse:collapse;margin:8px 0;font-size:13px;',
  th: 'border:1px solid #ddd;padding:4px 6px;background:#f6f6f6;',
  td: 'border:1px solid #ddd;padding:4px 6px;',
  p: 'margin:0 0 12px;',
  h2: 'font-size:18px;margin:16px 0 8px;',
  h3: 'font-size:17px;margin:14px 0 8px;',
  h4: 'font-size:16px;margin:12px 0 6px;',
  blockquote: 'margin:8px 0;padding:4px 12px;border-left:3px solid #e0c4c2;color:#555;',
};

export function inlineBodyStyles(html: string): string {
  return html.replace(/<(img|table|th|td|p|h2|h3|h4|blockquote)(\s[^>]*)?>/gi, (whole, tag: string, attrs: string | undefined) => {
    const style = INLINE_STYLES[tag.toLowerCase()];
    if (!style) return whole;
    const rest = attrs ?? '';
    if (/\sstyle\s*=/i.test(rest)) return whole;
    const selfClosing = rest.endsWith('/');
    const body = selfClosing ? rest.slice(0, -1) : rest;
    return `<${tag}${body} style="${style}"${selfClosing ? '/' : ''}>`;
  });
}

/**
 * Server-relative addresses in a body (`/api/v1/attachments/…`, a picture imported from Word)
 * made absolute on the API's origin: weapp's rich-text has no origin to resolve them against, nor
 * has an H5 build served from another host. Same-origin H5 (an empty API base) is left as it is.
 */
export function absoluteBodyUrls(html: string): string {
  return html.replace(/(\s(?:src|href)\s*=\s*")(\/(?!\/)[^"]*)"/gi, (_m, attr: string, path: string) => `${attr}${fileUrl(path)}"`);
}

/**
 * Pictures in a body that are uploaded files (`src="/api/v1/attachments/<fileId>"`) pointed at the
 * addresses given by file id instead: before a notice is public its files are only reachable
 * through the signed urls the staff API hands out.
 */
export function withFileUrls(html: string, urlOf: (fileId: string) => string | undefined): string {
  return html.replace(/(\ssrc\s*=\s*")\/api\/v1\/attachments\/([A-Za-z0-9_-]+)"/gi, (whole, attr: string, fileId: string) => {
    const url = urlOf(fileId);
    return url ? `${attr}${url.replace(/"/g, '&quot;')}"` : whole;
  });
}
