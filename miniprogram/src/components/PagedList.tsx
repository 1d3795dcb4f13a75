import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { PagedList as List } from '../hooks/usePagedList';
import { EmptyState, ErrorState, ListFooter, ListSkeleton } from './States';

/**
 * A paged list's states in one place: the skeleton while the first page loads, the error with 重试,
 * the empty state (and what to offer then), else the items and the footer (loading more, retry, end).
 */
export function PagedList<T>({
  list,
  renderItem,
  emptyText,
  emptyHint,
  empty,
  className = '',
}: {
  list: List<T>;
  renderItem: (item: T) => ReactNode;
  emptyText: string;
  emptyHint?: string;
  /** Shown under the empty state, e.g. a button to create the first item. */
  empty?: ReactNode;
  className?: string;
}) {
  if (list.loading) return <ListSkeleton />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.retry()} />;
  if (!list.items.length) {
    return (
      <View>
        <EmptyState text={emptyText} {...(emptyHint ? { hint: emptyHint } : {})} />
        {empty}
      </View>
    );
  }
  return (
    <View className={className}>
      {list.items.map(renderItem)}
      <ListFooter loadingMore={list.loadingMore} done={list.done} error={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}
