import type { StaffRole } from '../identity/roles';
import type { NoticeStatus } from './notice-status';

/**
 * The bureau's review chain (先审查，后公开, 一事一审) as a pure state machine:
 *
 *   draft ─submit→ unit_review ─approve→ secrecy_review ─approve→ leader_approval ─approve→ approved
 *   approved ─publish→ published          approved ─schedule→ scheduled ─publish_due→ published
 *   scheduled ─unschedule→ approved       any review step ─return→ returned ─submit→ unit_review
 *   published ─withdraw→ withdrawn
 *
 * Which role may take which action is data (TRANSITIONS); who may act in a round (four eyes) is
 * reviewRefusal over the round's log and editors; the server adds what needs rows: the secrecy
 * decision is recorded, versions must match.
 */
export const REVIEW_ACTIONS = ['submit', 'approve', 'return', 'publish', 'schedule', 'unschedule', 'publish_due', 'withdraw'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Who may act: a staff role, the notice's author, or the system (the scheduler). */
export type ReviewActor = StaffRole | 'author' | 'system';

export interface Transition {
  from: NoticeStatus;
  action: ReviewAction;
  to: NoticeStatus;
  actors: readonly ReviewActor[];
  /** The action needs a written opinion or reason. */
  needsOpinion?: boolean;
}

/** The steps where a reviewer acts, in order. */
export const REVIEW_STEPS = ['unit_review', 'secrecy_review', 'leader_approval'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

export const REVIEW_STEP_ROLES: Record<ReviewStep, StaffRole> = {
  unit_review: 'unit_head',
  secrecy_review: 'secrecy_reviewer',
  leader_approval: 'leader',
};

export const REVIEW_STEP_LABELS: Record<ReviewStep, string> = {
  unit_review: '科室负责人审核',
  secrecy_review: '保密审查',
  leader_approval: '分管领导审批',
};

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  publish: '登记发布',
  schedule: '定时发布',
  unschedule: '取消定时',
  publish_due: '定时发布生效',
  withdraw: '撤回',
};

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'submit', to: 'unit_review', actors: ['author'] },
  { from: 'returned', action: 'submit', to: 'unit_review', actors: ['author'] },
  { from: 'unit_review', action: 'approve', to: 'secrecy_review', actors: ['unit_head'] },
  { from: 'secrecy_review', action: 'approve', to: 'leader_approval', actors: ['secrecy_reviewer'] },
  { from: 'leader_approval', action: 'approve', to: 'approved', actors: ['leader'] },
  { from: 'unit_review', action: 'return', to: 'returned', actors: ['unit_head'], needsOpinion: true },
  { from: 'secrecy_review', action: 'return', to: 'returned', actors: ['secrecy_reviewer'], needsOpinion: true },
  { from: 'leader_approval', action: 'return', to: 'returned', actors: ['leader'], needsOpinion: true },
  { from: 'approved', action: 'publish', to: 'published', actors: ['publisher'] },
  { from: 'approved', action: 'schedule', to: 'scheduled', actors: ['publisher'] },
  { from: 'scheduled', action: 'unschedule', to: 'approved', actors: ['publisher'] },
  { from: 'scheduled', action: 'publish', to: 'published', actors: ['publisher'] },
  { from: 'scheduled', action: 'publish_due', to: 'published', actors: ['system'] },
  { from: 'published', action: 'withdraw', to: 'withdrawn', actors: ['leader', 'publisher'], needsOpinion: true },
];

export function transitionFor(from: NoticeStatus, action: ReviewAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/**
 * The steps of one round, for separation of duties (四眼原则): the author's submission, the three
 * review steps, and the release centre's registration (publish, schedule, unschedule). Withdrawing
 * a published notice is no step of a round.
 */
export type ChainStep = 'submission' | ReviewStep | 'registration';

export const CHAIN_STEP_LABELS: Record<ChainStep, string> = {
  submission: '提交审核',
  ...REVIEW_STEP_LABELS,
  registration: '登记发布',
};

/** The step a notice in `status` waits at; null where no step of a round is taken (published, withdrawn). */
export function chainStep(status: NoticeStatus): ChainStep | null {
  if (status === 'draft' || status === 'returned') return 'submission';
  if (isReviewStep(status)) return status;
  if (status === 'approved' || status === 'scheduled') return 'registration';
  return null;
}

/** Who the person acting is, against the notice's current round. */
export interface RoundContext {
  actorId: number;
  authorId: number;
  /** Who edited the title or body that went into this round (the author, or anyone else allowed to edit). */
  editorIds: readonly number[];
  /** Who took which step earlier in this round (the review log of the round). */
  earlierSteps: readonly { step: ChainStep; actorId: number | null }[];
}

export type ReviewRefusalCode = 'REVIEW_NOT_ALLOWED' | 'OWN_NOTICE' | 'FOUR_EYES';

/** Actions that let the notice go on towards the public: whoever edited the round may not take them. */
const APPROVING: readonly ReviewAction[] = ['approve', 'publish', 'schedule'];

/**
 * Why an actor may not take an action (code and Chinese message); null when they may. The state
 * machine decides by role; with `round`, the four-eyes rules too: nobody acts on their own notice
 * (except to submit it), nobody acts on two steps of the same round, and nobody approves or
 * publishes a round whose title or body they edited.
 */
export function reviewRefusal(from: NoticeStatus, action: ReviewAction, actors: readonly ReviewActor[], round?: RoundContext): { code: ReviewRefusalCode; message: string } | null {
  const label = REVIEW_ACTION_LABELS[action];
  const transition = transitionFor(from, action);
  if (!transition) return { code: 'REVIEW_NOT_ALLOWED', message: `当前状态不能执行“${label}”` };
  if (!transition.actors.some((a) => actors.includes(a))) return { code: 'REVIEW_NOT_ALLOWED', message: `您的角色不能在此环节执行“${label}”` };
  if (!round || action === 'submit' || action === 'publish_due') return null;
  if (round.actorId === round.authorId) return { code: 'OWN_NOTICE', message: '不能审核、发布或撤回自己撰写的信息' };
  const step = chainStep(from);
  if (!step) return null;
  const earlier = round.earlierSteps.find((s) => s.actorId === round.actorId && s.step !== step);
  if (earlier) return { code: 'FOUR_EYES', message: `您已在本轮办理过“${CHAIN_STEP_LABELS[earlier.step]}”，同一人不能办理同一轮的两个环节` };
  if (APPROVING.includes(action) && round.editorIds.includes(round.actorId)) return { code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' };
  return null;
}

/** Why an actor may not take an action, in Chinese; null when they may (see reviewRefusal). */
export function refusal(from: NoticeStatus, action: ReviewAction, actors: readonly ReviewActor[], round?: RoundContext): string | null {
  return reviewRefusal(from, action, actors, round)?.message ?? null;
}

/** Actions the given actors may take on a notice in this state (for buttons); with `round`, also by the four-eyes rules. */
export function availableActions(from: NoticeStatus, actors: readonly ReviewActor[], round?: RoundContext): ReviewAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.actors.some((a) => actors.includes(a)) && !reviewRefusal(from, t.action, actors, round)).map((t) => t.action);
}

/** The earlier steps of the current round, from a notice's review log (rows of other rounds and the system's are left out). */
export function roundSteps(log: readonly { round: number; fromStatus: NoticeStatus; actorId: number | null }[], round: number): { step: ChainStep; actorId: number | null }[] {
  return log.flatMap((r) => {
    const step = chainStep(r.fromStatus);
    return r.round === round && step && r.actorId !== null ? [{ step, actorId: r.actorId }] : [];
  });
}

export function isReviewStep(status: NoticeStatus): status is ReviewStep {
  return (REVIEW_STEPS as readonly string[]).includes(status);
}
