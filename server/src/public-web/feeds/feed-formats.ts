import { GONGKAI_NS, type FeedDocument, type FeedEntry, type FeedFormat } from './feed-document';
import { html } from '../pages/html';
import { el, xmlDocument, type XmlNode } from './xml';

/**
 * A feed document written as RSS 2.0, Atom 1.0 or JSON Feed 1.1.
 *
 * Written here rather than with the `feed` package: feed@5 writes JSON Feed 1.0 only (no
 * `language`, `authors` or `attachments`), cannot add elements to Atom entries, types every Atom
 * enclosure `image/<extension>`, and its XML layer (xml-js) leaves `&` and `<` unescaped in
 * attributes and ends CDATA at a second `]]>`: an attachment named `a<b.pdf` or such a title
 * would make the feed ill-formed. The three formats are small and fixed; the tests read them
 * back with a feed parser and a strict XML parser.
 *
 * Our own fields (索引号, 文号, 发布机构, 更正) are in each entry twice: as a header in the
 * content, which every reader shows, and structured for portals: elements in the GONGKAI_NS
 * namespace (prefix gk) in RSS and Atom, the `_gongkai` extension object in JSON Feed.
 */
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

export const WRITERS: Record<FeedFormat, (feed: FeedDocument) => string> = { rss, atom, json: jsonFeed };

function gongkaiElements(e: FeedEntry): XmlNode[] {
  return [
    el('gk:indexNo', {}, e.indexNo),
    e.documentNo ? el('gk:documentNo', {}, e.documentNo) : null,
    el('gk:publisher', { code: e.unit.code }, e.unit.name),
    ...e.corrections.map((c) => el('gk:correction', { date: c.correctedAt.toISOString() }, c.note)),
    e.portalUrl ? el('gk:portalUrl', {}, e.portalUrl) : null,
  ];
}

export function rss(feed: FeedDocument): string {
  const item = (e: FeedEntry) => {
    const first = e.attachments[0];
    return el(
      'item',
      {},
      el('title', {}, e.title),
      el('link', {}, e.url),
      el('guid', { isPermaLink: 'true' }, e.url),
      // Readers take an RSS description as HTML: the plain summary is escaped for it.
      e.summary ? el('description', {}, html`${e.summary}`.toString()) : null,
      el('content:encoded', {}, e.contentHtml),
      el('pubDate', {}, e.published.toUTCString()),
      // RSS 2.0 has no modification date; dc:date is where readers look for it.
      el('dc:date', {}, e.updated.toISOString()),
      el('dc:creator', {}, e.unit.name),
      ...e.categories.map((c) => el('category', { domain: c.scheme }, c.name)),
      // RSS allows one enclosure per item: the first attachment (the content lists them all).
      first ? el('enclosure', { url: first.url, length: first.size, type: first.mimeType }) : null,
      ...gongkaiElements(e),
    );
  };
  return xmlDocument(
    el(
      'rss',
      { version: '2.0', 'xmlns:atom': ATOM_NS, 'xmlns:content': CONTENT_NS, 'xmlns:dc': DC_NS, 'xmlns:gk': GONGKAI_NS },
      el(
        'channel',
        {},
        el('title', {}, feed.title),
        el('link', {}, feed.homePageUrl),
        el('description', {}, feed.description),
        el('language', {}, 'zh-CN'),
        el('lastBuildDate', {}, feed.updated.toUTCString()),
        el('atom:link', { href: feed.self.rss, rel: 'self', type: 'application/rss+xml' }),
        ...feed.entries.map(item),
      ),
    ),
  );
}

export function atom(feed: FeedDocument): string {
  const entry = (e: FeedEntry) =>
    el(
      'entry',
      {},
      el('id', {}, e.url),
      el('title', { type: 'text' }, e.title),
      el('link', { rel: 'alternate', type: 'text/html', href: e.url }),
      ...e.attachments.map((a) => el('link', { rel: 'enclosure', href: a.url, type: a.mimeType, length: a.size || undefined, title: a.name })),
      el('published', {}, e.published.toISOString()),
      el('updated', {}, e.updated.toISOString()),
      el('author', {}, el('name', {}, e.unit.name)),
      ...e.categories.map((c) => el('category', { term: c.code, label: c.name, scheme: c.scheme })),
      e.summary ? el('summary', { type: 'text' }, e.summary) : null,
      el('content', { type: 'html' }, e.contentHtml),
      ...gongkaiElements(e),
    );
  return xmlDocument(
    el(
      'feed',
      { xmlns: ATOM_NS, 'xmlns:gk': GONGKAI_NS, 'xml:lang': 'zh-CN' },
      el('id', {}, feed.self.atom),
      el('title', { type: 'text' }, feed.title),
      el('subtitle', { type: 'text' }, feed.description),
      el('updated', {}, feed.updated.toISOString()),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.self.atom }),
      el('author', {}, el('name', {}, feed.publisher)),
      ...feed.entries.map(entry),
    ),
  );
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1); `_gongkai` is an extension as the spec allows. */
export function jsonFeed(feed: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.self.json,
    description: feed.description,
    language: 'zh-CN',
    authors: [{ name: feed.publisher }],
    items: feed.entries.map((e) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary || undefined,
      date_published: e.published.toISOString(),
      date_modified: e.updated.toISOString(),
      authors: [{ name: e.unit.name }],
      tags: e.categories.map((c) => c.name),
      attachments: e.attachments.length
        ? e.attachments.map((a) => ({ url: a.url, mime_type: a.mimeType, title: a.name, size_in_bytes: a.size || undefined }))
        : undefined,
      _gongkai: {
        indexNo: e.indexNo,
        documentNo: e.documentNo,
        publisher: e.unit,
        category: e.categories.filter((c) => c.kind === 'category').map(({ code, name }) => ({ code, name }))[0] ?? null,
        topics: e.categories.filter((c) => c.kind === 'topic').map(({ code, name }) => ({ code, name })),
        corrections: e.corrections.map((c) => ({ correctedAt: c.correctedAt.toISOString(), note: c.note })),
        portalUrl: e.portalUrl,
      },
    })),
  });
}
