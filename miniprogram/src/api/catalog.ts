import type { CategoryView, NoticeDetail, NoticeListItem, NoticeListQuery, Page, TopicView, UnitView } from '@gongkai/shared';
import { request } from './request';

export function listCategories(): Promise<CategoryView[]> {
  return request<CategoryView[]>('/categories');
}

export function listTopics(): Promise<TopicView[]> {
  return request<TopicView[]>('/topics');
}

export function listUnits(): Promise<UnitView[]> {
  return request<UnitView[]>('/units');
}

/** One page of published notices, newest first; pass `nextCursor` back as `cursor`. */
export function listNotices(query: NoticeListQuery = {}): Promise<Page<NoticeListItem>> {
  return request<Page<NoticeListItem>>('/notices', {
    query: {
      category: query.category,
      topic: query.topic,
      unit: query.unit,
      year: query.year,
      q: query.q,
      cursor: query.cursor,
      limit: query.limit,
    },
  });
}

/** H5: a shared link's notice was asked for by index.html's own script; request() takes that answer. */
export function getNotice(id: number | string): Promise<NoticeDetail> {
  return request<NoticeDetail>(`/notices/${encodeURIComponent(String(id))}`);
}
