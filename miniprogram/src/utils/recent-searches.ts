import Taro from '@tarojs/taro';
import { SEARCH_QUERY_MAX, SEARCH_RECENT_MAX, foldSearchText, maskSearchQuery } from '@gongkai/shared';

/**
 * 最近搜索: the parent's own searches, kept on this device only (Taro storage, localStorage on H5),
 * newest first, at most SEARCH_RECENT_MAX. Nothing of it goes to the server.
 */
export const RECENT_SEARCHES_KEY = 'gongkai.search.recent';

function write(list: readonly string[]): void {
  try {
    Taro.setStorageSync(RECENT_SEARCHES_KEY, JSON.stringify(list));
  } catch {
    // storage full or unavailable: recent searches are a convenience, the search itself goes on
  }
}

/** The stored list, newest first; anything unreadable counts as none. */
export function readRecentSearches(): string[] {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(RECENT_SEARCHES_KEY);
  } catch {
    return [];
  }
  if (typeof raw !== 'string' || raw === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, SEARCH_RECENT_MAX);
  } catch {
    return [];
  }
}

/**
 * Whether a query may be kept on the device: not one holding a phone, an ID number or a house
 * number (the rule the server masks its statistics by), as 学区查询 promises not to keep an address.
 */
export function keepableSearch(q: string): boolean {
  const folded = foldSearchText(q);
  return folded !== '' && maskSearchQuery(folded) === folded;
}

/** Puts `q` first (once: the same words typed differently, e.g. full-width, count as one); returns the new list. */
export function addRecentSearch(q: string): string[] {
  const text = q.trim().replace(/\s+/gu, ' ').slice(0, SEARCH_QUERY_MAX);
  const current = readRecentSearches();
  if (!keepableSearch(text)) return current;
  const key = foldSearchText(text);
  const next = [text, ...current.filter((s) => foldSearchText(s) !== key)].slice(0, SEARCH_RECENT_MAX);
  write(next);
  return next;
}

/** Removes one entry; returns the new list. */
export function removeRecentSearch(q: string): string[] {
  const key = foldSearchText(q);
  const next = readRecentSearches().filter((s) => foldSearchText(s) !== key);
  write(next);
  return next;
}

/** 清空. */
export function clearRecentSearches(): void {
  try {
    Taro.removeStorageSync(RECENT_SEARCHES_KEY);
  } catch {
    write([]);
  }
}
