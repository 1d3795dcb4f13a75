import type { StaffRole } from './roles';

/**
 * Who may do what: one table of staff permissions (what a route, a menu entry or a button needs)
 * to the roles that hold it. The server's guard reads it (`@RequirePermission`), services read it
 * for their row checks, and the mini-program reads it to show only what the signed-in staff member
 * may use. Finer rules that depend on a row's state (the review chain's steps, the inquiry flow's
 * transitions, four eyes) stay in their state machines, which name their actors from this table.
 */
export const PERMISSIONS = {
  /** Write and edit drafts, send them into review (科室/学校信息员). */
  'notice.draft': ['editor', 'admin'],
  /** Write, edit and delete the notices of every unit, in any unit's name (others: their own, in their unit's). */
  'notice.anyUnit': ['admin'],
  /** See and act on notices of every unit (the bureau-wide review steps); others see their own unit's. */
  'notice.allUnits': ['secrecy_reviewer', 'leader', 'publisher', 'admin'],
  /** See the notices waiting for one's step of the review chain. */
  'notice.review': ['unit_head', 'secrecy_reviewer', 'leader', 'publisher'],
  /** Announce a published notice to subscribers (信息发布中心). */
  'push.campaign': ['publisher'],
  /** Categories, topics and units of the 公开目录, and each category's automatic push. */
  'catalog.admin': ['admin'],
  /** Staff accounts, their roles and units. */
  'staff.admin': ['admin'],
  /** The audit log, and the records of staff reading parents' personal data and of erasures. */
  'audit.read': ['admin'],
  /** Answer parents' personal-information rights requests (查阅、更正、删除…) within 15 working days. */
  'privacy.rightsRequests': ['admin'],
  /** The county portal's API keys (change feed) and push endpoints, their sync status and re-sends. */
  'portal.manage': ['admin'],
  /** The official account's keyword replies. */
  'oa.keywordReplies': ['admin'],
  /** School zoning tables (学区划片): import, correct, attach to the year's 划片 notice, compare years, see searches that found nothing. */
  'zoning.manage': ['editor', 'admin'],
  /** The working-day calendar's staff entries. */
  'calendar.admin': ['admin'],
  /** Take, transfer, answer and close parents' inquiries (within one's unit; admin everywhere). */
  'inquiry.handle': ['inquiry_handler', 'unit_head', 'admin'],
  /** Handle inquiries of every unit; others handle their own unit's. */
  'inquiry.anyUnit': ['admin'],
  /** Be reminded of a unit's unassigned inquiries before and when their deadline passes (the unit's handlers and head). */
  'inquiry.deadlineReminders': ['inquiry_handler', 'unit_head'],
  /** Review complaint replies before they reach the parent (unit heads; leaders when the unit has no other head). */
  'inquiry.reviewReply': ['unit_head', 'leader', 'admin'],
  /** Enter, accept and handle 依申请公开 requests: 补正, consultation, fees, letters (the handler who accepted alone sees the applicant's ID number in full). */
  'disclosure.handle': ['disclosure_handler', 'disclosure_head'],
  /** Approve a reply letter or an extension (the head of the disclosure office; never one's own), and refund a fee charged wrongly. */
  'disclosure.approve': ['disclosure_head'],
  /** Record administrative reconsiderations and lawsuits about the bureau's disclosure work (table 四 of the yearly report). */
  'disclosure.challenges': ['disclosure_handler', 'disclosure_head', 'admin'],
  /** The yearly 政府信息公开工作年度报告: the records it counts (hot topics, briefings, proposals, other systems' figures, 规范性文件 repeals), its narrative, exports, and its notice. */
  'report.edit': ['report_editor', 'admin'],
  /** Search: edit the synonym groups, and see what parents searched (masked, without identity) and which searches found nothing. */
  'search.manage': ['editor', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof PERMISSIONS;

/** Whether any of `roles` holds `permission`. */
export function may(roles: readonly StaffRole[], permission: StaffPermission): boolean {
  const holders: readonly StaffRole[] = PERMISSIONS[permission];
  return roles.some((role) => holders.includes(role));
}

/** The roles holding `permission`, as the guard's refusal message names them. */
export function rolesFor(permission: StaffPermission): readonly StaffRole[] {
  return PERMISSIONS[permission];
}
