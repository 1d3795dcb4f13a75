import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { errorMessage } from '../api/errors';
import type { PagedList } from './usePagedList';

/**
 * A list page's page events: pull down refreshes (a failure becomes a toast), reaching the bottom
 * loads the next page, and with `refreshOnReturn` coming back from another page (a detail where an
 * item may have changed) refreshes the list.
 */
export function useListPage<T>(list: PagedList<T>, refreshOnReturn = false): void {
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown && refreshOnReturn) void list.refresh().catch(() => undefined);
    setShown(true);
  });
  usePullDownRefresh(() => {
    void list
      .refresh()
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());
}
