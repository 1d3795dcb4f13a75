import { PERMISSIONS } from '../identity/permissions';
import type { StaffRole } from '../identity/roles';
import type { InquiryKindCode } from './kinds';

/**
 * An inquiry's life as a pure state machine:
 *
 *   (msgSecCheck review) held ─release→ submitted        held ─reject→ rejected
 *   submitted ─accept→ accepted ─reply→ replied            (咨询 / 建议 / 反馈)
 *   accepted ─reply→ reply_pending ─approve_reply→ replied (投诉: someone other than its author approves
 *                                                           the reply: a unit head, or a leader when
 *                                                           the unit has no other head)
 *   reply_pending ─return_reply→ accepted
 *   submitted | accepted ─transfer→ submitted (in another unit, with a reason)
 *   replied ─rate→ closed                                  closed ─reopen→ accepted (once, after 不满意)
 *
 * Who may act is data (INQUIRY_TRANSITIONS), its staff roles read from PERMISSIONS
 * ('inquiry.handle', 'inquiry.reviewReply'); the server adds what needs rows: the handler's unit,
 * the parent owning the inquiry, versions. Four eyes (inquiryRefusal): a reply is never approved
 * by its author. A parent's reopen needs a 不满意 rating and is allowed INQUIRY_MAX_REOPENS times.
 */
export const INQUIRY_STATUSES = ['held', 'submitted', 'accepted', 'reply_pending', 'replied', 'closed', 'rejected'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, string> = {
  held: '待审核',
  submitted: '已提交',
  accepted: '已受理',
  reply_pending: '答复待审核',
  replied: '已答复',
  closed: '已办结',
  rejected: '不予受理',
};

/** What a parent sees of the status: a held inquiry is just 已提交 to them, a pending reply is still 已受理. */
export const INQUIRY_PARENT_STATUS_LABELS: Record<InquiryStatus, string> = {
  ...INQUIRY_STATUS_LABELS,
  held: '已提交',
  reply_pending: '已受理',
};

export const INQUIRY_ACTIONS = ['release', 'reject', 'accept', 'transfer', 'reply', 'approve_reply', 'return_reply', 'rate', 'reopen'] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

export const INQUIRY_ACTION_LABELS: Record<InquiryAction, string> = {
  release: '审核放行',
  reject: '不予受理',
  accept: '受理',
  transfer: '转办',
  reply: '答复',
  approve_reply: '答复审核通过',
  return_reply: '答复退回修改',
  rate: '评价',
  reopen: '重新办理',
};

/** Who acts: a staff role (in the inquiry's unit, except admin), or the parent who asked. */
export type InquiryActor = StaffRole | 'parent';

export interface InquiryTransition {
  from: InquiryStatus;
  action: InquiryAction;
  to: InquiryStatus;
  actors: readonly InquiryActor[];
  /** Only for these kinds (default: all). */
  kinds?: readonly InquiryKindCode[];
  /** Needs a written reason, reply or opinion. */
  needsText?: boolean;
}

const HANDLERS: readonly InquiryActor[] = PERMISSIONS['inquiry.handle'];
const REPLY_REVIEWERS: readonly InquiryActor[] = PERMISSIONS['inquiry.reviewReply'];
const NOT_COMPLAINT: readonly InquiryKindCode[] = ['consultation', 'suggestion', 'feedback'];

export const INQUIRY_TRANSITIONS: readonly InquiryTransition[] = [
  { from: 'held', action: 'release', to: 'submitted', actors: HANDLERS },
  { from: 'held', action: 'reject', to: 'rejected', actors: HANDLERS, needsText: true },
  { from: 'submitted', action: 'accept', to: 'accepted', actors: HANDLERS },
  { from: 'submitted', action: 'transfer', to: 'submitted', actors: HANDLERS, needsText: true },
  { from: 'accepted', action: 'transfer', to: 'submitted', actors: HANDLERS, needsText: true },
  { from: 'accepted', action: 'reply', to: 'replied', actors: HANDLERS, kinds: NOT_COMPLAINT, needsText: true },
  { from: 'accepted', action: 'reply', to: 'reply_pending', actors: HANDLERS, kinds: ['complaint'], needsText: true },
  { from: 'reply_pending', action: 'approve_reply', to: 'replied', actors: REPLY_REVIEWERS },
  { from: 'reply_pending', action: 'return_reply', to: 'accepted', actors: REPLY_REVIEWERS, needsText: true },
  { from: 'replied', action: 'rate', to: 'closed', actors: ['parent'] },
  { from: 'closed', action: 'reopen', to: 'accepted', actors: ['parent'], needsText: true },
];

/** The transition `action` takes from `status` for an inquiry of `kind`, if there is one. */
export function inquiryTransition(status: InquiryStatus, action: InquiryAction, kind: InquiryKindCode): InquiryTransition | null {
  return INQUIRY_TRANSITIONS.find((t) => t.from === status && t.action === action && (!t.kinds || t.kinds.includes(kind))) ?? null;
}

/** Who reviews a complaint's reply: a unit head of the inquiry's unit, or a leader (分管领导). */
export type ReplyReviewer = 'unit_head' | 'leader';

export const REPLY_REVIEWER_LABELS: Record<ReplyReviewer, string> = { unit_head: '科室负责人', leader: '分管领导' };

/**
 * Where a complaint's reply goes: to the unit's heads, unless none of them but its author could
 * review it (a unit with one head who wrote the reply, or no head at all): then to a leader.
 */
export function replyReviewerFor(otherUnitHeads: number): ReplyReviewer {
  return otherUnitHeads > 0 ? 'unit_head' : 'leader';
}

/** The roles that may review a reply routed to `reviewer`: the reviewers of PERMISSIONS at that level (admin at either). */
export const REPLY_REVIEW_ROLES: Record<ReplyReviewer, readonly StaffRole[]> = {
  unit_head: PERMISSIONS['inquiry.reviewReply'].filter((r) => r !== 'leader'),
  leader: PERMISSIONS['inquiry.reviewReply'].filter((r) => r !== 'unit_head'),
};

/** Who the staff member acting is, against a reply waiting for review. */
export interface ReplyReviewContext {
  actorId: number;
  /** Who wrote the pending reply (null: not known, as for replies written before this rule). */
  replyAuthorId: number | null;
  replyReviewer: ReplyReviewer | null;
}

/** What a parent's reopen depends on besides the status: the rating given and the reopens so far. */
export interface ReopenContext {
  rating: InquiryRating | null;
  reopenCount: number;
}

export type InquiryRefusalCode = 'INQUIRY_NOT_ALLOWED' | 'FORBIDDEN' | 'FOUR_EYES';

/**
 * Why `actors` may not take `action` (code and Chinese message); null when they may. With a
 * review context, a pending reply is reviewed only at the level it was sent to, and never by its
 * author; with a reopen context, a reopen needs a 不满意 rating and a reopen left.
 */
export function inquiryRefusal(
  status: InquiryStatus,
  action: InquiryAction,
  kind: InquiryKindCode,
  actors: readonly InquiryActor[],
  context?: ReplyReviewContext | ReopenContext,
): { code: InquiryRefusalCode; message: string } | null {
  const label = INQUIRY_ACTION_LABELS[action];
  const transition = inquiryTransition(status, action, kind);
  if (!transition) return { code: 'INQUIRY_NOT_ALLOWED', message: `该事项当前为“${INQUIRY_STATUS_LABELS[status]}”，不能${label}` };
  if (!transition.actors.some((a) => actors.includes(a))) return { code: 'FORBIDDEN', message: `您的角色不能执行“${label}”` };
  if (!context) return null;
  if ('reopenCount' in context) {
    if (action !== 'reopen') return null;
    if (context.rating !== 'unsatisfied') return { code: 'INQUIRY_NOT_ALLOWED', message: '只有评价为“不满意”的事项才能申请重新办理' };
    if (context.reopenCount >= INQUIRY_MAX_REOPENS) return { code: 'INQUIRY_NOT_ALLOWED', message: `每个事项只能申请重新办理 ${INQUIRY_MAX_REOPENS} 次` };
    return null;
  }
  if (action !== 'approve_reply' && action !== 'return_reply') return null;
  if (context.replyAuthorId === context.actorId) return { code: 'FOUR_EYES', message: '答复须由撰写人以外的人审核，不能审核自己撰写的答复' };
  const reviewer = context.replyReviewer ?? 'unit_head';
  if (!REPLY_REVIEW_ROLES[reviewer].some((r) => actors.includes(r))) return { code: 'FORBIDDEN', message: `该答复由${REPLY_REVIEWER_LABELS[reviewer]}审核` };
  return null;
}

/** The actions `actors` may take on an inquiry in `status` (for the pages' buttons; the server checks again). */
export function inquiryActionsFor(status: InquiryStatus, kind: InquiryKindCode, actors: readonly InquiryActor[], context?: ReplyReviewContext | ReopenContext): InquiryAction[] {
  return INQUIRY_TRANSITIONS.filter((t) => t.from === status && (!t.kinds || t.kinds.includes(kind)) && !inquiryRefusal(status, t.action, kind, actors, context)).map((t) => t.action);
}

export const INQUIRY_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type InquiryRating = (typeof INQUIRY_RATINGS)[number];
export const INQUIRY_RATING_LABELS: Record<InquiryRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

/** A parent may reopen an inquiry once, and only after rating its answer 不满意. */
export const INQUIRY_MAX_REOPENS = 1;

/** Limits of what a parent sends. */
export const INQUIRY_LIMITS = {
  subjectMax: 50,
  contentMax: 1000,
  photosMax: 3,
  photoBytesMax: 5 * 1024 * 1024,
  /** Inquiries one parent may submit per Shanghai calendar day. */
  perParentPerDay: 10,
  replyMax: 2000,
  reasonMax: 500,
  noteMax: 1000,
  ratingCommentMax: 200,
} as const;

/** The photo types accepted, decided by the file's content (magic bytes), never by its name. */
export const INQUIRY_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type InquiryPhotoType = (typeof INQUIRY_PHOTO_TYPES)[number];

/** `138****5678`: a phone number as everyone but the assigned handler sees it. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return `${phone.slice(0, 1)}****`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** The tracking number: kind prefix, the Shanghai date of receipt, a four-digit sequence per prefix and day: `ZX20261009-0007`. */
export function trackingNumber(prefix: string, shanghaiDate: string, sequence: number): string {
  return `${prefix}${shanghaiDate.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
}
