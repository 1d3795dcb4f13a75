import type { NoticeListItem } from '@gongkai/shared';
import type { PagedList as List } from '../hooks/usePagedList';
import { NoticeCard } from './NoticeCard';
import { PagedList } from './PagedList';

/** A paged list of notices with its skeleton, error, empty state and footer. */
export function NoticeFeed({
  list,
  query,
  emptyText = '暂无公开信息',
  emptyHint,
}: {
  list: List<NoticeListItem>;
  query?: string;
  emptyText?: string;
  emptyHint?: string;
}) {
  return (
    <PagedList
      list={list}
      className='gk-feed e2e-notice-feed'
      emptyText={emptyText}
      {...(emptyHint ? { emptyHint } : {})}
      renderItem={(n) => <NoticeCard key={n.id} notice={n} {...(query ? { query } : {})} />}
    />
  );
}
