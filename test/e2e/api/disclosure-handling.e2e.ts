import type { StaffDisclosureListItem, StaffDisclosureView } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { STAFF_TEST_ID, anEntry, entered, staffView, step } from '../../support/disclosure-staff-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The staff side of 依申请公开 on the 2026 official calendar: Sunday 20 September is a make-up
 * working day, Friday 25 September (中秋) is off, 1–7 October (国庆) are off and Saturday
 * 10 October is a make-up working day. The file starts on Friday 18 September 2026.
 */
const START = new Date('2026-09-18T10:00:00+08:00');

describe('disclosure handling (staff)', () => {
  const clock = new SettableClock(START);
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let admin: ApiClient;
  let handler: ApiClient;
  let handler2: ApiClient;
  let head: ApiClient;
  let head2: ApiClient;
  let editor: ApiClient;

  const ok = async (res: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status, text: expect.any(String) });
    return r.body;
  };

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, clock);
    let bureau: string;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    handler = await aStaff(admin, 'dh1', bureau, ['disclosure_handler']);
    handler2 = await aStaff(admin, 'dh2', bureau, ['disclosure_handler']);
    head = await aStaff(admin, 'dhead1', bureau, ['disclosure_head']);
    head2 = await aStaff(admin, 'dhead2', bureau, ['disclosure_head']);
    editor = await aStaff(admin, 'editor1', bureau, ['editor']);
  });

  beforeEach(() => clock.set(START));

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('enters a request that came by post: signed for on Monday 14 September, due Friday 16 October', async () => {
    const created = await entered(handler);
    expect(created.trackingNo).toMatch(/^YS20260918\d{3}$/);
    expect(created.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const view = await staffView(handler, created.id);
    expect(view).toMatchObject({
      channel: 'post',
      status: 'processing',
      receivedDate: '2026-09-14',
      identityVisible: true,
      applicantName: '李四',
      idNumber: STAFF_TEST_ID,
      supplementNoticeDueDate: '2026-09-22',
      deadline: { workingDays: 20, from: '2026-09-14', dueDate: '2026-10-16', remainingWorkingDays: 16, paused: false, overdue: false },
      pendingExtension: null,
      fee: null,
      letter: null,
    });
    expect(view.staffActions).toEqual(expect.arrayContaining(['request_supplement', 'start_consultation', 'request_extension']));
    expect(view.staffActions).not.toContain('approve_extension');
    expect(view.timeline).toEqual([expect.objectContaining({ action: 'entered', label: '登记申请', text: '邮寄，以签收之日为收到申请之日：2026年9月14日', by: 'dh1' })]);
  });

  it('confirms an online request: the receipt date is the day of confirmation (Friday 18 September), due Thursday 22 October', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-applicant-1' });
    const { channel: _channel, receivedDate: _received, ...body } = anEntry({ delivery: 'online', provisionForm: 'electronic' });
    const sent = await parent.post('/disclosure/requests', body);
    expect(sent.status).toBe(201);
    const before = await staffView(handler, sent.body.id);
    expect(before).toMatchObject({ status: 'submitted', receivedDate: null, deadline: null, handlerId: null, identityVisible: false, idNumber: '1101**********002X' });
    expect(before.staffActions).toEqual(['confirm_receipt']);
    const confirmed: StaffDisclosureView = await ok(step(handler, sent.body.id, 'confirm-receipt'));
    expect(confirmed).toMatchObject({ status: 'processing', receivedDate: '2026-09-18', identityVisible: true, idNumber: STAFF_TEST_ID, deadline: { from: '2026-09-18', dueDate: '2026-10-22' } });
    expect(confirmed.timeline.at(-1)).toMatchObject({ action: 'confirm_receipt', text: '以双方确认之日为收到申请之日：2026年9月18日；答复期限至 2026年10月22日', by: 'dh1' });
    // Another handler came second: the identity stays masked for them.
    const again = await step(handler2, sent.body.id, 'confirm-receipt');
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(STAFF_TEST_ID);
  });

  it('refuses a receipt date in the future, an in-person date other than today, and bad bodies, with 400 and a code', async () => {
    const bad = async (body: object, field: string) => {
      const res = await handler.post('/staff/disclosure/requests', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad(anEntry({ receivedDate: '2026-09-19' }), 'receivedDate');
    await bad(anEntry({ channel: 'in_person', receivedDate: '2026-09-17' }), 'receivedDate');
    await bad(anEntry({ receivedDate: '2026-02-30' }), 'receivedDate');
    await bad(anEntry({ channel: 'online' as never }), 'channel');
    await bad({ ...anEntry(), receivedDate: null }, 'receivedDate');
    await bad({ ...anEntry(), description: '长'.repeat(5000) }, 'description');
    const inPerson = await entered(handler, { channel: 'in_person', receivedDate: '2026-09-18', delivery: 'pickup' });
    expect((await staffView(handler, inPerson.id)).deadline).toMatchObject({ from: '2026-09-18', dueDate: '2026-10-22' });
  });

  it('补正 within 7 working days of receipt; after that 409; the supplement on paper restarts the count', async () => {
    // Received Tuesday 8 September: the 补正 notice could go until Thursday 17 September.
    const late = await entered(handler, { receivedDate: '2026-09-08' });
    const tooLate = await step(handler, late.id, 'supplement-request', { text: '请补充所需信息的文号' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('DISCLOSURE_NOT_ALLOWED');
    expect(tooLate.body.message).toContain('2026年9月17日');
    expect((await staffView(handler, late.id)).staffActions).not.toContain('request_supplement');

    const req = await entered(handler);
    const asked: StaffDisclosureView = await ok(step(handler, req.id, 'supplement-request', { text: '请写明所需信息的名称或文号' }));
    expect(asked).toMatchObject({
      status: 'supplement_requested',
      supplementNoticeDueDate: null,
      // 15 working days from Friday 18 September.
      supplement: { requestText: '请写明所需信息的名称或文号', dueDate: '2026-10-15', suppliedAt: null },
      deadline: { dueDate: null, remainingWorkingDays: null },
    });
    expect(asked.timeline.at(-1)).toMatchObject({ action: 'request_supplement', text: '请写明所需信息的名称或文号\n请于 2026年10月15日 前补正；无正当理由逾期不补正的，视为放弃申请。' });
    const again = await step(handler, req.id, 'supplement-request', { text: '再次补正' });
    expect(again.status).toBe(409);

    clock.set(new Date('2026-09-23T09:00:00+08:00'));
    const future = await step(handler, req.id, 'supplement', { text: '补充了文号', receivedDate: '2026-09-24' });
    expect(future.status).toBe(400);
    const supplied: StaffDisclosureView = await ok(step(handler, req.id, 'supplement', { text: '补充了文号：昌教发〔2026〕5号', receivedDate: '2026-09-22' }));
    // 20 working days from Tuesday 22 September, over 中秋 and 国庆.
    expect(supplied).toMatchObject({ status: 'processing', deadline: { from: '2026-09-22', dueDate: '2026-10-27' }, supplement: { suppliedText: '补充了文号：昌教发〔2026〕5号' } });
  });

  it('extension: asked by the handler, approved by the head (never by who asked), the due day moves by N working days', async () => {
    const req = await entered(handler);
    const tooMany = await step(handler, req.id, 'extension', { days: 21, reason: '需要调取档案' });
    expect(tooMany.status).toBe(400);
    const asked: StaffDisclosureView = await ok(step(handler, req.id, 'extension', { days: 5, reason: '需要调取历史档案' }));
    expect(asked.pendingExtension).toMatchObject({ days: 5, reason: '需要调取历史档案', requestedBy: 'dh1' });
    expect(asked.deadline?.dueDate).toBe('2026-10-16');

    // A handler may not approve at all; the head who asked may not approve their own.
    const byHandler = await step(handler2, req.id, 'extension/approve');
    expect(byHandler.status).toBe(403);
    const approved: StaffDisclosureView = await ok(step(head, req.id, 'extension/approve'));
    expect(approved).toMatchObject({ pendingExtension: null, deadline: { workingDays: 25, extensionDays: 5, dueDate: '2026-10-23' } });
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'approve_extension', label: '延期答复', text: '延期答复 5 个工作日，至 2026年10月23日。延期理由：需要调取历史档案', by: 'dhead1' });

    const own = await entered(head);
    await ok(step(head, own.id, 'extension', { days: 3, reason: '涉及多个科室' }));
    const fourEyes = await step(head, own.id, 'extension/approve');
    expect(fourEyes.status).toBe(403);
    expect(fourEyes.body.code).toBe('FOUR_EYES');
    const refused: StaffDisclosureView = await ok(step(head2, own.id, 'extension/refuse', { reason: '理由不充分' }));
    expect(refused).toMatchObject({ pendingExtension: null, deadline: { extensionDays: 0, dueDate: '2026-10-16' } });
    // 15 of the 20 days are left after the first 5.
    const over = await step(handler, req.id, 'extension', { days: 16, reason: '再延' });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('延期累计不超过 20 个工作日，最多还能延期 15 个工作日');
    await ok(step(handler, req.id, 'extension', { days: 15, reason: '再延' }));
  });

  it('consultation pauses the clock: no due date while open; the third party has until 15 October; resumes after the end', async () => {
    const req = await entered(handler);
    const paused: StaffDisclosureView = await ok(step(handler, req.id, 'consultation', { text: '征求某公司意见（涉及商业秘密）' }));
    expect(paused).toMatchObject({ status: 'consulting', deadline: { dueDate: null, paused: true, remainingWorkingDays: 16 } });
    const staffOnly = paused.timeline.find((e) => e.label === '征求第三方意见（发函）');
    expect(staffOnly?.text).toContain('第三方应于 2026年10月15日 前提出意见');
    const second = await step(handler, req.id, 'consultation', { text: '再发一次' });
    expect(second.status).toBe(409);

    clock.set(new Date('2026-10-09T15:00:00+08:00'));
    const before = await step(handler, req.id, 'consultation/end', { text: '第三方同意公开', endDate: '2026-09-17' });
    expect(before.status).toBe(400);
    const resumed: StaffDisclosureView = await ok(step(handler, req.id, 'consultation/end', { text: '第三方同意公开' }));
    // Four working days used (15–18 September); the other 16 from Saturday 10 October.
    expect(resumed).toMatchObject({ status: 'processing', deadline: { dueDate: '2026-10-30', paused: false } });
    expect(resumed.timeline.filter((e) => e.action === 'end_consultation').map((e) => e.text)).toEqual(['答复期限继续计算，至 2026年10月30日', '第三方同意公开\n征求意见结束：2026年10月9日']);
  });

  it('the identity in full only to the handler; others see it masked; full reads are recorded', async () => {
    const req = await entered(handler, { name: '王小明', idNumber: STAFF_TEST_ID, phone: '13700001111' });
    const other = await handler2.get(`/staff/disclosure/requests/${req.id}`);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ identityVisible: false, applicantName: '王**', idNumber: '1101**********002X', phone: '137****1111' });
    expect(other.text).not.toContain(STAFF_TEST_ID);
    expect(other.text).not.toContain('王小明');
    const byHead = await head.get(`/staff/disclosure/requests/${req.id}`);
    expect(byHead.text).not.toContain(STAFF_TEST_ID);
    const note = await handler2.post(`/staff/disclosure/requests/${req.id}/notes`, { text: '已电话联系' });
    expect(note.status).toBe(200);
    expect(note.text).not.toContain(STAFF_TEST_ID);
    for (const scope of ['open', 'all']) {
      const list = await handler2.get(`/staff/disclosure/requests?scope=${scope}&limit=50`);
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(STAFF_TEST_ID);
      expect(list.body.items.find((i: StaffDisclosureListItem) => i.id === req.id)).toMatchObject({ applicantName: '王**', handlerName: 'dh1' });
    }
    const mine = await staffView(handler, req.id);
    expect(mine).toMatchObject({ identityVisible: true, applicantName: '王小明', idNumber: STAFF_TEST_ID, phone: '13700001111' });
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'note', text: '已电话联系', by: 'dh2' });

    const log = await admin.get('/staff/privacy/access-log?limit=50');
    expect(log.status).toBe(200);
    const reads = log.body.items.filter((e: { entityType: string; entityId: string }) => e.entityType === 'disclosure_request' && e.entityId === String(req.id));
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.every((e: { actorUsername: string; purpose: string }) => e.actorUsername === 'dh1' && e.purpose === '办理依申请公开')).toBe(true);
  });

  it('the inbox: overdue first, then by due day, then the paused and stopped; cursor pages; scopes; the approval queue for heads', async () => {
    const overdue = await entered(handler, { receivedDate: '2026-08-10' });
    const today = await entered(handler, { channel: 'fax', receivedDate: '2026-09-18' });
    const sooner = await entered(handler, { receivedDate: '2026-09-15' });
    const paused = await entered(handler);
    await ok(step(handler, paused.id, 'consultation', { text: '征求第三方意见' }));
    const waiting = await entered(handler2);
    await ok(step(handler2, waiting.id, 'extension', { days: 2, reason: '需要会商' }));

    const ids: number[] = [];
    const items: StaffDisclosureListItem[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse = await handler.get(`/staff/disclosure/requests?scope=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      ids.push(...res.body.items.map((i: StaffDisclosureListItem) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    // Due 7 September (overdue), 16 October, 19 October, 22 October, then the paused one.
    const mine = [overdue.id, waiting.id, sooner.id, today.id, paused.id];
    expect(ids.filter((id) => mine.includes(id))).toEqual(mine);
    expect(items[0]).toMatchObject({ id: overdue.id, dueDate: '2026-09-07', overdue: true, remainingWorkingDays: -9 });
    expect(items.find((i) => i.id === sooner.id)).toMatchObject({ dueDate: '2026-10-19', remainingWorkingDays: 17, overdue: false });
    expect(items.find((i) => i.id === paused.id)).toMatchObject({ dueDate: null, paused: true, remainingWorkingDays: 16 });
    expect(items.find((i) => i.id === waiting.id)).toMatchObject({ awaitingApproval: true });

    const approval = await head.get('/staff/disclosure/requests?scope=approval');
    expect(approval.status).toBe(200);
    expect(approval.body.items.map((i: StaffDisclosureListItem) => i.id)).toContain(waiting.id);
    expect((await handler.get('/staff/disclosure/requests?scope=approval')).status).toBe(403);
    expect((await handler.get('/staff/disclosure/requests?scope=finished')).body.items).toEqual([]);
    expect((await handler.get('/staff/disclosure/requests?scope=soon')).status).toBe(400);
    expect((await handler.get('/staff/disclosure/requests?cursor=bogus')).status).toBe(400);

    const alerts = await handler.get('/staff/disclosure/alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body).toMatchObject({ toConfirm: 0, awaitingApproval: 0 });
    expect(alerts.body.overdue).toBeGreaterThanOrEqual(1);
  });

  it('roles: an editor may not enter, list or read; a stale version answers 409 CONFLICT; a missing id 404', async () => {
    const req = await entered(handler);
    expect((await editor.get('/staff/disclosure/requests')).status).toBe(403);
    expect((await editor.post('/staff/disclosure/requests', anEntry())).status).toBe(403);
    expect((await editor.get(`/staff/disclosure/requests/${req.id}`)).status).toBe(403);
    const v = (await staffView(handler, req.id)).version;
    await ok(handler.post(`/staff/disclosure/requests/${req.id}/notes`, { text: '备注不改版本' }));
    await ok(handler.post(`/staff/disclosure/requests/${req.id}/extension`, { version: v, days: 1, reason: '一' }));
    const stale = await handler.post(`/staff/disclosure/requests/${req.id}/extension/refuse`, { version: v, reason: '旧版本' });
    expect(stale.status).toBe(403); // a handler may not refuse at all
    const staleHead = await head.post(`/staff/disclosure/requests/${req.id}/extension/refuse`, { version: v, reason: '旧版本' });
    expect(staleHead.status).toBe(409);
    expect(staleHead.body.code).toBe('CONFLICT');
    expect((await handler.get('/staff/disclosure/requests/999999')).status).toBe(404);
    expect((await handler.get('/staff/disclosure/requests/abc')).status).toBe(404);
    expect((await handler.post(`/staff/disclosure/requests/${req.id}/consultation`, { version: 'x', text: '文' })).status).toBe(400);
    expect((await handler.post(`/staff/disclosure/requests/${req.id}/consultation`, { version: v + 1, text: { deep: [[[1]]] } })).status).toBe(400);
    const confirm = await step(handler, req.id, 'confirm-receipt');
    expect(confirm.status).toBe(409);
  });
});
