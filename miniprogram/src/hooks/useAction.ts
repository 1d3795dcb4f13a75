import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { errorMessage } from '../api/errors';

export interface ActionOptions<T> {
  /** Toast shown after success (`icon: 'success'`), or a function of the result. */
  success?: string | ((result: T) => string | { title: string; icon: 'success' | 'none' } | null);
  /** Runs after success before the busy flag drops (e.g. the page's `reload`). */
  refresh?: (result: T) => unknown;
  /**
   * Sees the failure first (e.g. to put field errors under the fields). Returning `true` means it
   * was handled and the toast with the server's message is left out.
   */
  onError?: (error: unknown) => boolean | void;
}

export interface Action {
  /** One action is in flight: buttons look disabled and taps are ignored. */
  busy: boolean;
  /** Runs `work` unless another action is running; resolves with its result, or undefined when it failed or did not run. */
  run: <T>(work: () => Promise<T>, options?: ActionOptions<T>) => Promise<T | undefined>;
}

/**
 * The one way a page runs a button's work: a busy flag against double taps, the server's Chinese
 * message as a toast when it fails, a success toast and a refresh of the page when it worked.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(async <T,>(work: () => Promise<T>, options: ActionOptions<T> = {}): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      let result: T;
      try {
        result = await work();
      } catch (e) {
        if (options.onError?.(e) !== true) void Taro.showToast({ title: errorMessage(e), icon: 'none' });
        return undefined;
      }
      const toast = typeof options.success === 'function' ? options.success(result) : options.success;
      if (typeof toast === 'string') void Taro.showToast({ title: toast, icon: 'success' });
      else if (toast) void Taro.showToast(toast);
      if (options.refresh) await Promise.resolve(options.refresh(result)).catch(() => undefined);
      return result;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
