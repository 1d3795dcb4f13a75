import type { NoticeDetail, StaffNoticeView } from '@gongkai/shared';
import { SettableClock } from '../../common/clock/clock';
import type { NoticesService } from '../../catalog/notices.service';
import type { StaffNoticesService } from '../../catalog/staff-notices.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { layout } from './layout';
import type { PublicPagesService } from './public-pages.service';
import { html } from './html';
import { SITE_CSS_NAME } from './site-style';
import { WebPreviewService } from './web-preview.service';

const SITE = { bureau: '某县教育局', name: '某县教育局政府信息公开' };
const FRAME = { title: '通知', description: '通知', canonical: 'https://x.cn/gk/notices/1', ogType: 'article' as const, crumbs: [], content: html`<h1>通知</h1>` };

describe('layout: the stylesheet', () => {
  it('is linked by its hashed name on the public pages', () => {
    const page = layout(SITE, FRAME);
    expect(page).toContain(`<link rel="stylesheet" href="/gk/assets/${SITE_CSS_NAME}">`);
    expect(page).not.toContain('<style>');
  });

  it('is inline for a preview, which has no address of its own to resolve a link against', () => {
    const page = layout(SITE, { ...FRAME, stylesheet: 'inline' });
    expect(page).toMatch(/<style>[^<]*\.site-header\{/);
    expect(page).not.toContain('<link rel="stylesheet"');
  });
});

const DRAFT = {
  id: 7,
  status: 'unit_review',
  title: '秋季开学安全检查',
  summary: '检查范围与时间',
  categoryCode: 'JCJY',
  topicCodes: ['zoning', 'gone'],
  unitCode: 'JCJYK',
  documentNo: null,
  indexNo: null,
  infoType: 'business',
  normative: false,
  normativeIssuedOn: null,
  normativeRepealedOn: null,
  disclosure: 'proactive',
  bodyHtml: '<p><img src="/api/v1/attachments/f1?exp=1&amp;sig=s" /></p>',
  attachments: [{ name: '表.pdf', url: '/api/v1/attachments/f2?exp=1&sig=s', size: 10, fileId: 'f2', contentType: 'application/pdf' }],
  publishedAt: null,
  publishAt: null,
  viewCount: 0,
} as unknown as StaffNoticeView;

/** Fakes of the two catalog services the preview reads, and a page builder that hands back what it was given. */
function service(view: StaffNoticeView, published?: NoticeDetail) {
  const built: NoticeDetail[] = [];
  const staffNotices = { view: async () => view } as unknown as StaffNoticesService;
  const notices = {
    documents: async (ids: number[]) => new Map(published ? ids.map((id) => [id, published]) : []),
    snapshot: async () => ({
      views: { categories: [{ code: 'JCJY', name: '基础教育' }], topics: [{ code: 'zoning', name: '义务教育划片' }], units: [{ code: 'JCJYK', name: '基础教育科' }] },
    }),
  } as unknown as NoticesService;
  const pages = { previewPage: (d: NoticeDetail) => (built.push(d), 'page') } as unknown as PublicPagesService;
  return { built, preview: new WebPreviewService(staffNotices, notices, pages, new SettableClock(new Date('2026-09-01T02:00:00Z'))) };
}

const STAFF = {} as StaffPrincipal;

describe('WebPreviewService', () => {
  it('builds a notice not yet public from the saved draft: names for codes, the 索引号 to come, dated now, signed file links kept', async () => {
    const { built, preview } = service(DRAFT);
    expect(await preview.page(STAFF, 7)).toBe('page');
    expect(built[0]).toMatchObject({
      id: 7,
      indexNo: '发布时生成',
      category: { code: 'JCJY', name: '基础教育' },
      unit: { code: 'JCJYK', name: '基础教育科' },
      topics: [
        { code: 'zoning', name: '义务教育划片' },
        { code: 'gone', name: 'gone' },
      ],
      // The settable clock runs on from the time it was set.
      publishedAt: expect.stringMatching(/^2026-09-01T02:00:0\d\.\d{3}Z$/),
      bodyHtml: DRAFT.bodyHtml,
      attachments: DRAFT.attachments,
      corrections: [],
    });
  });

  it('dates a scheduled notice at its time', async () => {
    const { built, preview } = service({ ...DRAFT, status: 'scheduled', publishAt: '2026-09-03T01:00:00.000Z' });
    await preview.page(STAFF, 7);
    expect(built[0]!.publishedAt).toBe('2026-09-03T01:00:00.000Z');
  });

  it('shows a published notice as the public reads it (its corrections included)', async () => {
    const publicDetail = { id: 7, title: '公开的', corrections: [{ correctedAt: '2026-09-02T00:00:00.000Z', note: '更正日期' }] } as unknown as NoticeDetail;
    const { built, preview } = service({ ...DRAFT, status: 'published' }, publicDetail);
    await preview.page(STAFF, 7);
    expect(built[0]).toBe(publicDetail);
  });
});
