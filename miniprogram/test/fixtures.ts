import type { NoticeDetail, NoticeListItem, Page, StaffMe, StaffNoticeView } from '@gongkai/shared';

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
    corrections: [],
    portalUrl: null,
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

/** A notice as the staff API returns it; override what a test cares about. */
export function aStaffNotice(id: number, over: Partial<StaffNoticeView> = {}): StaffNoticeView {
  return {
    id,
    status: 'draft',
    title: `稿件 ${id}`,
    summary: '',
    categoryCode: 'ZSKS',
    topicCodes: [],
    unitCode: '11370725004410363H',
    documentNo: null,
    indexNo: null,
    disclosure: 'proactive',
    disclosureReason: null,
    infoType: 'business',
    normative: false,
    normativeIssuedOn: null,
    normativeRepealedOn: null,
    bodyHtml: '<p>正文</p>',
    attachments: [],
    authorId: 1,
    publishedAt: null,
    viewCount: 0,
    version: 1,
    round: 0,
    editorIds: [1],
    publishAt: null,
    actions: [],
    refusals: [],
    correction: null,
    authorName: '演示编辑',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...over,
  };
}

/** A signed-in staff member (GET /auth/me). */
export function aStaffMe(id: number, roles: StaffMe['roles'], over: Partial<StaffMe> = {}): StaffMe {
  return {
    id,
    username: roles[0] ?? 'staff',
    displayName: `演示${roles[0] ?? ''}`,
    roles,
    unit: { id: 3, code: '11370725004410363H', name: '基础教育科' },
    ...over,
  };
}
