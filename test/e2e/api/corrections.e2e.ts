import { SettableClock } from '../../../server/src/common/clock/clock';
import { EventBus } from '../../../server/src/common/events/event-bus';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { PROACTIVE, aChain, ok, throughChain, version, type Chain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

const UNIT = 'JCJY00000000000001';
const OTHER_UNIT = 'RSK000000000000001';
const CENTER = 'XXFB00000000000001';
/** Where the server's clock starts; the tests move it within the staff's sign-in (8 hours). */
const START = new Date('2026-12-06T08:00:00+08:00');
/** A time the running test clock reached within its minute (UTC), e.g. `minute('2026-12-06T02:00')`. */
const minute = (utc: string) => expect.stringMatching(new RegExp(`^${utc}:\\d\\d\\.\\d{3}Z$`));

async function staffOf(admin: ApiClient) {
  const chain = await aChain(admin, UNIT, CENTER);
  await aUnit(admin, OTHER_UNIT, '人事科');
  return {
    ...chain,
    corrector: await aStaff(admin, 'editor2', UNIT, ['editor']),
    otherEditor: await aStaff(admin, 'editor3', OTHER_UNIT, ['editor']),
    // Writes notices and heads the unit: reviews neither a correction of their own notice nor their own correction.
    dual: await aStaff(admin, 'dual1', UNIT, ['editor', 'unit_head']),
    // Holds every step's role: may still take only one step of a round.
    multi: await aStaff(admin, 'multi1', UNIT, ['unit_head', 'secrecy_reviewer', 'leader', 'publisher']),
    // May edit anyone's correction, so may not approve a round they edited.
    adminHead: await aStaff(admin, 'adminhead1', UNIT, ['admin', 'unit_head']),
  };
}

describe('corrections (更正) of published notices', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let s: Awaited<ReturnType<typeof staffOf>>;
  /** The chain with editor2 as the one who corrects. */
  let chain: Chain;
  const changed: unknown[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(START));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    s = await staffOf(admin);
    chain = { editor: s.corrector, unitHead: s.unitHead, secrecy: s.secrecy, leader: s.leader, publisher: s.publisher };
    server.app.get(EventBus).on('notice.changed', (payload) => void changed.push(payload));
  });

  afterAll(() => server?.destroy());

  const published = (title: string) => throughChain({ ...chain, editor: s.editor }, 'published', title);
  const path = (id: number) => `/staff/notices/${id}/correction`;
  /** Starts a correction, which must succeed (201). */
  const start = async (client: ApiClient, id: number, body: object) => {
    const res = await client.post(`/staff/notices/${id}/corrections`, body);
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };

  it('takes a correction through the whole chain with four different people; the public sees the old text until it is applied', async () => {
    const id = await published('关于2026年秋季招生报名的通知');
    const before = await ok(anon.get(`/notices/${id}`));
    expect(before).toMatchObject({ title: '关于2026年秋季招生报名的通知', bodyHtml: '<p>正文内容</p>', corrections: [] });
    expect(await ok(s.corrector.get(`/staff/notices/${id}`))).toMatchObject({ actions: ['correct'], correction: null });

    const started = await s.corrector.post(`/staff/notices/${id}/corrections`, {
      note: '更正报名截止时间为12月10日',
      title: '关于2026年秋季招生报名的通知（更正）',
      bodyHtml: '<p>正文内容</p><p>报名截止时间为12月10日。</p><script>x</script>',
      documentNo: '乐教发〔2026〕12号',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      noticeId: id,
      status: 'draft',
      round: 0,
      title: '关于2026年秋季招生报名的通知（更正）',
      summary: '摘要',
      documentNo: '乐教发〔2026〕12号',
      bodyHtml: '<p>正文内容</p><p>报名截止时间为12月10日。</p>',
      note: '更正报名截止时间为12月10日',
      authorName: 'editor2',
      editorIds: [started.body.authorId],
      actions: ['submit', 'cancel', 'edit'],
      appliedAt: null,
    });
    const noticeView = await ok(s.corrector.get(`/staff/notices/${id}`));
    expect(noticeView.actions).toEqual([]);
    expect(noticeView.correction).toMatchObject({ id: started.body.id, status: 'draft', authorName: 'editor2', actions: ['submit', 'cancel', 'edit'] });

    let c = await ok(s.corrector.post(`${path(id)}/submit`, { version: started.body.version }));
    expect(c).toMatchObject({ status: 'unit_review', round: 2, actions: [] });
    const pending = await ok(s.unitHead.get('/staff/reviews/pending'));
    expect(pending.map((p: any) => [p.noticeId, p.correctionId, p.title, p.step, p.round])).toEqual([[id, c.id, '关于2026年秋季招生报名的通知（更正）', 'unit_review', 2]]);
    expect((await ok(s.unitHead.get('/staff/reviews/counts'))).unit_review).toBe(1);
    expect((await ok(s.unitHead.get(path(id)))).actions).toEqual(['approve', 'return']);

    c = await ok(s.unitHead.post(`${path(id)}/review`, { action: 'approve', version: c.version, opinion: '同意' }));
    expect(c.status).toBe('secrecy_review');
    c = await ok(s.secrecy.post(`${path(id)}/review`, { action: 'approve', version: c.version }));
    expect(c.status).toBe('leader_approval');
    c = await ok(s.leader.post(`${path(id)}/review`, { action: 'approve', version: c.version }));
    expect(c).toMatchObject({ status: 'approved', actions: [] });
    expect((await ok(s.publisher.get('/staff/reviews/pending'))).map((p: any) => [p.correctionId, p.step])).toEqual([[c.id, 'approved']]);
    // Until the registration the public reads the published text.
    expect(await ok(anon.get(`/notices/${id}`))).toMatchObject({ title: '关于2026年秋季招生报名的通知', bodyHtml: '<p>正文内容</p>', documentNo: null, corrections: [] });

    server.clock.set(new Date('2026-12-06T10:00:00+08:00'));
    c = await ok(s.publisher.post(`${path(id)}/registration`, { version: c.version }));
    expect(c).toMatchObject({ status: 'applied', appliedAt: minute('2026-12-06T02:00'), actions: [] });

    const after = await ok(anon.get(`/notices/${id}`));
    expect(after).toMatchObject({
      title: '关于2026年秋季招生报名的通知（更正）',
      bodyHtml: '<p>正文内容</p><p>报名截止时间为12月10日。</p>',
      documentNo: '乐教发〔2026〕12号',
      indexNo: `${UNIT}/ZSKS-2026-00001`,
      publishedAt: before.publishedAt,
      corrections: [{ correctedAt: c.appliedAt, note: '更正报名截止时间为12月10日' }],
    });
    expect((await ok(anon.get('/notices?category=ZSKS'))).items.find((n: any) => n.id === id).title).toBe('关于2026年秋季招生报名的通知（更正）');
    expect(changed).toContainEqual({ noticeId: id, seq: expect.any(Number), kind: 'updated' });

    // The staff side: no correction open, a new one may be started; the history keeps both rounds.
    expect(await ok(s.corrector.get(`/staff/notices/${id}`))).toMatchObject({ status: 'published', round: 2, indexNo: `${UNIT}/ZSKS-2026-00001`, actions: ['correct'], correction: null });
    expect((await s.corrector.get(path(id))).status).toBe(404);
    const revisions = await ok(s.unitHead.get(`/staff/notices/${id}/revisions`));
    expect(revisions.map((r: any) => [r.round, r.title, r.bodyHtml])).toEqual([
      [1, '关于2026年秋季招生报名的通知', '<p>正文内容</p>'],
      [2, '关于2026年秋季招生报名的通知（更正）', '<p>正文内容</p><p>报名截止时间为12月10日。</p>'],
    ]);
    expect(await ok(s.unitHead.get(`/staff/notices/${id}/changes`))).toEqual({
      fromRound: 1,
      toRound: 2,
      title: [
        { type: 'same', text: '关于2026年秋季招生报名的通知' },
        { type: 'added', text: '（更正）' },
      ],
      body: [
        { type: 'same', text: '正文内容' },
        { type: 'added', text: '报名截止时间为12月10日。' },
      ],
    });
    const log = await ok(s.editor.get(`/staff/notices/${id}/reviews`));
    expect(log.map((e: any) => [e.round, e.action, e.fromStatus, e.toStatus, e.actorName, e.correctionId])).toEqual([
      [1, 'submit', 'draft', 'unit_review', 'editor1', null],
      [1, 'approve', 'unit_review', 'secrecy_review', 'head1', null],
      [1, 'approve', 'secrecy_review', 'leader_approval', 'secrecy1', null],
      [1, 'approve', 'leader_approval', 'approved', 'leader1', null],
      [1, 'publish', 'approved', 'published', 'publisher1', null],
      [2, 'submit', 'draft', 'unit_review', 'editor2', c.id],
      [2, 'approve', 'unit_review', 'secrecy_review', 'head1', c.id],
      [2, 'approve', 'secrecy_review', 'leader_approval', 'secrecy1', c.id],
      [2, 'approve', 'leader_approval', 'approved', 'leader1', c.id],
      [2, 'publish', 'approved', 'published', 'publisher1', c.id],
    ]);
    const audit = await ok(admin.get(`/staff/audit?entityType=notice_correction&entityId=${c.id}`));
    expect(audit.items.map((e: any) => `${e.action}:${e.actorUsername}`).reverse()).toEqual([
      'notice.correction_start:editor2',
      'notice.correction_submit:editor2',
      'notice.correction_approve:head1',
      'notice.correction_approve:secrecy1',
      'notice.correction_approve:leader1',
      'notice.correction_publish:publisher1',
    ]);

    // A second correction is a further round, and the public reads both lines, oldest first.
    server.clock.set(new Date('2026-12-06T11:30:00+08:00'));
    await correctNotice(chain, id, { note: '更正文号', documentNo: '乐教发〔2026〕13号' });
    expect((await ok(anon.get(`/notices/${id}`))).corrections).toEqual([
      { correctedAt: minute('2026-12-06T02:00'), note: '更正报名截止时间为12月10日' },
      { correctedAt: minute('2026-12-06T03:30'), note: '更正文号' },
    ]);
    expect((await ok(s.unitHead.get(`/staff/notices/${id}/revisions`))).map((r: any) => r.round)).toEqual([1, 2, 3]);
  });

  it('keeps the correction’s author and the notice’s author off its review, and four eyes on its round', async () => {
    // dual wrote the notice; editor2 corrects it: dual, though a unit head, may not review the correction.
    const id = await throughChain({ ...chain, editor: s.dual }, 'published', '关于校车运营的通知');
    const started = await start(s.corrector, id, { note: '更正线路', bodyHtml: '<p>线路调整</p>' });
    let c = await ok(s.corrector.post(`${path(id)}/submit`, { version: started.version }));
    const byNoticeAuthor = await s.dual.post(`${path(id)}/review`, { action: 'approve', version: c.version });
    expect(byNoticeAuthor.status).toBe(403);
    expect(byNoticeAuthor.body).toMatchObject({ code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' });
    expect((await ok(s.dual.get(path(id)))).refusals).toEqual([
      { action: 'approve', code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' },
      { action: 'return', code: 'OWN_NOTICE', message: '不能审核或登记对自己撰写的信息的更正' },
    ]);
    expect((await ok(s.dual.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(id);

    // multi approves the unit step, and may take no other step of this round.
    c = await ok(s.multi.post(`${path(id)}/review`, { action: 'approve', version: c.version }));
    const second = await s.multi.post(`${path(id)}/review`, { action: 'approve', version: c.version });
    expect(second.status).toBe(403);
    expect(second.body).toMatchObject({ code: 'FOUR_EYES', message: '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节' });

    // dual's own correction of another notice: dual may not review it as unit head.
    const other = await published('关于课后服务的通知');
    const own = await s.dual.post(`/staff/notices/${other}/corrections`, { note: '更正时间', summary: '新的摘要' });
    expect(own.status).toBe(201);
    const ownSubmitted = await ok(s.dual.post(`${path(other)}/submit`, { version: own.body.version }));
    const ownApproval = await s.dual.post(`${path(other)}/review`, { action: 'approve', version: ownSubmitted.version });
    expect(ownApproval.body).toMatchObject({ code: 'OWN_NOTICE', message: '不能审核、发布或撤回自己撰写的信息' });

    // An admin who edited a correction's round may return it but not approve it.
    const third = await published('关于暑期安全的通知');
    const draft = await start(s.corrector, third, { note: '更正电话' });
    const edited = await ok(s.adminHead.patch(path(third), { bodyHtml: '<p>咨询电话：0536-1234567</p>', version: draft.version }));
    expect(edited.editorIds).toHaveLength(2);
    const submitted = await ok(s.corrector.post(`${path(third)}/submit`, { version: edited.version }));
    const byEditor = await s.adminHead.post(`${path(third)}/review`, { action: 'approve', version: submitted.version });
    expect(byEditor.body).toMatchObject({ code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' });
    expect((await ok(s.unitHead.post(`${path(third)}/review`, { action: 'approve', version: submitted.version }))).status).toBe('secrecy_review');
  });

  it('is returned, edited and submitted again as a new round; a second open correction is refused, also when two start at once', async () => {
    const id = await published('关于教师招聘的通知');
    const [a, b] = await Promise.all([
      s.corrector.post(`/staff/notices/${id}/corrections`, { note: '更正岗位数' }),
      s.editor.post(`/staff/notices/${id}/corrections`, { note: '更正报名时间' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body).toMatchObject({ code: 'CORRECTION_OPEN', message: '该信息已有进行中的更正，请在其完成或取消后再发起新的更正' });
    const mine = a.status === 201 ? s.corrector : s.editor;
    const first = a.status === 201 ? a.body : b.body;

    // Nothing changed yet: nothing to submit.
    const unchanged = await mine.post(`${path(id)}/submit`, { version: first.version });
    expect(unchanged.status).toBe(400);
    expect(unchanged.body.code).toBe('CORRECTION_UNCHANGED');
    const edited = await ok(mine.patch(path(id), { bodyHtml: '<p>招聘岗位30个。</p>', version: first.version }));
    const stale = await mine.patch(path(id), { note: '旧版本', version: first.version });
    expect(stale.status).toBe(409);
    let c = await ok(mine.post(`${path(id)}/submit`, { version: edited.version }));
    expect(c.round).toBe(2);
    expect((await mine.patch(path(id), { note: '审核中修改', version: c.version })).body.code).toBe('CORRECTION_NOT_EDITABLE');
    expect((await s.unitHead.post(`${path(id)}/review`, { action: 'return', version: c.version })).body).toMatchObject({ code: 'VALIDATION_FAILED', message: '退回须填写审核意见' });
    // A correction has no secrecy decision to record: the text passes 保密审查 or goes back.
    expect((await s.unitHead.post(`${path(id)}/review`, { action: 'approve', version: c.version, secrecy: PROACTIVE })).status).toBe(400);
    c = await ok(s.unitHead.post(`${path(id)}/review`, { action: 'return', version: c.version, opinion: '岗位数与附件不一致' }));
    expect(c).toMatchObject({ status: 'returned', round: 2 });

    const fixed = await ok(mine.put(path(id), { bodyHtml: '<p>招聘岗位32个。</p>', note: '更正招聘岗位数为32个', version: c.version }));
    expect(fixed).toMatchObject({ status: 'returned', note: '更正招聘岗位数为32个' });
    c = await ok(mine.post(`${path(id)}/submit`, { version: fixed.version }));
    expect(c).toMatchObject({ status: 'unit_review', round: 3 });
    // The chain starts again at the unit step.
    expect((await s.secrecy.post(`${path(id)}/review`, { action: 'approve', version: c.version })).body.code).toBe('REVIEW_NOT_ALLOWED');
    const log = await ok(s.unitHead.get(`/staff/notices/${id}/reviews`));
    expect(log.filter((e: any) => e.correctionId).map((e: any) => `${e.round}:${e.action}:${e.toStatus}:${e.opinion ?? ''}`)).toEqual([
      '2:submit:unit_review:',
      '2:return:returned:岗位数与附件不一致',
      '3:submit:unit_review:',
    ]);
    expect((await ok(s.unitHead.get(`/staff/notices/${id}/revisions`))).map((r: any) => [r.round, r.bodyHtml])).toEqual([
      [1, '<p>正文内容</p>'],
      [2, '<p>招聘岗位30个。</p>'],
      [3, '<p>招聘岗位32个。</p>'],
    ]);
    expect((await ok(anon.get(`/notices/${id}`))).bodyHtml).toBe('<p>正文内容</p>');
  });

  it('is cancelled by its author before review, after which a new one may start', async () => {
    const id = await published('关于图书馆开放的通知');
    const draft = await start(s.corrector, id, { note: '更正开放时间', bodyHtml: '<p>周末开放</p>' });
    expect((await s.editor.post(`${path(id)}/cancel`, { version: draft.version })).body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '您的角色不能在此环节执行“取消更正”' });
    const cancelled = await ok(s.corrector.post(`${path(id)}/cancel`, { version: draft.version }));
    expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] });
    expect(await ok(s.corrector.get(`/staff/notices/${id}`))).toMatchObject({ correction: null, actions: ['correct'], round: 1 });
    expect((await ok(s.corrector.get(`/staff/notices/${id}/reviews`))).filter((e: any) => e.correctionId)).toEqual([]);

    const next = await s.editor.post(`/staff/notices/${id}/corrections`, { note: '更正开放时间为周六', bodyHtml: '<p>周六开放</p>' });
    expect(next.status).toBe(201);
    // Who edited the cancelled one does not count against the new one's round.
    expect(next.body.editorIds).toEqual([next.body.authorId]);
    const submitted = await ok(s.editor.post(`${path(id)}/submit`, { version: next.body.version }));
    expect((await s.editor.post(`${path(id)}/cancel`, { version: submitted.version })).body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '当前状态不能执行“取消更正”' });
  });

  it('refuses to correct what is not published, or not the caller’s unit’s, and a withdrawal cancels the open correction', async () => {
    const draftId = await aNotice().titled('草稿').create(s.editor);
    expect((await s.editor.post(`/staff/notices/${draftId}/corrections`, { note: '更正' })).body).toMatchObject({ code: 'NOTICE_NOT_PUBLISHED', message: '只有已发布的信息才能更正' });
    const id = await published('关于运动会的通知');
    expect((await s.otherEditor.post(`/staff/notices/${id}/corrections`, { note: '更正' })).status).toBe(404);
    expect((await s.publisher.post(`/staff/notices/${id}/corrections`, { note: '更正' })).status).toBe(403);
    expect((await s.corrector.post(`/staff/notices/${id}/corrections`, { note: '  ' })).body.details).toEqual([{ field: 'note', message: '须填写更正说明' }]);
    expect((await s.corrector.get(path(id))).body).toMatchObject({ code: 'NOT_FOUND', message: '该信息没有进行中的更正' });

    const started = await start(s.corrector, id, { note: '更正日期', bodyHtml: '<p>改期至周五</p>' });
    const c = await ok(s.corrector.post(`${path(id)}/submit`, { version: started.version }));
    const withdrawn = await ok(s.leader.post(`/staff/notices/${id}/withdraw`, { version: await version(s.leader, id), reason: '活动取消' }));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', correction: null });
    expect((await s.unitHead.post(`${path(id)}/review`, { action: 'approve', version: c.version })).body).toMatchObject({ code: 'NOT_FOUND', message: '该信息没有进行中的更正' });
    expect((await s.corrector.post(`/staff/notices/${id}/corrections`, { note: '更正' })).body.code).toBe('NOTICE_NOT_PUBLISHED');
    expect((await ok(s.unitHead.get('/staff/reviews/pending'))).map((p: any) => p.noticeId)).not.toContain(id);
    expect((await anon.get(`/notices/${id}`)).status).toBe(404);
  });
});
