import { STAFF_ROLES } from '../identity/roles';
import { EDITABLE_NOTICE_STATUSES, NOTICE_STATUSES, type NoticeStatus } from './notice-status';
import {
  REVIEW_ACTIONS,
  REVIEW_STEPS,
  REVIEW_STEP_ROLES,
  TRANSITIONS,
  availableActions,
  chainStep,
  isReviewStep,
  refusal,
  reviewRefusal,
  roundSteps,
  transitionFor,
  type ReviewAction,
  type ReviewActor,
  type RoundContext,
} from './review-chain';

const ACTORS: readonly ReviewActor[] = [...STAFF_ROLES, 'author', 'system'];

/**
 * The chain written out independently of TRANSITIONS, as "from action actor → to": every other
 * (state, action, actor) must be refused.
 */
const ALLOWED = `
  draft           submit      author            unit_review
  returned        submit      author            unit_review
  unit_review     approve     unit_head         secrecy_review
  unit_review     return      unit_head         returned
  secrecy_review  approve     secrecy_reviewer  leader_approval
  secrecy_review  return      secrecy_reviewer  returned
  leader_approval approve     leader            approved
  leader_approval return      leader            returned
  approved        publish     publisher         published
  approved        schedule    publisher         scheduled
  scheduled       unschedule  publisher         approved
  scheduled       publish     publisher         published
  scheduled       publish_due system            published
  published       withdraw    leader            withdrawn
  published       withdraw    publisher         withdrawn
`
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/) as [NoticeStatus, ReviewAction, ReviewActor, NoticeStatus]);

const allowed = (from: NoticeStatus, action: ReviewAction, actor: ReviewActor) =>
  ALLOWED.find(([f, a, who]) => f === from && a === action && who === actor);

describe('review chain state machine', () => {
  const cases = NOTICE_STATUSES.flatMap((from) => REVIEW_ACTIONS.flatMap((action) => ACTORS.map((actor) => [from, action, actor] as const)));

  it('covers every state × action × actor (9 × 8 × 12)', () => {
    expect(cases).toHaveLength(NOTICE_STATUSES.length * REVIEW_ACTIONS.length * ACTORS.length);
    expect(cases).toHaveLength(864);
  });

  it.each(cases)('%s · %s · %s', (from, action, actor) => {
    const expected = allowed(from, action, actor);
    const problem = refusal(from, action, [actor]);
    if (expected) {
      expect(problem).toBeNull();
      expect(transitionFor(from, action)?.to).toBe(expected[3]);
      expect(availableActions(from, [actor])).toContain(action);
    } else {
      expect(problem).toMatch(/^(当前状态不能执行|您的角色不能在此环节执行)“.+”$/);
      expect(availableActions(from, [actor])).not.toContain(action);
      // The state refusal when no one may do it here, the role refusal when someone else may.
      const someoneMay = ACTORS.some((other) => allowed(from, action, other));
      expect(problem!.startsWith(someoneMay ? '您的角色' : '当前状态')).toBe(true);
    }
  });

  it('has exactly the transitions written out above, and no duplicate (state, action)', () => {
    const flat = TRANSITIONS.flatMap((t) => t.actors.map((actor) => `${t.from} ${t.action} ${actor} ${t.to}`)).sort();
    expect(flat).toEqual(ALLOWED.map((row) => row.join(' ')).sort());
    const keys = TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets a holder of several roles do what any of them may', () => {
    expect(availableActions('unit_review', ['editor', 'unit_head', 'author'])).toEqual(['approve', 'return']);
    expect(availableActions('approved', ['leader', 'publisher'])).toEqual(['publish', 'schedule']);
    expect(availableActions('published', ['leader', 'publisher'])).toEqual(['withdraw']);
    expect(refusal('draft', 'submit', ['editor', 'admin'])).toBe('您的角色不能在此环节执行“提交审核”');
    expect(availableActions('draft', [])).toEqual([]);
  });

  it('admin takes no part in the chain', () => {
    for (const from of NOTICE_STATUSES) expect(availableActions(from, ['admin'])).toEqual([]);
  });

  it('skips no step: approval only moves one step on, and the chain starts again at unit review', () => {
    const next = (from: NoticeStatus) => transitionFor(from, 'approve')?.to;
    expect([next('unit_review'), next('secrecy_review'), next('leader_approval')]).toEqual(['secrecy_review', 'leader_approval', 'approved']);
    for (const from of ['draft', 'returned', 'approved', 'scheduled', 'published', 'withdrawn'] as const) expect(next(from)).toBeUndefined();
    expect(transitionFor('returned', 'submit')?.to).toBe('unit_review');
    for (const action of ['publish', 'schedule'] as const) {
      for (const from of NOTICE_STATUSES.filter((s) => s !== 'approved' && !(s === 'scheduled' && action === 'publish'))) {
        expect(transitionFor(from, action)).toBeUndefined();
      }
    }
    expect(NOTICE_STATUSES.filter((s) => availableActions(s, ACTORS).length === 0)).toEqual(['withdrawn']);
  });

  it('names the role of each review step, needs an opinion to return or withdraw, and edits only before review', () => {
    for (const step of REVIEW_STEPS) {
      expect(isReviewStep(step)).toBe(true);
      expect(transitionFor(step, 'approve')!.actors).toEqual([REVIEW_STEP_ROLES[step]]);
      expect(transitionFor(step, 'return')!.actors).toEqual([REVIEW_STEP_ROLES[step]]);
    }
    expect(NOTICE_STATUSES.filter(isReviewStep)).toEqual([...REVIEW_STEPS]);
    expect(TRANSITIONS.filter((t) => t.needsOpinion).map((t) => t.action).sort()).toEqual(['return', 'return', 'return', 'withdraw'].sort());
    expect(EDITABLE_NOTICE_STATUSES).toEqual(TRANSITIONS.filter((t) => t.action === 'submit').map((t) => t.from));
  });
});

describe('four eyes in a round', () => {
  // Accounts: 1 author, 2 a unit head who also holds every later role, 3 secrecy, 4 leader, 5 publisher, 9 an admin who edited.
  const ALL_STEPS = ['unit_head', 'secrecy_reviewer', 'leader', 'publisher'] as const;
  const round = (actorId: number, earlierSteps: RoundContext['earlierSteps'] = [], editorIds: number[] = [1]): RoundContext => ({ actorId, authorId: 1, editorIds, earlierSteps });

  it('names the step each status waits at', () => {
    expect(NOTICE_STATUSES.map((s) => [s, chainStep(s)])).toEqual([
      ['draft', 'submission'],
      ['unit_review', 'unit_review'],
      ['secrecy_review', 'secrecy_review'],
      ['leader_approval', 'leader_approval'],
      ['approved', 'registration'],
      ['scheduled', 'registration'],
      ['published', null],
      ['returned', 'submission'],
      ['withdrawn', null],
    ]);
  });

  it('reads the earlier steps of the current round from the log, leaving out other rounds and the system', () => {
    const log = [
      { round: 1, fromStatus: 'draft', actorId: 1 },
      { round: 1, fromStatus: 'unit_review', actorId: 2 },
      { round: 1, fromStatus: 'secrecy_review', actorId: 3 },
      { round: 2, fromStatus: 'returned', actorId: 1 },
      { round: 2, fromStatus: 'unit_review', actorId: 7 },
      { round: 2, fromStatus: 'scheduled', actorId: null },
    ] as const;
    expect(roundSteps(log, 2)).toEqual([
      { step: 'submission', actorId: 1 },
      { step: 'unit_review', actorId: 7 },
    ]);
  });

  it('lets a holder of every step role take one step, and refuses the next with the step it took', () => {
    const tookUnit = [{ step: 'unit_review', actorId: 2 }] as const;
    expect(reviewRefusal('unit_review', 'approve', ALL_STEPS, round(2))).toBeNull();
    for (const [status, action] of [
      ['secrecy_review', 'approve'],
      ['secrecy_review', 'return'],
      ['leader_approval', 'approve'],
      ['approved', 'publish'],
      ['approved', 'schedule'],
      ['scheduled', 'unschedule'],
      ['scheduled', 'publish'],
    ] as const) {
      expect(reviewRefusal(status, action, ALL_STEPS, round(2, tookUnit))).toEqual({ code: 'FOUR_EYES', message: '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节' });
    }
    expect(availableActions('secrecy_review', ALL_STEPS, round(2, tookUnit))).toEqual([]);
    expect(availableActions('approved', ALL_STEPS, round(2, tookUnit))).toEqual([]);
    // Someone else at the next step is fine, and so is the same step again (unschedule, then publish).
    expect(reviewRefusal('secrecy_review', 'approve', ['secrecy_reviewer'], round(3, tookUnit))).toBeNull();
    expect(reviewRefusal('approved', 'publish', ['publisher'], round(5, [...tookUnit, { step: 'registration', actorId: 5 }]))).toBeNull();
    // Withdrawing a published notice is no step of a round.
    expect(reviewRefusal('published', 'withdraw', ALL_STEPS, round(2, tookUnit))).toBeNull();
  });

  it('lets nobody approve or publish a round they edited, though they may send it back', () => {
    const edited = (actorId: number) => round(actorId, [], [1, 9]);
    const message = { code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' };
    expect(reviewRefusal('unit_review', 'approve', ['admin', 'unit_head'], edited(9))).toEqual(message);
    expect(reviewRefusal('leader_approval', 'approve', ['leader'], edited(9))).toEqual(message);
    expect(reviewRefusal('approved', 'publish', ['publisher'], edited(9))).toEqual(message);
    expect(reviewRefusal('approved', 'schedule', ['publisher'], edited(9))).toEqual(message);
    expect(reviewRefusal('unit_review', 'return', ['admin', 'unit_head'], edited(9))).toBeNull();
    expect(availableActions('unit_review', ['admin', 'unit_head'], edited(9))).toEqual(['return']);
    expect(reviewRefusal('unit_review', 'approve', ['unit_head'], edited(2))).toBeNull();
  });

  it('keeps the author off every step but submitting, whatever roles they hold', () => {
    expect(reviewRefusal('draft', 'submit', ['author', 'unit_head'], round(1))).toBeNull();
    expect(reviewRefusal('unit_review', 'approve', ['author', ...ALL_STEPS], round(1))).toEqual({ code: 'OWN_NOTICE', message: '不能审核、发布或撤回自己撰写的信息' });
    expect(reviewRefusal('published', 'withdraw', ['author', 'leader'], round(1))).toEqual({ code: 'OWN_NOTICE', message: '不能审核、发布或撤回自己撰写的信息' });
    expect(availableActions('unit_review', ['author', ...ALL_STEPS], round(1))).toEqual([]);
    // Role and state refusals come first, with their own code.
    expect(reviewRefusal('unit_review', 'approve', ['secrecy_reviewer'], round(3))).toEqual({ code: 'REVIEW_NOT_ALLOWED', message: '您的角色不能在此环节执行“审核通过”' });
    expect(refusal('published', 'approve', ALL_STEPS, round(2))).toBe('当前状态不能执行“审核通过”');
  });
});
