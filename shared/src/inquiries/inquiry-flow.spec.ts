import { inquiryActionsFor, inquiryRefusal, replyReviewerFor, type ReplyReviewContext } from './inquiry-flow';

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
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head'], pending(2, 'leader'))).toEqual({ code: 'FORBIDDEN', message: '该答复由分管领导审核' });
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['leader'], pending(2, 'unit_head'))).toEqual({ code: 'FORBIDDEN', message: '该答复由科室负责人审核' });
    // A reply from before the rule (no level recorded) stays with the unit heads.
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['unit_head'], { actorId: 2, replyAuthorId: null, replyReviewer: null })).toBeNull();
  });

  it('keeps handlers off reviewing, and the state machine first', () => {
    expect(inquiryRefusal('reply_pending', 'approve_reply', 'complaint', ['inquiry_handler'], pending(2, 'unit_head'))).toEqual({ code: 'FORBIDDEN', message: '您的角色不能执行“答复审核通过”' });
    expect(inquiryRefusal('accepted', 'approve_reply', 'complaint', ['unit_head'], pending(2, 'unit_head'))).toEqual({ code: 'INQUIRY_NOT_ALLOWED', message: '该事项当前为“已受理”，不能答复审核通过' });
    // Leaders review replies only: nothing else in the inquiry flow is theirs.
    expect(inquiryActionsFor('submitted', 'complaint', ['leader'])).toEqual([]);
    expect(inquiryActionsFor('accepted', 'complaint', ['leader'])).toEqual([]);
  });
});
