import type { AppEvents } from '../../../server/src/common/events/event-bus';
import { EventBus } from '../../../server/src/common/events/event-bus';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { PROACTIVE, aChain, ok, throughChain, version, type Chain } from '../../support/review-chain';
import { freshDatabase, startServer, startTestServer, type TestDatabase, type TestServer } from '../../support/test-server';

const UNIT = 'JCJY00000000000001';
const OTHER_UNIT = 'RSK000000000000001';
const CENTER = 'XXFB00000000000001';
const STALE = '该信息已被他人处理，请刷新后查看';
/** Where the servers' clocks start (the tests move them from there). */
const START = new Date('2026-09-01T09:00:00+08:00');

async function chainStaff(admin: ApiClient): Promise<Chain & { head2: ApiClient; otherHead: ApiClient; colleague: ApiClient; dual: ApiClient; multi: ApiClient; adminHead: ApiClient }> {
  const chain = await aChain(admin, UNIT, CENTER);
  await aUnit(admin, OTHER_UNIT, '人事科');
  return {
    ...chain,
    colleague: await aStaff(admin, 'editor2', UNIT, ['editor']),
    head2: await aStaff(admin, 'head2', UNIT, ['unit_head']),
    otherHead: await aStaff(admin, 'head3', OTHER_UNIT, ['unit_head']),
    dual: await aStaff(admin, 'dual1', UNIT, ['editor', 'unit_head']),
    // Holds every step's role: may still take only one step of a round.
    multi: await aStaff(admin, 'multi1', UNIT, ['unit_head', 'secrecy_reviewer', 'leader', 'publisher']),
    // An admin who heads the unit too: may edit others' drafts, so may not approve a round they edited.
    adminHead: await aStaff(admin, 'adminhead1', UNIT, ['admin', 'unit_head']),
  };
}

describe('review chain (先审查，后公开)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let s: Awaited<ReturnType<typeof chainStaff>>;
  const events: { name: keyof AppEvents; payload: unknown }[] = [];

  beforeAll(async () => {
    // The scheduler's timer waits an hour: its rounds here are the explicit ones the tests run.
    server = await startTestServer({ SCHEDULE_POLL_MS: '3600000' }, new SettableClock(START));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    s = await chainStaff(admin);
    const bus = server.app.get(EventBus);
    bus.on('notice.published', (payload) => void events.push({ name: 'notice.published', payload }));
    bus.on('notice.withdrawn', (payload) => void events.push({ name: 'notice.withdrawn', payload }));
  });

  afterAll(() => server?.destroy());

  it('takes a notice from the editor through every step to the public, logging and auditing each', async () => {
    const id = await aNotice().titled('关于2026年中考报名的通知').inCategory('ZSKS').create(s.editor);
    const draft = await ok(s.editor.get(`/staff/notices/${id}`));
    expect(draft).toMatchObject({ status: 'draft', round: 0, publishAt: null, authorName: 'editor1' });

    const submitted = await ok(s.editor.post(`/staff/notices/${id}/submit`, { version: draft.version }));
    expect(submitted).toMatchObject({ status: 'unit_review', round: 1, version: draft.version + 1 });
    const unitOk = await ok(s.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: submitted.version, opinion: '同意' }));
    expect(unitOk.status).toBe('secrecy_review');
    const secrecyOk = await ok(s.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: unitOk.version, secrecy: PROACTIVE }));
    expect(secrecyOk).toMatchObject({ status: 'leader_approval', disclosure: 'proactive', disclosureReason: null });
    const leaderOk = await ok(s.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: secrecyOk.version }));
    expect(leaderOk.status).toBe('approved');
    expect((await anon.get(`/notices/${id}`)).status).toBe(404);
    const published = await ok(s.publisher.post(`/staff/notices/${id}/registration`, { version: leaderOk.version }));
    expect(published).toMatchObject({ status: 'published', indexNo: `${UNIT}/ZSKS-2026-00001` });

    const pub = await anon.get(`/notices?category=ZSKS`);
    expect(pub.body.items.find((n: { id: number }) => n.id === id)).toMatchObject({ indexNo: published.indexNo });
    expect((await anon.get(`/notices/${id}`)).body.title).toBe('关于2026年中考报名的通知');

    const log = await ok(s.editor.get(`/staff/notices/${id}/reviews`));
    expect(log.map((e: any) => [e.action, e.fromStatus, e.toStatus, e.role, e.actorName, e.round])).toEqual([
      ['submit', 'draft', 'unit_review', 'author', 'editor1', 1],
      ['approve', 'unit_review', 'secrecy_review', 'unit_head', 'head1', 1],
      ['approve', 'secrecy_review', 'leader_approval', 'secrecy_reviewer', 'secrecy1', 1],
      ['approve', 'leader_approval', 'approved', 'leader', 'leader1', 1],
      ['publish', 'approved', 'published', 'publisher', 'publisher1', 1],
    ]);
    expect(log[1].opinion).toBe('同意');
    expect(log[2].secrecy).toEqual({ publishable: true, disclosure: 'proactive', disclosureReason: null });
    expect(log.every((e: any) => typeof e.actorId === 'number' && !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);

    const audit = await admin.get(`/staff/audit?entityType=notice&entityId=${id}`);
    expect(audit.body.items.map((e: any) => `${e.action}:${e.actorUsername}`).reverse()).toEqual([
      'notice.create:editor1',
      'notice.submit:editor1',
      'notice.approve:head1',
      'notice.approve:secrecy1',
      'notice.approve:leader1',
      'notice.publish:publisher1',
    ]);
    // Emitted before the response was sent; handlers run on a microtask.
    expect(events).toContainEqual({ name: 'notice.published', payload: { noticeId: id, publishedAt: published.publishedAt, scheduled: false } });
  });

  it('tells each staff member what they may do with a notice now (actions), and what four eyes refuses them (refusals)', async () => {
    const id = await aNotice().titled('按钮由服务器决定').inCategory('ZSKS').create(s.editor);
    // The author: submit and edit their draft; a colleague (an editor too, not the author): nothing.
    expect(await ok(s.editor.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['submit', 'edit'], refusals: [] });
    expect(await ok(s.colleague.get(`/staff/notices/${id}`))).toMatchObject({ actions: [], refusals: [] });
    const listed = (await ok(s.editor.get('/staff/notices?status=draft&limit=50'))).items.find((n: any) => n.id === id);
    expect(listed).toMatchObject({ actions: ['submit', 'edit'], refusals: [] });

    // A unit head who edited the round: return, and approve refused for four eyes; another unit head: both.
    const edited = await ok(s.adminHead.patch(`/staff/notices/${id}`, { bodyHtml: '<p>负责人改写的正文</p>', version: await version(s.editor, id) }));
    const submitted = await ok(s.editor.post(`/staff/notices/${id}/submit`, { version: edited.version }));
    expect(submitted).toMatchObject({ status: 'unit_review', actions: [], refusals: [] });
    expect(await ok(s.adminHead.get(`/staff/notices/${id}`))).toMatchObject({
      actions: ['return'],
      refusals: [{ action: 'approve', code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' }],
    });
    expect(await ok(s.unitHead.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['approve', 'return'], refusals: [] });

    // The release centre: publish or schedule once approved; withdraw and push once published.
    let n = await ok(s.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: submitted.version }));
    n = await ok(s.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(s.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    expect(n).toMatchObject({ status: 'approved', actions: [], refusals: [] });
    expect(await ok(s.publisher.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['publish', 'schedule'], refusals: [] });
    const published = await ok(s.publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));
    expect(published).toMatchObject({ status: 'published', actions: ['withdraw', 'push'], refusals: [] });
    expect(await ok(s.leader.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['withdraw'], refusals: [] });
    // The unit's editors may now only correct it (更正, through the chain again).
    for (const c of [s.editor, s.colleague]) expect(await ok(c.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['correct'], refusals: [] });
  });

  it('returns a notice with an opinion; the author edits and resubmits; the chain restarts at unit review, round 2', async () => {
    const id = await throughChain(s, 'secrecy_review', '关于秋季开学的通知');
    const atSecrecy = await version(s.secrecy, id);
    const noOpinion = await s.secrecy.post(`/staff/notices/${id}/review`, { action: 'return', version: atSecrecy });
    expect(noOpinion.status).toBe(400);
    expect(noOpinion.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'opinion', message: '退回须填写审核意见' }] });
    const returned = await ok(s.secrecy.post(`/staff/notices/${id}/review`, { action: 'return', version: atSecrecy, opinion: '请删去学生姓名' }));
    expect(returned.status).toBe('returned');
    expect((await ok(s.editor.get(`/staff/notices/${id}/changes`)))).toBeNull();

    const edited = await ok(s.editor.patch(`/staff/notices/${id}`, { title: '关于2026年秋季开学的通知', bodyHtml: '<p>正文内容</p><p>新增：开学时间为9月1日。</p>', version: returned.version }));
    const resubmitted = await ok(s.editor.post(`/staff/notices/${id}/submit`, { version: edited.version }));
    expect(resubmitted).toMatchObject({ status: 'unit_review', round: 2 });
    // The chain starts again from the first step: secrecy cannot act now.
    const early = await s.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: resubmitted.version, secrecy: PROACTIVE });
    expect(early.body.code).toBe('REVIEW_NOT_ALLOWED');

    const revisions = await ok(s.unitHead.get(`/staff/notices/${id}/revisions`));
    expect(revisions.map((r: any) => [r.round, r.title, r.bodyHtml])).toEqual([
      [1, '关于秋季开学的通知', '<p>正文内容</p>'],
      [2, '关于2026年秋季开学的通知', '<p>正文内容</p><p>新增：开学时间为9月1日。</p>'],
    ]);
    const changes = await ok(s.unitHead.get(`/staff/notices/${id}/changes`));
    expect(changes).toEqual({
      fromRound: 1,
      toRound: 2,
      title: [
        { type: 'same', text: '关于' },
        { type: 'added', text: '2026年' },
        { type: 'same', text: '秋季开学的通知' },
      ],
      body: [
        { type: 'same', text: '正文内容' },
        { type: 'added', text: '新增：开学时间为9月1日。' },
      ],
    });
    const log = await ok(s.unitHead.get(`/staff/notices/${id}/reviews`));
    expect(log.map((e: any) => `${e.round}:${e.action}:${e.toStatus}`)).toEqual([
      '1:submit:unit_review',
      '1:approve:secrecy_review',
      '1:return:returned',
      '2:submit:unit_review',
    ]);
    expect(log[2]).toMatchObject({ opinion: '请删去学生姓名', role: 'secrecy_reviewer' });
  });

  it('refuses every forbidden path with its code', async () => {
    const id = await throughChain(s, 'unit_review', '禁止路径');
    const v = await version(s.editor, id);

    const wrongRole = await s.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: v });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '您的角色不能在此环节执行“审核通过”' });
    const skipped = await s.publisher.post(`/staff/notices/${id}/registration`, { version: v });
    expect(skipped.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '当前状态不能执行“登记发布”' });
    const editorApproves = await s.colleague.post(`/staff/notices/${id}/review`, { action: 'approve', version: v });
    expect(editorApproves.body.code).toBe('REVIEW_NOT_ALLOWED');
    // A unit head of another unit does not see the notice at all.
    expect((await s.otherHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: v })).status).toBe(404);
    const stale = await s.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: v - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONFLICT', message: STALE });
    const noVersion = await s.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve' });
    expect(noVersion.body.code).toBe('VALIDATION_FAILED');

    const edit = await s.editor.patch(`/staff/notices/${id}`, { title: '审核中修改', version: v });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('NOTICE_NOT_EDITABLE');
    expect((await s.editor.delete(`/staff/notices/${id}`)).body.code).toBe('NOTICE_NOT_EDITABLE');
    const resubmit = await s.editor.post(`/staff/notices/${id}/submit`, { version: v });
    expect(resubmit.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '当前状态不能执行“提交审核”' });
    const colleagueSubmits = await s.colleague.post(`/staff/notices/${await aNotice().create(s.editor)}/submit`, { version: 1 });
    expect(colleagueSubmits.body.code).toBe('REVIEW_NOT_ALLOWED');

    // Own notice: the author holds unit_head too, and still may not approve it.
    const own = await aNotice().titled('自己写的').create(s.dual);
    const ownSubmitted = await ok(s.dual.post(`/staff/notices/${own}/submit`, { version: await version(s.dual, own) }));
    const ownApprove = await s.dual.post(`/staff/notices/${own}/review`, { action: 'approve', version: ownSubmitted.version });
    expect(ownApprove.status).toBe(403);
    expect(ownApprove.body.code).toBe('OWN_NOTICE');
    expect((await s.dual.post(`/staff/notices/${own}/review`, { action: 'return', version: ownSubmitted.version, opinion: '退' })).body.code).toBe('OWN_NOTICE');
    expect((await ok(s.dual.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(own);
    expect((await ok(s.unitHead.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).toContain(own);

    // Secrecy: a decision is required, and a 不予公开 reason must be a legal one.
    const atSecrecy = await throughChain(s, 'secrecy_review', '保密审查');
    const sv = await version(s.secrecy, atSecrecy);
    const noDecision = await s.secrecy.post(`/staff/notices/${atSecrecy}/review`, { action: 'approve', version: sv });
    expect(noDecision.status).toBe(400);
    expect(noDecision.body.code).toBe('SECRECY_DECISION_REQUIRED');
    const badReason = await s.secrecy.post(`/staff/notices/${atSecrecy}/review`, { action: 'approve', version: sv, secrecy: { publishable: true, disclosure: 'withheld', disclosureReason: '不方便' } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.details[0].field).toBe('secrecy.disclosureReason');
    const badShape = await s.secrecy.post(`/staff/notices/${atSecrecy}/review`, { action: 'approve', version: sv, secrecy: { publishable: 'yes', disclosure: 'proactive' } });
    expect(badShape.body.details[0].field).toBe('secrecy.publishable');

    // publishable=false: recorded on the notice, and publishing is refused for good.
    const never = await throughChain(s, 'approved', '不得公开', { publishable: false, disclosure: 'withheld', disclosureReason: '国家秘密' });
    const neverView = await ok(s.publisher.get(`/staff/notices/${never}`));
    expect(neverView).toMatchObject({ disclosure: 'withheld', disclosureReason: '国家秘密' });
    const refused = await s.publisher.post(`/staff/notices/${never}/registration`, { version: neverView.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOT_PUBLISHABLE');
    const later = await s.publisher.post(`/staff/notices/${never}/registration`, { version: neverView.version, publishAt: new Date(server.clock.nowMs() + 3600_000).toISOString() });
    expect(later.body.code).toBe('NOT_PUBLISHABLE');
    // No route publishes around the chain.
    expect((await admin.post(`/staff/notices/${never}/publish-direct`)).status).toBe(404);

    // Publish times: past, unparseable or without a zone are refused; the author cannot publish their own.
    const ready = await throughChain(s, 'approved', '发布时间');
    const rv = await version(s.publisher, ready);
    for (const publishAt of [new Date(server.clock.nowMs() - 60_000).toISOString(), 'tomorrow', '2030-01-01 09:00', '2030-13-45T09:00:00Z']) {
      const res = await s.publisher.post(`/staff/notices/${ready}/registration`, { version: rv, publishAt });
      expect({ publishAt, status: res.status, code: res.body.code }).toEqual({ publishAt, status: 400, code: 'PUBLISH_TIME_INVALID' });
    }
    expect((await s.publisher.post(`/staff/notices/${ready}/unschedule`, { version: rv })).body.code).toBe('REVIEW_NOT_ALLOWED');

    // Withdraw needs a reason and the right role.
    const live = await throughChain(s, 'published', '待撤回');
    const lv = await version(s.leader, live);
    const noReason = await s.leader.post(`/staff/notices/${live}/withdraw`, { version: lv });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0]).toEqual({ field: 'reason', message: '撤回须说明理由' });
    expect((await s.leader.post(`/staff/notices/${live}/withdraw`, { version: lv, reason: '   ' })).status).toBe(400);
    expect((await s.unitHead.post(`/staff/notices/${live}/withdraw`, { version: lv, reason: '有误' })).body.code).toBe('REVIEW_NOT_ALLOWED');
    expect((await anon.get(`/notices/${live}`)).status).toBe(200);
  });

  it('lets one account holding every step role take only one step of a round (four eyes)', async () => {
    const id = await throughChain(s, 'unit_review', '一人多角色');
    const unit = await ok(s.multi.post(`/staff/notices/${id}/review`, { action: 'approve', version: await version(s.multi, id) }));
    expect(unit.status).toBe('secrecy_review');
    // The second step: refused with a Chinese message, and not offered in the queue.
    const secrecy = await s.multi.post(`/staff/notices/${id}/review`, { action: 'approve', version: unit.version, secrecy: PROACTIVE });
    expect(secrecy.status).toBe(403);
    expect(secrecy.body).toMatchObject({ code: 'FOUR_EYES', message: '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节' });
    const sendBack = await s.multi.post(`/staff/notices/${id}/review`, { action: 'return', version: unit.version, opinion: '退回' });
    expect(sendBack.body.code).toBe('FOUR_EYES');
    expect((await ok(s.multi.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(id);
    const atLeader = await ok(s.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: unit.version, secrecy: PROACTIVE }));
    expect((await s.multi.post(`/staff/notices/${id}/review`, { action: 'approve', version: atLeader.version })).body.code).toBe('FOUR_EYES');
    const approved = await ok(s.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: atLeader.version }));
    // Registration is a step too.
    const register = await s.multi.post(`/staff/notices/${id}/registration`, { version: approved.version });
    expect(register.status).toBe(403);
    expect(register.body).toMatchObject({ code: 'FOUR_EYES', message: '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节' });
    const scheduled = await s.multi.post(`/staff/notices/${id}/registration`, { version: approved.version, publishAt: new Date(server.clock.nowMs() + 3600_000).toISOString() });
    expect(scheduled.body.code).toBe('FOUR_EYES');
    expect((await ok(s.publisher.post(`/staff/notices/${id}/registration`, { version: approved.version }))).status).toBe('published');
    const log = await ok(s.multi.get(`/staff/notices/${id}/reviews`));
    expect(log.map((e: any) => [e.action, e.actorName])).toEqual([
      ['submit', 'editor1'],
      ['approve', 'multi1'],
      ['approve', 'secrecy1'],
      ['approve', 'leader1'],
      ['publish', 'publisher1'],
    ]);

    // On a notice where it took no other step, it registers; each round counts afresh.
    const other = await throughChain(s, 'approved', '只登记');
    expect((await ok(s.multi.post(`/staff/notices/${other}/registration`, { version: await version(s.multi, other) }))).status).toBe('published');
  });

  it('lets nobody approve or publish a round whose title or body they edited', async () => {
    const id = await aNotice().titled('管理员改过的稿').inCategory('ZSKS').create(s.editor);
    const edited = await ok(s.adminHead.patch(`/staff/notices/${id}`, { bodyHtml: '<p>管理员改写的正文</p>', version: await version(s.editor, id) }));
    expect(edited.editorIds).toHaveLength(2);
    const submitted = await ok(s.editor.post(`/staff/notices/${id}/submit`, { version: edited.version }));
    const approve = await s.adminHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: submitted.version });
    expect(approve.status).toBe(403);
    expect(approve.body).toMatchObject({ code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' });
    expect((await ok(s.adminHead.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(id);
    // Sending it back is not approving: allowed. The next round, which they did not edit, they may approve.
    const returned = await ok(s.adminHead.post(`/staff/notices/${id}/review`, { action: 'return', version: submitted.version, opinion: '请补充报名时间' }));
    const fixed = await ok(s.editor.patch(`/staff/notices/${id}`, { bodyHtml: '<p>管理员改写的正文，报名时间为7月1日至7月5日。</p>', version: returned.version }));
    const round2 = await ok(s.editor.post(`/staff/notices/${id}/submit`, { version: fixed.version }));
    expect(round2).toMatchObject({ round: 2, editorIds: [fixed.authorId] });
    expect((await ok(s.adminHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: round2.version }))).status).toBe('secrecy_review');
    // A change of other fields (not what reviewers read as title or body) makes nobody an editor.
    const other = await aNotice().titled('只改了摘要').inCategory('ZSKS').create(s.editor);
    const summary = await ok(s.adminHead.patch(`/staff/notices/${other}`, { summary: '新的摘要', version: await version(s.editor, other) }));
    expect(summary.editorIds).toEqual([summary.authorId]);
  });

  it('lets exactly one of two simultaneous approvals win', async () => {
    const id = await throughChain(s, 'unit_review', '并发审核');
    const v = await version(s.unitHead, id);
    const results = await Promise.all([
      s.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: v }),
      s.head2.post(`/staff/notices/${id}/review`, { action: 'approve', version: v }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'CONFLICT', message: STALE });
    const log = await ok(s.unitHead.get(`/staff/notices/${id}/reviews`));
    expect(log.filter((e: any) => e.action === 'approve')).toHaveLength(1);
    expect((await ok(s.unitHead.get(`/staff/notices/${id}`))).status).toBe('secrecy_review');
  });

  it('shows each role its queue, oldest first, with the waiting time, and counts each step', async () => {
    const before = await ok(s.unitHead.get('/staff/reviews/counts'));
    const first = await throughChain(s, 'unit_review', '排队一');
    server.clock.advance(2000);
    const second = await throughChain(s, 'unit_review', '排队二');
    const third = await throughChain(s, 'approved', '排队三');

    const queue = await ok(s.unitHead.get('/staff/reviews/pending'));
    const mine = queue.filter((p: any) => [first, second].includes(p.noticeId));
    expect(mine.map((p: any) => p.noticeId)).toEqual([first, second]);
    expect(mine[0]).toMatchObject({ title: '排队一', step: 'unit_review', status: 'unit_review', unitCode: UNIT, unitName: '基础教育科', categoryCode: 'ZSKS', authorName: 'editor1', round: 1 });
    expect(mine[0].waitingSeconds).toBeGreaterThanOrEqual(1);
    expect(mine[0].waitingSeconds).toBeGreaterThanOrEqual(mine[1].waitingSeconds);
    expect(Date.parse(mine[0].waitingSince)).toBeLessThan(Date.parse(mine[1].waitingSince));
    const times = queue.map((p: any) => Date.parse(p.waitingSince));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(queue.every((p: any) => p.status === 'unit_review')).toBe(true);

    expect((await ok(s.otherHead.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(first);
    expect((await ok(s.secrecy.get('/staff/reviews/pending'))).every((p: any) => p.status === 'secrecy_review')).toBe(true);
    expect(await ok(s.editor.get('/staff/reviews/pending'))).toEqual([]);
    const publisherQueue = await ok(s.publisher.get('/staff/reviews/pending'));
    expect(publisherQueue.find((p: any) => p.noticeId === third)).toMatchObject({ step: 'approved' });
    expect(publisherQueue.every((p: any) => ['approved', 'scheduled'].includes(p.step))).toBe(true);

    const after = await ok(s.unitHead.get('/staff/reviews/counts'));
    expect(Object.keys(after).sort()).toEqual(['approved', 'leader_approval', 'returned', 'scheduled', 'secrecy_review', 'unit_review']);
    expect(after.unit_review - before.unit_review).toBe(2);
    expect(after.approved - before.approved).toBe(1);
    // Staff of another unit count only their own unit's notices.
    expect((await ok(s.otherHead.get('/staff/reviews/counts'))).unit_review).toBe(0);
  });

  it('withdraws a published notice: gone from the public API at once, even for an old ETag', async () => {
    const id = await throughChain(s, 'published', '将被撤回的通知');
    const list = await anon.get('/notices?category=ZSKS');
    expect(list.body.items.map((n: any) => n.id)).toContain(id);
    const etag = list.headers.get('etag')!;
    expect((await anon.get(`/notices/${id}`)).status).toBe(200);

    const withdrawn = await ok(s.publisher.post(`/staff/notices/${id}/withdraw`, { version: await version(s.publisher, id), reason: '内容有误，需重新发布' }));
    expect(withdrawn.status).toBe('withdrawn');
    expect((await anon.get(`/notices/${id}`)).status).toBe(404);
    const again = await anon.get('/notices?category=ZSKS', { 'if-none-match': etag });
    expect(again.status).toBe(200);
    expect(again.body.items.map((n: any) => n.id)).not.toContain(id);
    const log = await ok(s.leader.get(`/staff/notices/${id}/reviews`));
    expect(log[log.length - 1]).toMatchObject({ action: 'withdraw', fromStatus: 'published', toStatus: 'withdrawn', role: 'publisher', opinion: '内容有误，需重新发布' });
    const audit = await admin.get(`/staff/audit?entityType=notice&entityId=${id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'notice.withdraw', actorUsername: 'publisher1', before: { status: 'published' }, after: { status: 'withdrawn' } });
    expect(events).toContainEqual({ name: 'notice.withdrawn', payload: { noticeId: id, reason: '内容有误，需重新发布' } });
    expect((await s.leader.post(`/staff/notices/${id}/withdraw`, { version: withdrawn.version, reason: '再撤' })).body.code).toBe('REVIEW_NOT_ALLOWED');
  });

  it('publishes a scheduled notice when its time comes, and can unschedule one', async () => {
    const id = await throughChain(s, 'approved', '定时发布的通知');
    const publishAt = '2026-09-01T04:00:00.000Z'; // 12:00 in Shanghai, hours after the clock's start
    const scheduled = await ok(s.publisher.post(`/staff/notices/${id}/registration`, { version: await version(s.publisher, id), publishAt: '2026-09-01T12:00:00+08:00' }));
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt, publishedAt: null, indexNo: null, actions: ['unschedule', 'publish'] });
    expect((await ok(s.publisher.get('/staff/reviews/pending'))).find((p: any) => p.noticeId === id)).toMatchObject({ step: 'scheduled' });
    expect((await anon.get(`/notices/${id}`)).status).toBe(404);

    // A round before its time publishes nothing.
    await server.tasks.run('scheduled-publisher');
    expect(await ok(s.publisher.get(`/staff/notices/${id}`))).toMatchObject({ status: 'scheduled', publishedAt: null });

    // At 12:00 the next round publishes it.
    server.clock.set(new Date('2026-09-01T12:00:00+08:00'));
    await server.tasks.run('scheduled-publisher');
    const view = await ok(s.publisher.get(`/staff/notices/${id}`));
    expect(view).toMatchObject({ status: 'published', publishAt: null });
    expect(view.indexNo).toMatch(/^JCJY00000000000001\/ZSKS-2026-\d{5}$/);
    expect(view.publishedAt >= publishAt && view.publishedAt < '2026-09-01T04:01:00.000Z').toBe(true);
    expect((await anon.get(`/notices/${id}`)).status).toBe(200);
    const log = await ok(s.publisher.get(`/staff/notices/${id}/reviews`));
    expect(log.slice(-2).map((e: any) => [e.action, e.role, e.actorId, e.publishAt])).toEqual([
      ['schedule', 'publisher', expect.any(Number), publishAt],
      ['publish_due', 'system', null, publishAt],
    ]);
    expect(events).toContainEqual({ name: 'notice.published', payload: { noticeId: id, publishedAt: view.publishedAt, scheduled: true } });

    const other = await throughChain(s, 'approved', '取消定时');
    const sch = await ok(s.publisher.post(`/staff/notices/${other}/registration`, { version: await version(s.publisher, other), publishAt: new Date(server.clock.nowMs() + 3600_000).toISOString() }));
    const back = await ok(s.publisher.post(`/staff/notices/${other}/unschedule`, { version: sch.version }));
    expect(back).toMatchObject({ status: 'approved', publishAt: null });
    const sch2 = await ok(s.publisher.post(`/staff/notices/${other}/registration`, { version: back.version, publishAt: new Date(server.clock.nowMs() + 3600_000).toISOString() }));
    const now = await ok(s.publisher.post(`/staff/notices/${other}/registration`, { version: sch2.version }));
    expect(now).toMatchObject({ status: 'published', publishAt: null });
  });

  it('lets staff of reviewing roles see every unit’s notices, and others only their own', async () => {
    const id = await aNotice().titled('人事科的草稿').create(await aStaff(admin, 'editor9', OTHER_UNIT, ['editor']));
    for (const c of [s.secrecy, s.leader, s.publisher, admin]) expect((await c.get(`/staff/notices/${id}`)).status).toBe(200);
    for (const c of [s.editor, s.unitHead]) expect((await c.get(`/staff/notices/${id}`)).status).toBe(404);
    expect((await ok(s.leader.get('/staff/notices?limit=50'))).items.map((n: any) => n.id)).toContain(id);
    for (const path of ['reviews', 'revisions', 'changes']) expect((await s.unitHead.get(`/staff/notices/${id}/${path}`)).status).toBe(404);
  });
});

describe('scheduled publishing across restarts and instances', () => {
  let db: TestDatabase;
  const servers: TestServer[] = [];
  const tokens = new Map<string, string>();
  // Every instance reads this one clock; their timers wait an hour, so rounds are the start-up one and the explicit ones.
  const clock = new SettableClock(START);
  const env = { SCHEDULE_POLL_MS: '3600000' };

  const chainOn = (server: TestServer): Chain => {
    const c = (name: string) => new ApiClient(server.baseUrl).as(tokens.get(name)!);
    return { editor: c('editor1'), unitHead: c('head1'), secrecy: c('secrecy1'), leader: c('leader1'), publisher: c('publisher1') };
  };

  beforeAll(async () => {
    db = await freshDatabase();
    const first = await startServer(db, env, clock);
    servers.push(first);
    const { admin } = await bootstrapAdmin(first);
    await chainStaff(admin);
    for (const name of ['editor1', 'head1', 'secrecy1', 'leader1', 'publisher1']) tokens.set(name, await login(new ApiClient(first.baseUrl), name));
  });

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await db?.drop();
  });

  it('publishes at start a notice whose time passed while the server was down, at the actual time', async () => {
    const c = chainOn(servers[0]!);
    const id = await throughChain(c, 'approved', '停机期间到期');
    await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: await version(c.publisher, id), publishAt: '2026-09-01T10:00:00+08:00' }));
    await servers[0]!.stop();
    // Down from before 10:00 until 11:00.
    clock.set(new Date('2026-09-01T11:00:00+08:00'));

    const restarted = await startServer(db, env, clock);
    servers.push(restarted);
    const view = await ok(chainOn(restarted).publisher.get(`/staff/notices/${id}`));
    expect(view.status).toBe('published');
    expect(view.publishedAt >= '2026-09-01T03:00:00.000Z' && view.publishedAt < '2026-09-01T03:01:00.000Z').toBe(true);
    expect((await new ApiClient(restarted.baseUrl).get(`/notices/${id}`)).status).toBe(200);
  });

  it('publishes a scheduled notice once when two instances poll', async () => {
    const [a, b] = await Promise.all([startServer(db, env, clock), startServer(db, env, clock)]);
    servers.push(a, b);
    const c = chainOn(a);
    const id = await throughChain(c, 'approved', '两个实例');
    await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: await version(c.publisher, id), publishAt: '2026-09-01T12:00:00+08:00' }));
    clock.set(new Date('2026-09-01T12:00:00+08:00'));
    // Both instances' rounds at once (and the restarted one's): exactly one publishes.
    await Promise.all([a, b, ...servers.slice(1, 2)].map((server) => server.tasks.run('scheduled-publisher')));
    const view = await ok(chainOn(b).publisher.get(`/staff/notices/${id}`));
    expect(view.status).toBe('published');
    const log = await ok(c.publisher.get(`/staff/notices/${id}/reviews`));
    expect(log.filter((e: any) => e.action === 'publish_due')).toHaveLength(1);
    const audit = await ok(new ApiClient(a.baseUrl).as(await login(new ApiClient(a.baseUrl), 'root')).get(`/staff/audit?entityType=notice&entityId=${id}`));
    expect(audit.items.filter((e: any) => e.action === 'notice.publish_due')).toHaveLength(1);
    // The first notice took sequence 1; this one 2: no number was used twice or skipped.
    expect(view.indexNo).toBe('JCJY00000000000001/ZSKS-2026-00002');
    expect((await ok(chainOn(a).publisher.get(`/staff/notices/${id}`))).indexNo).toBe(view.indexNo);
  });
});
