import { REPLY_REVIEW_ROLES, may, type InquiryRefusalCode, type InquiryTimelineEntry, type ReplyReviewContext } from '@gongkai/shared';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import type { Inquiry } from './entities/inquiry.entity';

/** Who sees which inquiry (the row checks beside the routes' @RequirePermission), and the module's common refusals. */

export const STALE_MESSAGE = '该事项已被他人处理，请刷新后查看';
export const NOT_FOUND = '未找到该事项';

/** Why staff read an inquiry's personal data, as the access records say it. */
export const INQUIRY_ACCESS_PURPOSE = '办理咨询投诉';

export const notFound = () => ApiError.notFound(NOT_FOUND);
export const stale = () => new ApiError(409, 'CONFLICT', STALE_MESSAGE);

/** Admin sees every unit's inquiries; everyone else only their own unit's. */
export const isAdmin = (staff: StaffPrincipal) => may(staff.roles, 'inquiry.anyUnit');

/**
 * Whether a staff member may see (and, by role, act on) an inquiry: admin all, those who may
 * handle inquiries their unit's, a leader-level reviewer a complaint whose reply waits for a
 * leader's review.
 */
export function sees(staff: StaffPrincipal, i: Inquiry): boolean {
  if (seesUnit(staff, i)) return true;
  return i.status === 'reply_pending' && i.replyReviewer === 'leader' && REPLY_REVIEW_ROLES.leader.some((r) => staff.roles.includes(r));
}

/** Whether the staff member sees an inquiry as one of its unit's (admin: every unit); without `i`, whether they see any unit's. */
export function seesUnit(staff: StaffPrincipal, i?: Pick<Inquiry, 'unitId'>): boolean {
  if (isAdmin(staff)) return true;
  return may(staff.roles, 'inquiry.handle') && (!i || i.unitId === staff.unitId);
}

/** Who is acting, against the inquiry's pending reply (four eyes). */
export function reviewContext(staff: StaffPrincipal, i: Inquiry): ReplyReviewContext {
  return { actorId: staff.id, replyAuthorId: i.pendingReplyById, replyReviewer: i.replyReviewer };
}

/** The state machine's refusal as an API error: 409 when the state does not allow it, 403 when the actor may not. */
export function refusalError(refused: { code: InquiryRefusalCode; message: string }): ApiError {
  return new ApiError(refused.code === 'INQUIRY_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
}

/** What a step of the flow changes besides the status, and the timeline rows it appends. */
export interface InquiryStep {
  set?: Partial<Inquiry>;
  events: { action: InquiryTimelineEntry['action']; label: string; text: string | null; parentVisible: boolean }[];
  /** Whether the reader can no longer see the inquiry afterwards (after transferring it away; a leader after reviewing a reply). */
  leavesUnit?: boolean;
}
