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
 * Which role may take which action is data (TRANSITIONS); the server adds what needs rows:
 * nobody reviews their own notice, the secrecy decision is recorded, versions must match.
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

/** Why an actor may not take an action, in Chinese; null when they may. */
export function refusal(from: NoticeStatus, action: ReviewAction, actors: readonly ReviewActor[]): string | null {
  const transition = transitionFor(from, action);
  if (!transition) return `当前状态不能执行“${REVIEW_ACTION_LABELS[action]}”`;
  if (!transition.actors.some((a) => actors.includes(a))) return `您的角色不能在此环节执行“${REVIEW_ACTION_LABELS[action]}”`;
  return null;
}

/** Actions the given actors may take on a notice in this state (for buttons). */
export function availableActions(from: NoticeStatus, actors: readonly ReviewActor[]): ReviewAction[] {
  return TRANSITIONS.filter((t) => t.from === from && t.actors.some((a) => actors.includes(a))).map((t) => t.action);
}

export function isReviewStep(status: NoticeStatus): status is ReviewStep {
  return (REVIEW_STEPS as readonly string[]).includes(status);
}
