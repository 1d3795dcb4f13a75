import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  /** Runs the loader again (retry button, pull-to-refresh). */
  reload: () => Promise<void>;
}

/** Loads once on mount (and again when `deps` change); the newest call wins. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[] = []): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const mounted = useRef(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      if (mounted.current && mine === seq.current) setData(value);
    } catch (e) {
      if (mounted.current && mine === seq.current) setError(e instanceof Error ? e : new Error(errorMessage(e)));
    } finally {
      if (mounted.current && mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, loading, reload };
}
