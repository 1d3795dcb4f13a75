/** Page paths, in one place (app.config.ts lists the same pages). */
export const ROUTES = {
  home: '/pages/index/index',
  categories: '/pages/category/index',
  mine: '/pages/mine/index',
  noticeList: '/pages/notice/list',
  noticeDetail: '/pages/notice/detail',
  search: '/pages/search/index',
  serviceZoning: '/packages/services/pages/zoning/index',
  serviceInquiry: '/packages/services/pages/inquiry/index',
  serviceDisclosure: '/packages/services/pages/disclosure/index',
  disclosureApply: '/packages/services/pages/disclosure/apply',
  disclosureMine: '/packages/services/pages/disclosure/mine',
  disclosureDetail: '/packages/services/pages/disclosure/detail',
  disclosureLookup: '/packages/services/pages/disclosure/lookup',
  subscriptions: '/packages/services/pages/subscriptions/index',
  inquiryAsk: '/packages/services/pages/inquiry/ask',
  inquiryMine: '/packages/services/pages/inquiry/mine',
  inquiryDetail: '/packages/services/pages/inquiry/detail',
  qaList: '/packages/services/pages/qa/index',
  qaDetail: '/packages/services/pages/qa/detail',
  privacyNotice: '/packages/services/pages/privacy/notice',
  privacyMyData: '/packages/services/pages/privacy/my-data',
  staffLogin: '/packages/staff/pages/login/index',
  staffHome: '/packages/staff/pages/home/index',
  staffNotices: '/packages/staff/pages/notices/index',
  staffCompose: '/packages/staff/pages/compose/index',
  staffReviewQueue: '/packages/staff/pages/review-queue/index',
  staffReview: '/packages/staff/pages/review/index',
  staffPush: '/packages/staff/pages/push/index',
  staffPushReport: '/packages/staff/pages/push-report/index',
  staffInquiries: '/packages/staff/pages/inquiries/index',
  staffOaBinding: '/packages/staff/pages/oa-binding/index',
  staffInquiry: '/packages/staff/pages/inquiry/index',
  staffPassword: '/packages/staff/pages/password/index',
  staffPrivacyRequests: '/packages/staff/pages/privacy-requests/index',
  staffPrivacyRequest: '/packages/staff/pages/privacy-request/index',
  staffPrivacyAccess: '/packages/staff/pages/privacy-access/index',
  staffPortalSync: '/packages/staff/pages/portal-sync/index',
  staffZoning: '/packages/staff/pages/zoning/index',
  staffZoningTable: '/packages/staff/pages/zoning/table',
  staffZoningCompare: '/packages/staff/pages/zoning/compare',
  staffZoningMisses: '/packages/staff/pages/zoning/misses',
  staffDisclosures: '/packages/staff/pages/disclosure/index',
  staffDisclosure: '/packages/staff/pages/disclosure/detail',
  staffDisclosureEnter: '/packages/staff/pages/disclosure/enter',
  staffDisclosureChallenges: '/packages/staff/pages/disclosure/challenges',
} as const;

/** The tab bar's pages (app.config.ts's tabBar). */
export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.categories, ROUTES.mine];

/**
 * The page a route or an H5 address names (`/pages/x/index`, `pages/x/index?y=1`, `#/pages/x/index?y=1`):
 * `/pages/x/index`; the home page when it names none (an address without a hash).
 */
export function pagePathOf(route: string): string {
  const path = route.replace(/^#?\/*/, '').split('?')[0];
  return path ? `/${path}` : ROUTES.home;
}

/** `path?key=value…`, skipping empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export function noticeDetailPath(id: number | string): string {
  return withQuery(ROUTES.noticeDetail, { id });
}

/** Page parameters arrive encoded on some platforms and decoded on others. */
export function param(params: Record<string, string | undefined>, key: string): string {
  const raw = params[key];
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
