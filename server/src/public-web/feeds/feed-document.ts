/**
 * One feed, independent of its format: what RSS 2.0, Atom 1.0 and JSON Feed 1.1 are each written
 * from (feed-formats.ts). Every address is absolute (PUBLIC_BASE_URL).
 */
export interface FeedDocument {
  title: string;
  description: string;
  /** The page the feed mirrors (the catalogue, a category's or a topic's page). */
  homePageUrl: string;
  /** The feed's own address in each format. */
  self: Record<FeedFormat, string>;
  /** The newest entry's update, or the epoch for an empty feed (a fixed value keeps the ETag stable). */
  updated: Date;
  /** The bureau: the feed's author. */
  publisher: string;
  entries: FeedEntry[];
}

export interface FeedEntry {
  /** Our page of the notice: its link and its permanent id. */
  url: string;
  title: string;
  summary: string;
  /** A short header (索引号, 文号, 发布机构, 发布日期, 更正), the body, the attachments; addresses absolute. */
  contentHtml: string;
  published: Date;
  /** The last correction's time, or the publication's. */
  updated: Date;
  /** The category first, then the topics. */
  categories: FeedCategory[];
  attachments: FeedAttachment[];
  indexNo: string;
  documentNo: string | null;
  /** 发布机构. */
  unit: { code: string; name: string };
  corrections: { correctedAt: Date; note: string }[];
  /** Where the county portal published it, once it told us. */
  portalUrl: string | null;
}

export interface FeedCategory {
  kind: 'category' | 'topic';
  code: string;
  name: string;
  /** The taxonomy: our list of categories or of topics. */
  scheme: string;
}

export interface FeedAttachment {
  url: string;
  name: string;
  /** Bytes; 0 when unknown (a link typed by hand). */
  size: number;
  mimeType: string;
}

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** File names under a scope's path: /gk/feed.xml, /gk/categories/ZSKS/atom.xml, … */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** The namespace of our own elements in RSS and Atom entries (索引号, 文号, 发布机构, 更正). */
export const GONGKAI_NS = 'urn:gongkai:feed:1';
