import { STAFF_ROLES } from '../identity/roles';
import {
  CORRECTION_ACTIONS,
  CORRECTION_STATUSES,
  CORRECTION_TRANSITIONS,
  EDITABLE_CORRECTION_STATUSES,
  OPEN_CORRECTION_STATUSES,
  correctionActions,
  correctionLineText,
  correctionLogStatus,
  correctionRefusal,
  correctionTransition,
  type CorrectionAction,
  type CorrectionActionActor,
  type CorrectionActionFacts,
  type CorrectionRound,
  type CorrectionStatus,
} from './correction-flow';
import type { ReviewActor } from './review-chain';

const ACTORS: readonly ReviewActor[] = [...STAFF_ROLES, 'author', 'system'];

/** The correction flow written out independently of CORRECTION_TRANSITIONS: every other (state, action, actor) is refused. */
const ALLOWED = `
  draft           submit   author            unit_review
  returned        submit   author            unit_review
  unit_review     approve  unit_head         secrecy_review
  unit_review     return   unit_head         returned
  secrecy_review  approve  secrecy_reviewer  leader_approval
  secrecy_review  return   secrecy_reviewer  returned
  leader_approval approve  leader            approved
  leader_approval return   leader            returned
  approved        publish  publisher         applied
  draft           cancel   author            cancelled
  returned        cancel   author            cancelled
`
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/) as [CorrectionStatus, CorrectionAction, ReviewActor, CorrectionStatus]);
const allowed = (from: CorrectionStatus, action: CorrectionAction, actor: ReviewActor) => ALLOWED.find(([f, a, who]) => f === from && a === action && who === actor);

describe('correction flow state machine', () => {
  const cases = CORRECTION_STATUSES.flatMap((from) => CORRECTION_ACTIONS.flatMap((action) => ACTORS.map((actor) => [from, action, actor] as const)));

  it('covers every state × action × actor (8 × 5 × 12)', () => {
    expect(cases).toHaveLength(480);
  });

  it.each(cases)('%s · %s · %s', (from, action, actor) => {
    const expected = allowed(from, action, actor);
    const problem = correctionRefusal(from, action, [actor]);
    if (expected) {
      expect(problem).toBeNull();
      expect(correctionTransition(from, action)?.to).toBe(expected[3]);
    } else {
      const someoneMay = ACTORS.some((other) => allowed(from, action, other));
      expect(problem?.code).toBe('REVIEW_NOT_ALLOWED');
      expect(problem!.message.startsWith(someoneMay ? '您的角色' : '当前状态')).toBe(true);
    }
  });

  it('has exactly the transitions written out above, and no duplicate (state, action)', () => {
    const flat = CORRECTION_TRANSITIONS.flatMap((t) => t.actors.map((actor) => `${t.from} ${t.action} ${actor} ${t.to}`)).sort();
    expect(flat).toEqual(ALLOWED.map((row) => row.join(' ')).sort());
    const keys = CORRECTION_TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ends in applied or cancelled, and edits only before review', () => {
    expect(CORRECTION_STATUSES.filter((s) => !CORRECTION_TRANSITIONS.some((t) => t.from === s))).toEqual(['applied', 'cancelled']);
    expect(OPEN_CORRECTION_STATUSES).toEqual(CORRECTION_STATUSES.filter((s) => s !== 'applied' && s !== 'cancelled'));
    expect(EDITABLE_CORRECTION_STATUSES).toEqual(CORRECTION_TRANSITIONS.filter((t) => t.action === 'submit').map((t) => t.from));
    expect(CORRECTION_TRANSITIONS.filter((t) => t.needsOpinion).map((t) => t.from)).toEqual(['unit_review', 'secrecy_review', 'leader_approval']);
  });

  it('logs its steps as the chain’s statuses, applied as published, and never a cancellation', () => {
    expect(correctionLogStatus('secrecy_review')).toBe('secrecy_review');
    expect(correctionLogStatus('applied')).toBe('published');
    expect(() => correctionLogStatus('cancelled')).toThrow();
  });
});

describe('four eyes in a correction’s round', () => {
  // Accounts: 1 wrote the notice, 7 wrote the correction, 2 holds every step's role, 3 secrecy, 4 leader, 5 publisher.
  const ALL_STEPS = ['unit_head', 'secrecy_reviewer', 'leader', 'publisher'] as const;
  const round = (actorId: number, earlierSteps: CorrectionRound['earlierSteps'] = [], editorIds: number[] = [7]): CorrectionRound => ({
    actorId,
    authorId: 7,
    noticeAuthorId: 1,
    editorIds,
    earlierSteps,
  });

  it('keeps the correction’s author and the notice’s author off every review step', () => {
    expect(correctionRefusal('unit_review', 'approve', ['author', ...ALL_STEPS], round(7))).toEqual({ code: 'OWN_NOTICE', message: '不能审核、发布或撤回自己撰写的信息' });
    expect(correctionRefusal('unit_review', 'return', [...ALL_STEPS], round(1))).toEqual({ code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' });
    expect(correctionRefusal('approved', 'publish', ['publisher'], round(1))).toEqual({ code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' });
    expect(correctionRefusal('unit_review', 'approve', ['unit_head'], round(2))).toBeNull();
    // The author submits and cancels their own correction.
    expect(correctionRefusal('draft', 'submit', ['author'], round(7))).toBeNull();
    expect(correctionRefusal('returned', 'cancel', ['author'], round(7))).toBeNull();
  });

  it('lets one person take one step of the round, and nobody approve or register a round they edited', () => {
    const tookUnit = [{ step: 'unit_review', actorId: 2 }] as const;
    expect(correctionRefusal('secrecy_review', 'approve', ALL_STEPS, round(2, tookUnit))).toEqual({ code: 'FOUR_EYES', message: '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节' });
    expect(correctionRefusal('approved', 'publish', ALL_STEPS, round(2, tookUnit))).toMatchObject({ code: 'FOUR_EYES' });
    expect(correctionRefusal('secrecy_review', 'approve', ['secrecy_reviewer'], round(3, tookUnit))).toBeNull();
    expect(correctionRefusal('leader_approval', 'approve', ['leader'], round(4, [], [7, 4]))).toEqual({ code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' });
    expect(correctionRefusal('leader_approval', 'return', ['leader'], round(4, [], [7, 4]))).toBeNull();
  });
});

describe('correctionActions', () => {
  const facts = (over: Partial<CorrectionActionFacts> = {}): CorrectionActionFacts => ({ status: 'draft', authorId: 7, noticeAuthorId: 1, round: 0, ...over });
  const actor = (over: Partial<CorrectionActionActor> = {}): CorrectionActionActor => ({ id: 7, roles: ['editor'], editedRound: true, log: [], ...over });

  it('lets the author submit, cancel and edit a draft or returned correction, and an admin edit it', () => {
    expect(correctionActions(facts(), actor())).toEqual({ actions: ['submit', 'cancel', 'edit'], refusals: [] });
    expect(correctionActions(facts({ status: 'returned', round: 2 }), actor())).toEqual({ actions: ['submit', 'cancel', 'edit'], refusals: [] });
    expect(correctionActions(facts(), actor({ id: 9, roles: ['admin'] }))).toEqual({ actions: ['edit'], refusals: [] });
    expect(correctionActions(facts({ status: 'unit_review', round: 2 }), actor())).toEqual({ actions: [], refusals: [] });
  });

  it('gives each step’s reviewer approve and return, with four eyes’ refusals', () => {
    expect(correctionActions(facts({ status: 'unit_review', round: 2 }), actor({ id: 2, roles: ['unit_head'], editedRound: false }))).toEqual({ actions: ['approve', 'return'], refusals: [] });
    expect(correctionActions(facts({ status: 'approved', round: 2 }), actor({ id: 5, roles: ['publisher'], editedRound: false }))).toEqual({ actions: ['publish'], refusals: [] });
    const log = [{ round: 2, fromStatus: 'unit_review' as const, actorId: 2 }];
    const refused = correctionActions(facts({ status: 'secrecy_review', round: 2 }), actor({ id: 2, roles: ['unit_head', 'secrecy_reviewer'], editedRound: false, log }));
    expect(refused.actions).toEqual([]);
    expect(refused.refusals.map((r) => [r.action, r.code])).toEqual([['approve', 'FOUR_EYES'], ['return', 'FOUR_EYES']]);
    const noticeAuthor = correctionActions(facts({ status: 'unit_review', round: 2 }), actor({ id: 1, roles: ['editor', 'unit_head'], editedRound: false }));
    expect(noticeAuthor.refusals.map((r) => [r.action, r.code])).toEqual([['approve', 'OWN_NOTICE'], ['return', 'OWN_NOTICE']]);
  });
});

describe('correctionLineText', () => {
  it('names the day in Shanghai and what was corrected', () => {
    expect(correctionLineText({ correctedAt: '2026-12-06T02:00:00.000Z', note: '更正报名截止时间为12月10日' })).toBe('本信息于2026年12月6日更正：更正报名截止时间为12月10日');
    expect(correctionLineText({ correctedAt: '2026-12-31T16:30:00.000Z', note: '更正文号' })).toBe('本信息于2027年1月1日更正：更正文号');
  });
});
