import { View } from '@tarojs/components';
import type { NoticeListItem } from '@gongkai/shared';
import type { PagedList } from '../hooks/usePagedList';
import { NoticeCard } from './NoticeCard';
import { EmptyState, ErrorState, ListFooter, ListSkeleton } from './States';

/** A paged list of notices with its skeleton, error, empty state and footer. */
export function NoticeFeed({
  list,
  query,
  emptyText = '暂无公开信息',
  emptyHint,
}: {
  list: PagedList<NoticeListItem>;
  query?: string;
  emptyText?: string;
  emptyHint?: string;
}) {
  if (list.loading) return <ListSkeleton />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.retry()} />;
  if (!list.items.length) return <EmptyState text={emptyText} {...(emptyHint ? { hint: emptyHint } : {})} />;
  return (
    <View className='gk-feed e2e-notice-feed'>
      {list.items.map((n) => (
        <NoticeCard key={n.id} notice={n} {...(query ? { query } : {})} />
      ))}
      <ListFooter loadingMore={list.loadingMore} done={list.done} error={list.moreError} onRetry={() => void list.loadMore()} />
    </View>
  );
}
