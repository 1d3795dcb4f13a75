import { shanghaiDate } from '../calendar/shanghai';
import type { StaffRole } from '../identity/roles';
import { may } from '../identity/permissions';
import type { NoticeStatus } from './notice-status';
import { REVIEW_ACTION_LABELS, TRANSITIONS, reviewRefusal, roundSteps, type ReviewActor, type ReviewRefusalCode, type RoundContext } from './review-chain';

/**
 * A correction (更正) of a published notice, as a pure state machine. It runs through the same
 * review chain as the notice did, as a new round of the notice, while the public keeps reading the
 * published text:
 *
 *   draft ─submit→ unit_review ─approve→ secrecy_review ─approve→ leader_approval ─approve→ approved
 *   approved ─publish→ applied          any review step ─return→ returned ─submit→ unit_review
 *   draft, returned ─cancel→ cancelled (by its author)
 *
 * The registration applies it at once (a correction is never scheduled). The review steps and the
 * four-eyes rules are the chain's own (`reviewRefusal`), so a correction's round is held to exactly
 * what a notice's round is; on top, the notice's author may not review a correction of it.
 */
export const CORRECTION_STATUSES = ['draft', 'unit_review', 'secrecy_review', 'leader_approval', 'approved', 'returned', 'applied', 'cancelled'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = {
  draft: '更正草稿',
  unit_review: '科室审核中',
  secrecy_review: '保密审查中',
  leader_approval: '领导审批中',
  approved: '待登记',
  returned: '已退回',
  applied: '已更正',
  cancelled: '已取消',
};

/** A correction still on its way (one per notice at a time). */
export const OPEN_CORRECTION_STATUSES: readonly CorrectionStatus[] = ['draft', 'unit_review', 'secrecy_review', 'leader_approval', 'approved', 'returned'];

/** Statuses in which the author may still change the correction. */
export const EDITABLE_CORRECTION_STATUSES: readonly CorrectionStatus[] = ['draft', 'returned'];

export const CORRECTION_ACTIONS = ['submit', 'approve', 'return', 'publish', 'cancel'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

export const CORRECTION_ACTION_LABELS: Record<CorrectionAction, string> = {
  submit: REVIEW_ACTION_LABELS.submit,
  approve: REVIEW_ACTION_LABELS.approve,
  return: REVIEW_ACTION_LABELS.return,
  publish: '登记更正',
  cancel: '取消更正',
};

export interface CorrectionTransition {
  from: CorrectionStatus;
  action: CorrectionAction;
  to: CorrectionStatus;
  actors: readonly ReviewActor[];
  needsOpinion?: boolean;
}

export const CORRECTION_TRANSITIONS: readonly CorrectionTransition[] = [
  // Submitting, the three review steps and returning are the chain's own rows (same states and roles).
  ...(TRANSITIONS.filter((t) => t.action === 'submit' || t.action === 'approve' || t.action === 'return') as readonly CorrectionTransition[]),
  { from: 'approved', action: 'publish', to: 'applied', actors: ['publisher'] },
  { from: 'draft', action: 'cancel', to: 'cancelled', actors: ['author'] },
  { from: 'returned', action: 'cancel', to: 'cancelled', actors: ['author'] },
];

export function correctionTransition(from: CorrectionStatus, action: CorrectionAction): CorrectionTransition | undefined {
  return CORRECTION_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/**
 * The status a correction's step is logged as in the notice's review log: the chain's own, and the
 * notice's `published` once applied. Cancelling is no step of a round and is never logged.
 */
export function correctionLogStatus(status: CorrectionStatus): NoticeStatus {
  if (status === 'cancelled') throw new Error('a cancelled correction has no place in the review log');
  return status === 'applied' ? 'published' : status;
}

/** A correction's round: the chain's round context, plus the notice's own author. */
export interface CorrectionRound extends RoundContext {
  /** The author of the corrected notice: they review no correction of it either. */
  noticeAuthorId: number;
}

/**
 * Why an actor may not take an action on a correction (code and Chinese message); null when they
 * may. The correction's own transitions decide state and role; with `round`, the review chain's
 * four-eyes rules (`reviewRefusal`, the correction's author as the round's author) and the
 * notice's author are held off every step but the correction's own submission and cancelling.
 */
export function correctionRefusal(from: CorrectionStatus, action: CorrectionAction, actors: readonly ReviewActor[], round?: CorrectionRound): { code: ReviewRefusalCode; message: string } | null {
  const label = CORRECTION_ACTION_LABELS[action];
  const transition = correctionTransition(from, action);
  if (!transition) return { code: 'REVIEW_NOT_ALLOWED', message: `当前状态不能执行“${label}”` };
  if (!transition.actors.some((a) => actors.includes(a))) return { code: 'REVIEW_NOT_ALLOWED', message: `您的角色不能在此环节执行“${label}”` };
  if (!round || action === 'submit' || action === 'cancel') return null;
  if (round.actorId === round.noticeAuthorId && round.actorId !== round.authorId) return { code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' };
  // The review steps are the chain's (same states, actions and roles), so are their four-eyes rules.
  return reviewRefusal(from as NoticeStatus, action, actors, round);
}

/** What a correction's actions depend on. */
export interface CorrectionActionFacts {
  status: CorrectionStatus;
  authorId: number;
  noticeAuthorId: number;
  /** The round in review; for draft/returned the round it will be submitted as. */
  round: number;
}

/** The signed-in staff member and their part in the correction's round. */
export interface CorrectionActionActor {
  id: number;
  roles: readonly StaffRole[];
  /** Whether they edited the title or body of the correction's round. */
  editedRound: boolean;
  /** Their rows of the notice's review log (any round; the correction's is picked here). */
  log: readonly { round: number; fromStatus: NoticeStatus; actorId: number | null }[];
}

export type CorrectionViewAction = CorrectionAction | 'edit';

/**
 * What a staff member may do with a correction now, and what their roles would allow but the
 * round's rules refuse: the chain's steps by `correctionRefusal`, and `edit` for its author (or an
 * admin) while it is a draft or returned.
 */
export function correctionActions(
  c: CorrectionActionFacts,
  actor: CorrectionActionActor,
): { actions: CorrectionViewAction[]; refusals: { action: CorrectionViewAction; code: string; message: string }[] } {
  const actions: CorrectionViewAction[] = [];
  const refusals: { action: CorrectionViewAction; code: string; message: string }[] = [];
  const own = c.authorId === actor.id;
  const actors: ReviewActor[] = [...actor.roles, ...(own ? (['author'] as const) : [])];
  const round: CorrectionRound = {
    actorId: actor.id,
    authorId: c.authorId,
    noticeAuthorId: c.noticeAuthorId,
    editorIds: actor.editedRound ? [actor.id] : [],
    earlierSteps: roundSteps(actor.log, c.round),
  };
  for (const t of CORRECTION_TRANSITIONS) {
    if (t.from !== c.status || !t.actors.some((a) => actors.includes(a))) continue;
    const refused = correctionRefusal(c.status, t.action, actors, round);
    if (refused) refusals.push({ action: t.action, code: refused.code, message: refused.message });
    else actions.push(t.action);
  }
  if (may(actor.roles, 'notice.draft') && (own || actor.roles.includes('admin')) && EDITABLE_CORRECTION_STATUSES.includes(c.status)) actions.push('edit');
  return { actions, refusals };
}

/**
 * The line the public reads under a corrected notice, e.g. “本信息于2026年12月6日更正：更正报名截止时间”
 * (the day in Asia/Shanghai): one wording for the mini-program and the public web pages.
 */
export function correctionLineText(line: { correctedAt: string; note: string }): string {
  const [y, m, d] = shanghaiDate(new Date(line.correctedAt)).split('-').map(Number);
  return `本信息于${y}年${m}月${d}日更正：${line.note}`;
}
