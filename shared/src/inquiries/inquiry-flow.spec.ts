import { STAFF_ROLES } from '../identity/roles';
import { INQUIRY_KIND_CODES, type InquiryKindCode } from './kinds';
import {
  INQUIRY_ACTIONS,
  INQUIRY_STATUSES,
  REPLY_REVIEW_ROLES,
  inquiryActionsFor,
  inquiryRefusal,
  inquiryTransition,
  replyReviewerFor,
  type InquiryAction,
  type InquiryActor,
  type InquiryStatus,
  type ReplyReviewContext,
} from './inquiry-flow';
import { INQUIRY_OPEN_STATUSES, PARENT_VISIBLE_INQUIRY_STATUSES, PHONE_PATTERN, canRateInquiry, canReopenInquiry, isOpenInquiry, parentInquiryStatus } from './rules';

const ACTORS: readonly InquiryActor[] = [...STAFF_ROLES, 'parent'];

/**
 * The flow written out independently of INQUIRY_TRANSITIONS, as "from action actor kinds → to"
 * (`*`: every kind): every other (state, action, actor, kind) must be refused.
 */
const ALLOWED = `
  held          release       inquiry_handler *          submitted
  held          release       unit_head       *          submitted
  held          release       admin           *          submitted
  held          reject        inquiry_handler *          rejected
  held          reject        unit_head       *          rejected
  held          reject        admin           *          rejected
  submitted     accept        inquiry_handler *          accepted
  submitted     accept        unit_head       *          accepted
  submitted     accept        admin           *          accepted
  submitted     transfer      inquiry_handler *          submitted
  submitted     transfer      unit_head       *          submitted
  submitted     transfer      admin           *          submitted
  accepted      transfer      inquiry_handler *          submitted
  accepted      transfer      unit_head       *          submitted
  accepted      transfer      admin           *          submitted
  accepted      reply         inquiry_handler consultation,suggestion,feedback replied
  accepted      reply         unit_head       consultation,suggestion,feedback replied
  accepted      reply         admin           consultation,suggestion,feedback replied
  accepted      reply         inquiry_handler complaint  reply_pending
  accepted      reply         unit_head       complaint  reply_pending
  accepted      reply         admin           complaint  reply_pending
  reply_pending approve_reply unit_head       *          replied
  reply_pending approve_reply leader          *          replied
  reply_pending approve_reply admin           *          replied
  reply_pending return_reply  unit_head       *          accepted
  reply_pending return_reply  leader          *          accepted
  reply_pending return_reply  admin           *          accepted
  replied       rate          parent          *          closed
  closed        reopen        parent          *          accepted
`
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/) as [InquiryStatus, InquiryAction, InquiryActor, string, InquiryStatus]);

const allowed = (from: InquiryStatus, action: InquiryAction, actor: InquiryActor, kind: InquiryKindCode) =>
  ALLOWED.find(([f, a, who, kinds]) => f === from && a === action && who === actor && (kinds === '*' || kinds.split(',').includes(kind)));

describe('inquiry flow state machine', () => {
  const cases = INQUIRY_STATUSES.flatMap((from) => INQUIRY_ACTIONS.flatMap((action) => ACTORS.flatMap((actor) => INQUIRY_KIND_CODES.map((kind) => [from, action, actor, kind] as const))));

  it('covers every state × action × actor × kind (7 × 9 × 11 × 4)', () => {
    expect(cases).toHaveLength(2772);
  });

  it('allows exactly the table above, with its target state, and refuses everything else', () => {
    const wrong: string[] = [];
    for (const [from, action, actor, kind] of cases) {
      const expected = allowed(from, action, actor, kind);
      const refused = inquiryRefusal(from, action, kind, [actor]);
      const to = refused ? null : inquiryTransition(from, action, kind)?.to;
      if ((expected?.[4] ?? null) !== (to ?? null)) wrong.push(`${from} ${action} ${actor} ${kind}: expected ${expected?.[4] ?? 'refusal'}, got ${to ?? refused?.code}`);
    }
    expect(wrong).toEqual([]);
    // Handlers: 6 steps × 3 roles × 4 kinds = 72; reviewers: 2 × 3 × 4 = 24; the parent: 2 × 4 = 8.
    expect(cases.filter(([from, action, actor, kind]) => !inquiryRefusal(from, action, kind, [actor]))).toHaveLength(104);
  });

  it('says why: no such step in this state (409) before a role that may not take it (403)', () => {
    expect(inquiryRefusal('submitted', 'reply', 'consultation', ['inquiry_handler'])).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“已提交”，不能答复' });
    expect(inquiryRefusal('closed', 'rate', 'consultation', ['parent'])).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“已办结”，不能评价' });
    expect(inquiryRefusal('rejected', 'accept', 'feedback', ['admin'])).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“不予受理”，不能受理' });
    expect(inquiryRefusal('submitted', 'accept', 'consultation', ['editor'])).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“受理”' });
    expect(inquiryRefusal('submitted', 'accept', 'consultation', ['parent'])).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“受理”' });
    expect(inquiryRefusal('replied', 'rate', 'consultation', ['admin'])).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“评价”' });
    expect(inquiryRefusal('held', 'release', 'complaint', ['leader'])).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“审核放行”' });
  });

  it('offers the buttons of a state: what the actor may do, in table order', () => {
    expect(inquiryActionsFor('held', 'consultation', ['inquiry_handler'])).toEqual(['release', 'reject']);
    expect(inquiryActionsFor('submitted', 'consultation', ['unit_head'])).toEqual(['accept', 'transfer']);
    expect(inquiryActionsFor('accepted', 'complaint', ['inquiry_handler'])).toEqual(['transfer', 'reply']);
    expect(inquiryActionsFor('replied', 'consultation', ['admin'])).toEqual([]);
    expect(inquiryActionsFor('replied', 'consultation', ['parent'])).toEqual(['rate']);
    expect(inquiryActionsFor('closed', 'consultation', ['parent'], { rating: 'unsatisfied', reopenCount: 0 })).toEqual(['reopen']);
    expect(inquiryActionsFor('closed', 'consultation', ['parent'], { rating: 'satisfied', reopenCount: 0 })).toEqual([]);
  });

  it('reads its staff roles from the permissions table', () => {
    expect(inquiryTransition('submitted', 'accept', 'consultation')?.actors).toEqual(['inquiry_handler', 'unit_head', 'admin']);
    expect(inquiryTransition('reply_pending', 'approve_reply', 'complaint')?.actors).toEqual(['unit_head', 'leader', 'admin']);
    expect(REPLY_REVIEW_ROLES).toEqual({ unit_head: ['unit_head', 'admin'], leader: ['leader', 'admin'] });
  });
});

describe('four eyes on a complaint reply', () => {
  // Account 1 wrote the reply; 2 and 3 are someone else.
  const pending = (actorId: number, replyReviewer: ReplyReviewContext['replyReviewer']): ReplyReviewContext => ({ actorId, replyAuthorId: 1, replyReviewer });

  it('sends a reply to the unit heads while another head could review it, else to a leader', () => {
    expect(replyReviewerFor(0)).toBe('leader');
    expect(replyReviewerFor(1)).toBe('unit_head');
    expect(replyReviewerFor(3)).toBe('unit_head');
  });

  it('never lets the author review their own reply, whatever roles they hold', () => {
    const own = { code: 'FOUR_EYES', message: '答复须由撰写人以外的人审核，不能审核自己撰写的答复' };
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head'], pending(1, 'unit_head'))).toEqual(own);
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head', 'leader', 'admin'], pending(1, 'leader'))).toEqual(own);
    expect(inquiryRefusal('reply_pending', 'return_reply', 'complaint', ['unit_head'], pending(1, 'unit_head'))).toEqual(own);
    expect(inquiryActionsFor('reply_pending', 'complaint', ['unit_head', 'leader', 'admin'], pending(1, 'leader'))).toEqual([]);
  });

  it('lets the level the reply was sent to review it: a head or a leader, and admin at either', () => {
    expect(inquiryActionsFor('reply_pending', 'complaint', ['unit_head'], pending(2, 'unit_head'))).toEqual(['approve_reply', 'return_reply']);
    expect(inquiryActionsFor('reply_pending', 'complaint', ['leader'], pending(2, 'leader'))).toEqual(['approve_reply', 'return_reply']);
    expect(inquiryActionsFor('reply_pending', 'complaint', ['admin'], pending(2, 'leader'))).toEqual(['approve_reply', 'return_reply']);
    expect(inquiryActionsFor('reply_pending', 'complaint', ['admin'], pending(2, 'unit_head'))).toEqual(['approve_reply', 'return_reply']);
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head'], pending(2, 'leader'))).toEqual({ code: 'FORBIDDEN', message: '该答复由分管领导审核' });
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['leader'], pending(2, 'unit_head'))).toEqual({ code: 'FORBIDDEN', message: '该答复由科室负责人审核' });
    // A reply from before the rule (no level recorded) stays with the unit heads.
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head'], { actorId: 2, replyAuthorId: null, replyReviewer: null })).toBeNull();
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['leader'], { actorId: 2, replyAuthorId: null, replyReviewer: null })).toEqual({ code: 'FORBIDDEN', message: '该答复由科室负责人审核' });
  });

  it('keeps handlers off reviewing, and the state machine first', () => {
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['inquiry_handler'], pending(2, 'unit_head'))).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“答复审核通过”' });
    expect(inquiryRefusal('accepted', 'approve_reply', 'complaint', ['unit_head'], pending(2, 'unit_head'))).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“已受理”，不能答复审核通过' });
    // Leaders review replies only: nothing else in the inquiry flow is theirs.
    expect(inquiryActionsFor('submitted', 'complaint', ['leader'])).toEqual([]);
    expect(inquiryActionsFor('accepted', 'complaint', ['leader'])).toEqual([]);
  });
});

describe("the parent's rate and reopen", () => {
  const facts = (status: InquiryStatus, rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null, reopenCount: number) => ({ status, kind: 'consultation' as const, rating, reopenCount });

  it('rates a replied inquiry only, which closes it', () => {
    expect(canRateInquiry(facts('replied', null, 0))).toBe(true);
    expect(canRateInquiry(facts('replied', null, 1))).toBe(true);
    for (const status of ['held', 'submitted', 'accepted', 'reply_pending', 'closed', 'rejected'] as const) expect(canRateInquiry(facts(status, null, 0))).toBe(false);
    expect(inquiryTransition('replied', 'rate', 'complaint')?.to).toBe('closed');
  });

  it('reopens a closed inquiry once, and only after 不满意, with the reason why not', () => {
    expect(canReopenInquiry(facts('closed', 'unsatisfied', 0))).toBe(true);
    expect(canReopenInquiry(facts('closed', 'unsatisfied', 1))).toBe(false);
    expect(canReopenInquiry(facts('closed', 'basically_satisfied', 0))).toBe(false);
    expect(canReopenInquiry(facts('closed', 'satisfied', 0))).toBe(false);
    expect(canReopenInquiry(facts('replied', 'unsatisfied', 0))).toBe(false);
    const reopen = (rating: 'satisfied' | 'unsatisfied', reopenCount: number, status: InquiryStatus = 'closed') => inquiryRefusal(status, 'reopen', 'consultation', ['parent'], { rating, reopenCount });
    expect(reopen('satisfied', 0)).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '只有评价为“不满意”的事项才能申请重新办理' });
    expect(reopen('unsatisfied', 1)).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '每个事项只能申请重新办理 1 次' });
    expect(reopen('unsatisfied', 0, 'accepted')).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“已受理”，不能重新办理' });
    expect(reopen('unsatisfied', 0)).toBeNull();
    expect(inquiryTransition('closed', 'reopen', 'consultation')?.to).toBe('accepted');
  });
});

describe('inquiry rules shared by server and mini-program', () => {
  it('counts held, submitted, accepted and pending replies as open', () => {
    expect(INQUIRY_OPEN_STATUSES).toEqual(['held', 'submitted', 'accepted', 'reply_pending']);
    expect(INQUIRY_STATUSES.filter(isOpenInquiry)).toEqual(['held', 'submitted', 'accepted', 'reply_pending']);
  });

  it('shows a parent neither the content review nor the reply review', () => {
    expect(INQUIRY_STATUSES.map(parentInquiryStatus)).toEqual(['submitted', 'submitted', 'accepted', 'accepted', 'replied', 'closed', 'rejected']);
    expect(PARENT_VISIBLE_INQUIRY_STATUSES).toEqual(['submitted', 'accepted', 'replied', 'closed', 'rejected']);
  });

  it('takes mainland mobiles and landlines with area code', () => {
    for (const ok of ['13812345678', '19912345678', '0536-6212345', '05366212345', '010-12345678', '0536-6212345-801']) expect(PHONE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['12345', '12812345678', '1381234567', '021-1234', '6212345', '138 1234 5678', '+8613812345678']) expect(PHONE_PATTERN.test(bad)).toBe(false);
  });
});
