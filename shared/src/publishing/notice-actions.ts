import type { DisclosureAttribute } from '../catalog/categories';
import type { NoticeAction, NoticeActionRefusal } from '../api/staff';
import { may } from '../identity/permissions';
import type { StaffRole } from '../identity/roles';
import { EDITABLE_NOTICE_STATUSES, type NoticeStatus } from './notice-status';
import { TRANSITIONS, reviewRefusal, roundSteps, type ReviewActor } from './review-chain';

/** What the actions of one notice depend on. */
export interface NoticeActionFacts {
  status: NoticeStatus;
  authorId: number;
  round: number;
  disclosure: DisclosureAttribute;
  /** The secrecy review's decision (null before it). */
  publishable: boolean | null;
  /** A correction (更正) of it is open (its own actions are the correction's). */
  correctionOpen?: boolean;
}

/** The signed-in staff member and their part in the notice's current round. */
export interface NoticeActionActor {
  id: number;
  roles: readonly StaffRole[];
  /** Whether they edited the title or body that went into the current round. */
  editedRound: boolean;
  /** Their rows of the notice's review log (any round; the current one is picked here). */
  log: readonly { round: number; fromStatus: NoticeStatus; actorId: number | null }[];
  /** Whether they belong to the notice's unit (a unit's drafts, and corrections, are its editors'). */
  sameUnit?: boolean;
}

/**
 * What a staff member may do with a notice now, and what their roles would allow but this round's
 * rules refuse (with the code and Chinese reason the server would answer). One function for every
 * notice view the server sends, so pages show exactly the buttons the server would accept:
 * - the review chain's transitions for their roles (plus `author` on their own notice), filtered
 *   by the four-eyes rules (`reviewRefusal`) and, for publish/schedule, the secrecy decision;
 * - `edit` when they hold `notice.draft` and the draft service would let them change it (their
 *   own notice, or an admin; only in draft or returned);
 * - `push` for a published 主动公开 notice when they hold `push.campaign`;
 * - `correct` (start a 更正) for a published notice with no correction open, for those who may
 *   write the unit's drafts (`notice.draft`, of their own unit unless `notice.anyUnit`).
 * Visibility (which unit's notices one sees) is the caller's: only notices the actor may see get here.
 */
export function noticeActions(notice: NoticeActionFacts, actor: NoticeActionActor): { actions: NoticeAction[]; refusals: NoticeActionRefusal[] } {
  const actions: NoticeAction[] = [];
  const refusals: NoticeActionRefusal[] = [];
  const own = notice.authorId === actor.id;
  const actors: ReviewActor[] = [...actor.roles, ...(own ? (['author'] as const) : [])];
  const round = {
    actorId: actor.id,
    authorId: notice.authorId,
    editorIds: actor.editedRound ? [actor.id] : [],
    earlierSteps: roundSteps(actor.log, notice.round),
  };
  for (const t of TRANSITIONS) {
    if (t.from !== notice.status || t.action === 'publish_due' || !t.actors.some((a) => actors.includes(a))) continue;
    const refused = reviewRefusal(notice.status, t.action, actors, round) ?? secrecyRefusal(t.action, notice.publishable);
    if (refused) refusals.push({ action: t.action, code: refused.code, message: refused.message });
    else actions.push(t.action);
  }
  if (may(actor.roles, 'notice.draft') && (own || actor.roles.includes('admin')) && EDITABLE_NOTICE_STATUSES.includes(notice.status)) actions.push('edit');
  if (notice.status === 'published' && notice.disclosure === 'proactive' && may(actor.roles, 'push.campaign')) actions.push('push');
  if (notice.status === 'published' && !notice.correctionOpen && mayCorrect(actor.roles, actor.sameUnit === true)) actions.push('correct');
  return { actions, refusals };
}

/** The registration needs the secrecy review's yes (the review service refuses it otherwise). */
function secrecyRefusal(action: string, publishable: boolean | null): { code: string; message: string } | null {
  if (action !== 'publish' && action !== 'schedule') return null;
  if (publishable === null) return { code: 'SECRECY_DECISION_REQUIRED', message: '该信息没有保密审查结论，不能发布' };
  if (publishable === false) return { code: 'NOT_PUBLISHABLE', message: '保密审查结论为不得公开，该信息不能发布' };
  return null;
}

/** Who may start a correction of a unit's published notice: whoever may write that unit's drafts. */
export function mayCorrect(roles: readonly StaffRole[], sameUnit: boolean): boolean {
  return may(roles, 'notice.draft') && (sameUnit || may(roles, 'notice.anyUnit'));
}
