import type { SearchResponse, SearchSuggestResponse } from '@gongkai/shared';
import { request } from './request';

/**
 * One search for parents (shapes: shared/src/api/search.ts): notices, guides, public Q&A and, on
 * the first page, a 学区 answer when the query reads as an address. Pass `nextCursor` back as `cursor`.
 */
export function search(q: string, cursor?: string, limit?: number): Promise<SearchResponse> {
  return request<SearchResponse>('/search', { query: { q, cursor, limit } });
}

/** Suggestions while typing (titles and common queries); an empty `q` gives the popular queries. */
export function suggest(q: string): Promise<SearchSuggestResponse> {
  // `q` is sent even when empty: the server answers an empty one with what parents search most.
  return request<SearchSuggestResponse>(`/search/suggest?q=${encodeURIComponent(q)}`);
}
