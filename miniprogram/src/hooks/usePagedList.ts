import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Page } from '@gongkai/shared';
import { ApiError, errorMessage } from '../api/errors';

export interface PagedList<T> {
  items: T[];
  /** First page loading (show the skeleton). */
  loading: boolean;
  /** A further page loading (show the footer spinner). */
  loadingMore: boolean;
  refreshing: boolean;
  /** The first page failed: show the error state with a retry. */
  error: ApiError | Error | undefined;
  /** A further page failed: show a retry in the footer. */
  moreError: ApiError | Error | undefined;
  /** The server said there is nothing after the last page. */
  done: boolean;
  loadMore: () => Promise<void>;
  refresh: () => Promise<void>;
  retry: () => Promise<void>;
}

function asError(e: unknown): ApiError | Error {
  return e instanceof Error ? e : new Error(errorMessage(e));
}

/**
 * Walks a cursor API page by page. Items are de-duplicated by `key`, only one page is in flight
 * at a time, and a refresh (or a change of `resetKey`) starts over from the first page.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  key: (item: T) => string | number,
  resetKey: string,
  enabled = true,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const [moreError, setMoreError] = useState<ApiError | Error | undefined>(undefined);
  const [done, setDone] = useState(false);

  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const keyRef = useRef(key);
  keyRef.current = key;
  const cursor = useRef<string | null | undefined>(undefined);
  const seen = useRef(new Set<string | number>());
  const busy = useRef(false);
  const generation = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const loadFirst = useCallback(async (mode: 'initial' | 'refresh') => {
    const gen = ++generation.current;
    busy.current = true;
    if (mode === 'initial') setLoading(true);
    else setRefreshing(true);
    setError(undefined);
    setMoreError(undefined);
    try {
      const page = await fetchRef.current(undefined);
      if (!mounted.current || gen !== generation.current) return;
      const fresh = new Set<string | number>();
      const unique = page.items.filter((it) => {
        const k = keyRef.current(it);
        if (fresh.has(k)) return false;
        fresh.add(k);
        return true;
      });
      seen.current = fresh;
      cursor.current = page.nextCursor;
      setItems(unique);
      setDone(page.nextCursor === null);
    } catch (e) {
      if (!mounted.current || gen !== generation.current) return;
      if (mode === 'initial') {
        setItems([]);
        setError(asError(e));
      } else {
        // Keep what is shown; the caller toasts the failure.
        throw e;
      }
    } finally {
      if (mounted.current && gen === generation.current) {
        busy.current = false;
        setLoading(false);
        setRefreshing(false);
      }
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (busy.current || cursor.current === null || cursor.current === undefined) return;
    const gen = generation.current;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await fetchRef.current(cursor.current);
      if (!mounted.current || gen !== generation.current) return;
      const fresh = page.items.filter((it) => {
        const k = keyRef.current(it);
        if (seen.current.has(k)) return false;
        seen.current.add(k);
        return true;
      });
      cursor.current = page.nextCursor;
      setItems((prev) => (fresh.length ? prev.concat(fresh) : prev));
      setDone(page.nextCursor === null);
    } catch (e) {
      if (mounted.current && gen === generation.current) setMoreError(asError(e));
    } finally {
      if (mounted.current && gen === generation.current) {
        busy.current = false;
        setLoadingMore(false);
      }
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      generation.current++;
      busy.current = false;
      cursor.current = undefined;
      seen.current = new Set();
      setItems([]);
      setLoading(false);
      setDone(false);
      setError(undefined);
      return;
    }
    cursor.current = undefined;
    setDone(false);
    void loadFirst('initial');
  }, [resetKey, enabled, loadFirst]);

  const refresh = useCallback(() => loadFirst('refresh'), [loadFirst]);
  const retry = useCallback(() => loadFirst('initial'), [loadFirst]);

  return { items, loading, loadingMore, refreshing, error, moreError, done, loadMore, refresh, retry };
}

export interface ListPageOptions {
  /** Off (e.g. signed out, no search words yet): nothing is fetched and the list is empty. */
  enabled?: boolean;
  /** Coming back from another page (a detail where an item may have changed) refreshes the list. */
  refreshOnReturn?: boolean;
}

/**
 * A list page: `usePagedList` plus the page's events. Pull down refreshes (a failure becomes a
 * toast), reaching the bottom loads the next page, and with `refreshOnReturn` coming back to the
 * page refreshes it. Render it with `<PagedList>`.
 */
export function useListPage<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  key: (item: T) => string | number,
  resetKey: string,
  { enabled = true, refreshOnReturn = false }: ListPageOptions = {},
): PagedList<T> {
  const list = usePagedList(fetchPage, key, resetKey, enabled);
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown && refreshOnReturn && enabled) void list.refresh().catch(() => undefined);
    setShown(true);
  });
  usePullDownRefresh(() => {
    void (enabled ? list.refresh() : Promise.resolve())
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (enabled) void list.loadMore();
  });
  return list;
}
