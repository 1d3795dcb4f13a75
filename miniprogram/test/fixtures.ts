import type { NoticeDetail, NoticeListItem, Page } from '@gongkai/shared';

/** A published notice as the list API returns it; override what a test cares about. */
export function aNotice(id: number, over: Partial<NoticeListItem> = {}): NoticeListItem {
  return {
    id,
    title: `通知 ${id}`,
    summary: `摘要 ${id}`,
    category: { code: 'ZSKS', name: '招生考试' },
    topics: [],
    unit: { code: '11370725004410339C', name: '招生考试办公室' },
    documentNo: null,
    indexNo: `11370725004410339C/ZSKS-2026-${String(id).padStart(5, '0')}`,
    infoType: 'business',
    normative: false,
    publishedAt: '2026-03-01T16:30:00.000Z',
    attachmentCount: 0,
    ...over,
  };
}

export function aDetail(id: number, over: Partial<NoticeDetail> = {}): NoticeDetail {
  const { attachmentCount: _ignored, ...base } = aNotice(id);
  return {
    ...base,
    viewCount: 12,
    disclosure: 'proactive',
    normativeIssuedOn: null,
    normativeRepealedOn: null,
    bodyHtml: '<p>正文第一段</p>',
    attachments: [],
    ...over,
  };
}

export function aPage(items: NoticeListItem[], nextCursor: string | null): Page<NoticeListItem> {
  return { items, nextCursor };
}

/** Taro's H5 Input renders the <input> itself in jsdom (inside taro-input-core in the browser). */
export function inputOf(container: HTMLElement, selector: string): HTMLInputElement {
  const el = container.querySelector(selector);
  if (!el) throw new Error(`no element ${selector}`);
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
}
