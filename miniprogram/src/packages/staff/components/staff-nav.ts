import { may, type StaffRole } from '@gongkai/shared';
import { ROUTES, withQuery } from '../../../utils/routes';
import { REPORT_ROUTES } from '../utils/reports-format';
import { SEARCH_ROUTES } from '../pages/search/search-staff';

/**
 * The staff console's sections: the desktop side navigation (StaffShell, H5 ≥ 1024 px) lists
 * them and the staff home shows the same sections as its groups of entries. Who sees a section is
 * decided here once, from shared's permissions table, so the home page and the navigation cannot
 * drift apart (the server still refuses what a role may not do).
 */
export type StaffNavKey =
  | 'home'
  | 'notices'
  | 'compose'
  | 'review-queue'
  | 'push'
  | 'inquiries'
  | 'disclosure'
  | 'zoning'
  | 'reports'
  | 'search'
  | 'privacy'
  | 'portal-sync'
  | 'account';

export interface StaffNavEntry {
  key: StaffNavKey;
  label: string;
  /** Whether a member with these roles may use the section. */
  visible: (roles: readonly StaffRole[]) => boolean;
  /** Where the section starts for these roles (some roles see only part of it). */
  url: (roles: readonly StaffRole[]) => string;
}

const always = (): boolean => true;

export const STAFF_NAV: readonly StaffNavEntry[] = [
  { key: 'home', label: '工作台', visible: always, url: () => ROUTES.staffHome },
  { key: 'notices', label: '我的稿件', visible: always, url: () => ROUTES.staffNotices },
  { key: 'compose', label: '写信息', visible: (r) => may(r, 'notice.draft'), url: () => ROUTES.staffCompose },
  // The home page offers the queue to everyone: a role with no step simply finds it empty.
  { key: 'review-queue', label: '待我审核', visible: always, url: () => ROUTES.staffReviewQueue },
  // A push announces one published notice: the section starts from the published ones.
  { key: 'push', label: '推送', visible: (r) => may(r, 'push.campaign'), url: () => withQuery(ROUTES.staffNotices, { status: 'published', nav: 'push' }) },
  {
    key: 'inquiries',
    label: '咨询办理',
    visible: (r) => may(r, 'inquiry.handle') || may(r, 'inquiry.reviewReply'),
    url: (r) => (may(r, 'inquiry.handle') ? ROUTES.staffInquiries : withQuery(ROUTES.staffInquiries, { tab: 'reply_review' })),
  },
  {
    key: 'disclosure',
    label: '依申请公开',
    visible: (r) => may(r, 'disclosure.handle') || may(r, 'disclosure.approve') || may(r, 'disclosure.challenges'),
    url: (r) => (may(r, 'disclosure.handle') || may(r, 'disclosure.approve') ? ROUTES.staffDisclosures : ROUTES.staffDisclosureChallenges),
  },
  { key: 'zoning', label: '学区划片', visible: (r) => may(r, 'zoning.manage'), url: () => ROUTES.staffZoning },
  { key: 'reports', label: '年度报告', visible: (r) => may(r, 'report.edit'), url: () => REPORT_ROUTES.report },
  { key: 'search', label: '搜索设置', visible: (r) => may(r, 'search.manage'), url: () => SEARCH_ROUTES.synonyms },
  {
    key: 'privacy',
    label: '个人信息保护',
    visible: (r) => may(r, 'privacy.rightsRequests') || may(r, 'audit.read'),
    url: (r) => (may(r, 'privacy.rightsRequests') ? ROUTES.staffPrivacyRequests : ROUTES.staffPrivacyAccess),
  },
  { key: 'portal-sync', label: '门户同步', visible: (r) => may(r, 'portal.manage'), url: () => ROUTES.staffPortalSync },
  { key: 'account', label: '账户', visible: always, url: () => ROUTES.staffPassword },
];

/** Whether the section `key` is shown to a member with `roles` (the home page's groups ask the same). */
export function showsSection(roles: readonly StaffRole[], key: StaffNavKey): boolean {
  return STAFF_NAV.some((e) => e.key === key && e.visible(roles));
}

/** The sections a member with `roles` sees, in order, with where each starts. */
export function staffNavFor(roles: readonly StaffRole[]): { key: StaffNavKey; label: string; url: string }[] {
  return STAFF_NAV.filter((e) => e.visible(roles)).map((e) => ({ key: e.key, label: e.label, url: e.url(roles) }));
}
