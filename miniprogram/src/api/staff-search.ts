import type { SearchInsight, SynonymGroupInput, SynonymGroupView } from '@gongkai/shared';
import { request } from './request';

/**
 * Staff's side of search (`/staff/search/…`, permission `search.manage`): the synonym groups, and
 * what parents searched (masked, without identity). Edits carry the `version` last read; a stale one
 * is refused with 409 and its Chinese message, a term already in another group with 409
 * SYNONYM_DUPLICATE naming the term.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));

export function listSynonymGroups(): Promise<SynonymGroupView[]> {
  return request<SynonymGroupView[]>('/staff/search/synonyms', { auth: 'staff' });
}

export function createSynonymGroup(terms: string[]): Promise<SynonymGroupView> {
  const body: SynonymGroupInput = { terms };
  return request<SynonymGroupView>('/staff/search/synonyms', { method: 'POST', auth: 'staff', body });
}

/** Replaces a group's terms (`version` as read). */
export function updateSynonymGroup(id: number, terms: string[], version: number): Promise<SynonymGroupView> {
  const body: SynonymGroupInput = { terms, version };
  return request<SynonymGroupView>(`/staff/search/synonyms/${enc(id)}`, { method: 'PUT', auth: 'staff', body });
}

/** 204 on success. */
export function deleteSynonymGroup(id: number, version: number): Promise<void> {
  return request<void>(`/staff/search/synonyms/${enc(id)}`, { method: 'DELETE', auth: 'staff', query: { version } });
}

/** Shanghai dates, inclusive (YYYY-MM-DD). */
export function getSearchInsight(from: string, to: string): Promise<SearchInsight> {
  return request<SearchInsight>('/staff/search/insight', { auth: 'staff', query: { from, to } });
}
