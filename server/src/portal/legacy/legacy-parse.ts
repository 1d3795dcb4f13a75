import * as cheerio from 'cheerio';
import { bodyToText, sanitizeBody } from '../../catalog/html-sanitizer';
import type { LegacyFeedEntry } from './entities/legacy-import-run-item.entity';
import type { DetailSelectors, FieldSelector } from './legacy-sources';

/** What a legacy page holds, as the import maps it to a notice. Links are absolute, the body sanitised. */
export interface ExtractedItem {
  title: string;
  date: Date | null;
  documentNo: string | null;
  indexNo: string | null;
  column: string | null;
  bodyHtml: string;
  bodyText: string;
  attachments: { name: string; url: string }[];
}

/** Why a page gave no item: said so the operator can fix the page or the selectors. */
export class ExtractFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractFailed';
  }
}

/** An absolute http(s) address without its fragment; null for anything else (javascript:, mailto:, junk). */
export function absoluteUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}

/** The item links of a list page, absolute, each once, in page order. */
export function listLinks(html: string, pageUrl: string, selector: string): string[] {
  const $ = cheerio.load(html);
  const seen = new Set<string>();
  $(selector).each((_i, el) => {
    const url = absoluteUrl($(el).attr('href'), pageUrl);
    if (url) seen.add(url);
  });
  return [...seen];
}

/** The page count a list page announces (the first group of `pattern`), or null. */
export function pageCount(html: string, pattern: string): number | null {
  const match = new RegExp(pattern, 'u').exec(html);
  const value = Number(match?.[1] ?? match?.[0]);
  return Number.isInteger(value) && value > 0 ? value : null;
}

const collapse = (text: string): string => text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function field($: cheerio.CheerioAPI, spec: FieldSelector | undefined): string | null {
  if (!spec) return null;
  const match = $(spec.selector).first();
  if (!match.length) return null;
  const raw = spec.attr ? (match.attr(spec.attr) ?? '') : match.text();
  const text = collapse(raw);
  if (!spec.pattern) return text || null;
  const found = new RegExp(spec.pattern, 'u').exec(text);
  return found ? collapse(found[1] ?? found[0]) || null : null;
}

/**
 * A detail page's item. Missing title or body fails the page, naming the selector; a date that is
 * there but unreadable fails it too (a published legacy item keeps its date).
 */
export function parseDetail(html: string, pageUrl: string, selectors: DetailSelectors): ExtractedItem {
  const $ = cheerio.load(html);
  const title = field($, selectors.title);
  if (!title) throw new ExtractFailed(`no title (detail.title "${selectors.title.selector}" found nothing)`);
  if (!$(selectors.body.selector).length) throw new ExtractFailed(`no body (detail.body "${selectors.body.selector}" found nothing)`);
  const dateText = field($, selectors.date);
  const date = dateText ? parseDate(dateText) : null;
  if (dateText && !date) throw new ExtractFailed(`unreadable date "${dateText.slice(0, 40)}" (detail.date)`);
  const attachments: { name: string; url: string }[] = [];
  if (selectors.attachments) {
    const seen = new Set<string>();
    $(selectors.attachments).each((_i, el) => {
      const link = $(el);
      const url = absoluteUrl(link.attr('href'), pageUrl);
      if (!url || seen.has(url)) return;
      seen.add(url);
      attachments.push({ name: attachmentName(collapse(link.text()) || link.attr('title') || '', url), url });
    });
  }
  return {
    title,
    date,
    documentNo: field($, selectors.documentNo),
    indexNo: field($, selectors.indexNo),
    column: field($, selectors.column),
    ...cleanBody($(selectors.body.selector).first().html() ?? '', pageUrl),
    attachments,
  };
}

/** A feed entry's item: its own content when no detail page is read. */
export function entryItem(entry: LegacyFeedEntry): ExtractedItem {
  const date = entry.date ? parseDate(entry.date) : null;
  if (entry.date && !date) throw new ExtractFailed(`unreadable date "${entry.date.slice(0, 40)}" in the feed entry`);
  if (!entry.title) throw new ExtractFailed('no title in the feed entry');
  return { title: entry.title, date, documentNo: null, indexNo: null, column: entry.column, ...cleanBody(entry.bodyHtml, entry.link), attachments: [] };
}

/** The body's links and images made absolute against the page, then sanitised as every notice body is. */
function cleanBody(html: string, pageUrl: string): { bodyHtml: string; bodyText: string } {
  // A fragment: a stray `</div>` in it cannot close a wrapper and cut the body short.
  const $ = cheerio.load(html, null, false);
  const container = $.root();
  container.find('a[href]').each((_i, el) => {
    const url = absoluteUrl($(el).attr('href'), pageUrl);
    if (url) $(el).attr('href', url);
    else $(el).removeAttr('href');
  });
  container.find('img').each((_i, el) => {
    const img = $(el);
    // TRS keeps the original address in oldsrc when it rewrites src for its preview.
    const url = absoluteUrl(img.attr('src') || img.attr('oldsrc'), pageUrl);
    if (url) img.attr('src', url);
    else img.remove();
  });
  const bodyHtml = sanitizeBody(container.html() ?? '');
  const bodyText = bodyToText(bodyHtml);
  if (!bodyText && !/<img\b/i.test(bodyHtml)) throw new ExtractFailed('empty body (no text or picture left after sanitising)');
  return { bodyHtml, bodyText };
}

/** A link's name, else the file name in its address. */
function attachmentName(text: string, url: string): string {
  const name = text || fileNameOf(url) || '附件';
  return [...name].slice(0, 200).join('');
}

/** The last path segment, decoded when it is valid percent-encoding (old sites write broken ones too). */
function fileNameOf(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() || '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** RSS 2.0 / RSS 1.0 items and Atom entries, in feed order; entries without a link are skipped. */
export function parseFeed(xml: string, feedUrl: string): LegacyFeedEntry[] {
  const $ = cheerio.load(xml, { xml: true });
  const entries: LegacyFeedEntry[] = [];
  const rss = $('item');
  if (rss.length) {
    rss.each((_i, el) => {
      const item = $(el);
      const permalink = item.children('guid').attr('isPermaLink') !== 'false' ? item.children('guid').text() : '';
      const link = absoluteUrl(item.children('link').text() || permalink, feedUrl);
      if (!link) return;
      entries.push({
        title: collapse(item.children('title').text()),
        link,
        date: collapse(item.children('pubDate').text() || item.children('dc\\:date').text()) || null,
        bodyHtml: item.children('content\\:encoded').text() || item.children('description').text(),
        column: collapse(item.children('category').first().text()) || null,
      });
    });
    return entries;
  }
  $('entry').each((_i, el) => {
    const entry = $(el);
    const links = entry.children('link');
    const alternate = links.filter((_j, l) => !$(l).attr('rel') || $(l).attr('rel') === 'alternate').first();
    const link = absoluteUrl(alternate.attr('href'), feedUrl);
    if (!link) return;
    const content = entry.children('content').first().length ? entry.children('content').first() : entry.children('summary').first();
    entries.push({
      title: collapse(entry.children('title').text()),
      link,
      date: collapse(entry.children('published').text() || entry.children('updated').text()) || null,
      // type="xhtml" carries markup as elements (re-read as HTML: the XML serialiser writes every CJK character as an entity); "html" and "text" as text.
      bodyHtml: content.attr('type') === 'xhtml' ? cheerio.load(content.children().first().html() ?? '', null, false).html() : content.text(),
      column: entry.children('category').first().attr('term') ?? null,
    });
  });
  return entries;
}

const CN_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/u;
// RFC 822 only with its zone at the end: Date.parse would read a date without one in the server's zone.
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$|^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(:\d{2})?\s+(GMT|UT|Z|[+-]\d{4}|[A-Z]{3})$/;

/**
 * A date as legacy pages write it: 2019-03-05, 2019/3/5, 2019年3月5日, optionally with a time,
 * read as Beijing time; or a zoned date of a feed (RFC 822, ISO 8601). Null when unreadable.
 */
export function parseDate(text: string): Date | null {
  const trimmed = text.trim();
  if (ZONED.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = CN_DATE.exec(trimmed);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (y < 1949 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1) return null; // 2019-02-30
  // Beijing has had no daylight saving time since 1991 (UTC+8).
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
}
