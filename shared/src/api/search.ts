import type { NoticeListItem } from './catalog';
import type { QaItem } from './inquiries';
import type { ZoningLookupResult } from './zoning';

/**
 * `GET /api/v1/search?q=&cursor=&limit=`: one search for parents. Notices (办事指南, the BSZN
 * category, shown as guides), the public Q&A, and on the first page a 学区 answer when the query
 * reads as an address.
 */
export type SearchHit = SearchNoticeHit | SearchQaHit | SearchZoningHit;

export interface SearchNoticeHit {
  kind: 'notice' | 'guide';
  notice: NoticeListItem;
  /** A stretch of the body around the first matched word, or null when only title / summary matched. */
  snippet: string | null;
}

export interface SearchQaHit {
  kind: 'qa';
  qa: QaItem;
}

export interface SearchZoningHit {
  kind: 'zoning';
  /** The lookup's answer (matched or ambiguous; a lookup that found nothing is not offered). */
  zoning: ZoningLookupResult;
}

export interface SearchResponse {
  /** The query as searched (folded). */
  query: string;
  /** The words to highlight in titles, summaries and snippets: the matched words and synonyms, longest first. */
  highlight: string[];
  items: SearchHit[];
  nextCursor: string | null;
  /** Results in all (notices and Q&A; the zoning answer not counted). */
  total: number;
  /** No result held every word: these hold most of them. */
  partial: boolean;
  /** When nothing was found: the closest topic or category to browse, and the question to ask instead. */
  empty: SearchEmptyHelp | null;
}

export interface SearchEmptyHelp {
  /** The 专题 or category whose name is closest to the query, if any. */
  browse: { kind: 'topic' | 'category'; code: string; name: string } | null;
  /** Ask this as a 咨询 (the query, cleaned). */
  ask: string;
}

/** `GET /api/v1/search/suggest?q=` */
export interface SearchSuggestResponse {
  query: string;
  suggestions: SearchSuggestion[];
}

export interface SearchSuggestion {
  text: string;
  /** A notice's title (opens the notice) or a query others searched (searches it). */
  kind: 'notice' | 'query';
  noticeId?: number;
}

/** `GET /staff/search/synonyms`, `POST` (create), `PUT /:id` (replace, with version), `DELETE /:id?version=`. */
export interface SynonymGroupView {
  id: number;
  terms: string[];
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface SynonymGroupInput {
  terms: string[];
  /** Required on PUT: the version last read. */
  version?: number;
}

/** `GET /staff/search/insight?from=YYYY-MM-DD&to=YYYY-MM-DD` (Shanghai dates, inclusive). */
export interface SearchInsight {
  from: string;
  to: string;
  searches: number;
  zeroResultSearches: number;
  /** Most searched first. */
  top: SearchQueryStat[];
  /** Queries that found nothing, most searched first. */
  zeroResults: SearchQueryStat[];
  perDay: { day: string; searches: number; zeroResults: number }[];
}

export interface SearchQueryStat {
  /** As stored: folded, with phones, ID numbers and house numbers masked. */
  query: string;
  searches: number;
  zeroResults: number;
  lastDay: string;
}
