import { noticeActions, type NoticeActionActor, type NoticeActionFacts } from './notice-actions';

const notice = (over: Partial<NoticeActionFacts> = {}): NoticeActionFacts => ({ status: 'draft', authorId: 1, round: 0, disclosure: 'proactive', publishable: null, ...over });
const actor = (over: Partial<NoticeActionActor> = {}): NoticeActionActor => ({ id: 1, roles: ['editor'], editedRound: false, log: [], ...over });

describe('noticeActions', () => {
  it('lets the author submit and edit their draft, and a returned notice', () => {
    expect(noticeActions(notice(), actor())).toEqual({ actions: ['submit', 'edit'], refusals: [] });
    expect(noticeActions(notice({ status: 'returned', round: 1 }), actor())).toEqual({ actions: ['submit', 'edit'], refusals: [] });
  });

  it('gives an editor who is not the author nothing, and the author nothing once it is in review', () => {
    expect(noticeActions(notice(), actor({ id: 2 }))).toEqual({ actions: [], refusals: [] });
    expect(noticeActions(notice({ status: 'unit_review', round: 1 }), actor())).toEqual({ actions: [], refusals: [] });
  });

  it('lets an admin edit anyone’s draft but not submit it', () => {
    expect(noticeActions(notice(), actor({ id: 9, roles: ['admin'] }))).toEqual({ actions: ['edit'], refusals: [] });
  });

  it('refuses approve (FOUR_EYES) to a unit head who edited the round, but lets them return it', () => {
    const result = noticeActions(notice({ status: 'unit_review', round: 1 }), actor({ id: 2, roles: ['unit_head'], editedRound: true }));
    expect(result.actions).toEqual(['return']);
    expect(result.refusals).toEqual([{ action: 'approve', code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' }]);
    expect(noticeActions(notice({ status: 'unit_review', round: 1 }), actor({ id: 2, roles: ['unit_head'] }))).toEqual({ actions: ['approve', 'return'], refusals: [] });
  });

  it('refuses a second step of the same round, not of an earlier one', () => {
    const log = [{ round: 2, fromStatus: 'unit_review' as const, actorId: 3 }];
    const result = noticeActions(notice({ status: 'secrecy_review', round: 2 }), actor({ id: 3, roles: ['unit_head', 'secrecy_reviewer'], log }));
    expect(result.actions).toEqual([]);
    expect(result.refusals.map((r) => [r.action, r.code])).toEqual([['approve', 'FOUR_EYES'], ['return', 'FOUR_EYES']]);
    const earlier = [{ round: 1, fromStatus: 'unit_review' as const, actorId: 3 }];
    expect(noticeActions(notice({ status: 'secrecy_review', round: 2 }), actor({ id: 3, roles: ['secrecy_reviewer'], log: earlier })).actions).toEqual(['approve', 'return']);
  });

  it('refuses the author’s own notice to them as a reviewer', () => {
    const result = noticeActions(notice({ status: 'unit_review', round: 1 }), actor({ roles: ['editor', 'unit_head'] }));
    expect(result.actions).toEqual([]);
    expect(result.refusals.map((r) => [r.action, r.code])).toEqual([['approve', 'OWN_NOTICE'], ['return', 'OWN_NOTICE']]);
  });

  it('lets the publisher publish or schedule an approved notice, and push a published 主动公开 one', () => {
    const publisher = actor({ id: 5, roles: ['publisher'] });
    expect(noticeActions(notice({ status: 'approved', round: 1, publishable: true }), publisher)).toEqual({ actions: ['publish', 'schedule'], refusals: [] });
    expect(noticeActions(notice({ status: 'scheduled', round: 1, publishable: true }), publisher)).toEqual({ actions: ['unschedule', 'publish'], refusals: [] });
    expect(noticeActions(notice({ status: 'published', round: 1, publishable: true }), publisher)).toEqual({ actions: ['withdraw', 'push'], refusals: [] });
    expect(noticeActions(notice({ status: 'published', round: 1, publishable: true, disclosure: 'on_request' }), publisher)).toEqual({ actions: ['withdraw'], refusals: [] });
    expect(noticeActions(notice({ status: 'published', round: 1 }), actor({ id: 6, roles: ['leader'] }))).toEqual({ actions: ['withdraw'], refusals: [] });
  });

  it('offers a correction (更正) of a published notice to the unit’s editors and admins, while none is open', () => {
    const published = notice({ status: 'published', round: 1, publishable: true });
    expect(noticeActions(published, actor({ id: 7, sameUnit: true })).actions).toEqual(['correct']);
    expect(noticeActions(published, actor({ id: 7, sameUnit: false })).actions).toEqual([]);
    expect(noticeActions(published, actor({ id: 9, roles: ['admin'] })).actions).toEqual(['correct']);
    expect(noticeActions({ ...published, correctionOpen: true }, actor({ id: 7, sameUnit: true })).actions).toEqual([]);
    expect(noticeActions(notice({ status: 'withdrawn', round: 1 }), actor({ sameUnit: true })).actions).toEqual([]);
  });

  it('refuses the registration without the secrecy review’s yes', () => {
    const result = noticeActions(notice({ status: 'approved', round: 1, publishable: false }), actor({ id: 5, roles: ['publisher'] }));
    expect(result.actions).toEqual([]);
    expect(result.refusals.map((r) => [r.action, r.code])).toEqual([['publish', 'NOT_PUBLISHABLE'], ['schedule', 'NOT_PUBLISHABLE']]);
  });
});
