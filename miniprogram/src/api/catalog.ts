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

let prefetched: { id: string; answer: Promise<NoticeDetail> } | null = null;

/**
 * H5: a shared link opens the notice's page directly; its text is asked for at launch (app.ts),
 * while the page's code still runs, and the page's first getNotice takes that answer (request()
 * takes index.html's own earlier request for it, when there is one).
 */
export function prefetchNotice(id: string): void {
  const answer = request<NoticeDetail>(`/notices/${encodeURIComponent(id)}`);
  answer.catch(() => undefined); // the page asks again and shows the error
  prefetched = { id, answer };
}

export function getNotice(id: number | string): Promise<NoticeDetail> {
  if (prefetched && prefetched.id === String(id)) {
    const { answer } = prefetched;
    prefetched = null;
    return answer;
  }
  return request<NoticeDetail>(`/notices/${encodeURIComponent(String(id))}`);
}
