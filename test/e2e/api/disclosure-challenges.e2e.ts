import { SettableClock } from '../../../server/src/common/clock/clock';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { ApiClient } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { aChain, throughChain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Administrative reconsiderations and lawsuits about the bureau's disclosure work (table 四 of the
 * yearly report): recorded by staff, each about one request or one published notice.
 * The file runs on Thursday 10 December 2026.
 */
const START = new Date('2026-12-10T10:00:00+08:00');

describe('disclosure challenges (table 四)', () => {
  let server: TestServer;
  let anon: ApiClient;
  let handler: ApiClient;
  let editor: ApiClient;
  let requestId: number;
  let trackingNo: string;
  let noticeId: number;
  let draftNoticeId: number;

  const base = () => ({ kind: 'reconsideration', requestId, caseNo: '昌政复决字〔2026〕3号', body: '昌乐县人民政府', filedDate: '2026-11-02', result: 'pending' });

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(START));
    const boot = await bootstrapAdmin(server);
    anon = boot.anonymous;
    handler = await aStaff(boot.admin, 'handler', boot.unitCode, ['disclosure_handler']);
    editor = await aStaff(boot.admin, 'editor', boot.unitCode, ['editor']);
    // A request that arrived in person, entered by the handler.
    const entered = await handler.post('/staff/disclosure/requests', {
      applicantType: 'natural_person',
      name: '张三',
      idType: 'passport',
      idNumber: 'E12345678',
      phone: '13812345678',
      description: '2026年本县义务教育学校招生计划',
      provisionForm: 'paper',
      delivery: 'pickup',
      channel: 'in_person',
      receivedDate: '2026-12-10',
    });
    expect(entered.status).toBe(201);
    ({ id: requestId, trackingNo } = entered.body);
    // A published notice (proactive disclosure is challenged too) and one still in review.
    const chain = await aChain(boot.admin, 'UNIT000000000001', 'CENTER0000000001');
    noticeId = await throughChain(chain, 'published', '2026年招生工作意见');
    draftNoticeId = await throughChain(chain, 'unit_review', '尚在审核的信息');
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('records a case about a request, then its result; lists by year with paging; audits each change', async () => {
    const created = await handler.post('/staff/disclosure/challenges', { ...base(), note: '申请人对不予公开决定不服' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'reconsideration',
      kindLabel: '行政复议',
      requestId,
      requestTrackingNo: trackingNo,
      noticeId: null,
      noticeIndexNo: null,
      caseNo: '昌政复决字〔2026〕3号',
      body: '昌乐县人民政府',
      filedDate: '2026-11-02',
      decidedDate: null,
      result: 'pending',
      resultLabel: '尚未审结',
      note: '申请人对不予公开决定不服',
      version: 1,
    });
    const id: number = created.body.id;

    const decided = await handler.put(`/staff/disclosure/challenges/${id}`, { ...base(), result: 'corrected', decidedDate: '2026-12-09', note: null, version: 1 });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id, result: 'corrected', resultLabel: '结果纠正', decidedDate: '2026-12-09', note: null, version: 2 });
    const stale = await handler.put(`/staff/disclosure/challenges/${id}`, { ...base(), version: 1 });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });

    // A lawsuit about the published notice, and one filed the year before.
    const suit = await handler.post('/staff/disclosure/challenges', { kind: 'lawsuit_direct', noticeId, caseNo: '（2026）鲁0725行初12号', body: '昌乐县人民法院', filedDate: '2026-03-15', decidedDate: '2026-06-30', result: 'upheld' });
    expect(suit.status).toBe(201);
    expect(suit.body).toMatchObject({ kind: 'lawsuit_direct', kindLabel: '行政诉讼（未经复议直接起诉）', requestId: null, requestTrackingNo: null, noticeId, resultLabel: '结果维持' });
    expect(suit.body.noticeIndexNo).toBe('UNIT000000000001/ZSKS-2026-00001');
    const old = await handler.post('/staff/disclosure/challenges', { kind: 'lawsuit_after_reconsideration', requestId, caseNo: '（2025）鲁07行终5号', body: '潍坊市中级人民法院', filedDate: '2025-12-20', result: 'pending' });
    expect(old.status).toBe(201);
    expect(old.body.kindLabel).toBe('行政诉讼（复议后起诉）');

    const y2026 = await handler.get('/staff/disclosure/challenges?year=2026');
    expect(y2026.body.items.map((c: { caseNo: string }) => c.caseNo)).toEqual(['（2026）鲁0725行初12号', '昌政复决字〔2026〕3号']);
    expect((await handler.get('/staff/disclosure/challenges?year=2025')).body.items.map((c: { caseNo: string }) => c.caseNo)).toEqual(['（2025）鲁07行终5号']);
    // All years, newest first, one per page.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await handler.get(`/staff/disclosure/challenges?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { caseNo: string }) => c.caseNo));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['（2025）鲁07行终5号', '（2026）鲁0725行初12号', '昌政复决字〔2026〕3号']);

    const audit = await server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'disclosure_challenge', entityId: String(id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.actorUsername])).toEqual([
      ['disclosure.challenge_create', 'handler'],
      ['disclosure.challenge_update', 'handler'],
    ]);
    expect(audit[1]!.before).toMatchObject({ result: 'pending', decidedDate: null });
    expect(audit[1]!.after).toMatchObject({ result: 'corrected', decidedDate: '2026-12-09' });
  });

  it('refuses what table 四 cannot count, with a code and a Chinese message', async () => {
    const cases: [string, Record<string, unknown> | null, number, string, string?][] = [
      ['both a request and a notice', { ...base(), noticeId }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['neither', { ...base(), requestId: null }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['a request that does not exist', { ...base(), requestId: 99999999 }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['a notice that does not exist', { ...base(), requestId: undefined, noticeId: 99999999 }, 400, 'VALIDATION_FAILED', 'noticeId'],
      ['a notice never published', { ...base(), requestId: undefined, noticeId: draftNoticeId }, 400, 'VALIDATION_FAILED', 'noticeId'],
      ['a request id as text', { ...base(), requestId: '1' }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['a fractional request id', { ...base(), requestId: 1.5 }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['a huge request id', { ...base(), requestId: 1e20 }, 400, 'VALIDATION_FAILED', 'requestId'],
      ['an unknown kind', { ...base(), kind: 'appeal' }, 400, 'VALIDATION_FAILED', 'kind'],
      ['an unknown result', { ...base(), result: 'won' }, 400, 'VALIDATION_FAILED', 'result'],
      ['no case number', { ...base(), caseNo: '  ' }, 400, 'VALIDATION_FAILED', 'caseNo'],
      ['a case number too long', { ...base(), caseNo: '号'.repeat(101) }, 400, 'VALIDATION_FAILED', 'caseNo'],
      ['a body too long', { ...base(), body: '院'.repeat(101) }, 400, 'VALIDATION_FAILED', 'body'],
      ['a note too long', { ...base(), note: '字'.repeat(2001) }, 400, 'VALIDATION_FAILED', 'note'],
      ['a filed date in another format', { ...base(), filedDate: '2026/11/02' }, 400, 'VALIDATION_FAILED', 'filedDate'],
      ['a filed date that is no day', { ...base(), filedDate: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'filedDate'],
      ['a filed date in the future', { ...base(), filedDate: '2026-12-11' }, 400, 'VALIDATION_FAILED', 'filedDate'],
      ['a decided case without its date', { ...base(), result: 'upheld' }, 400, 'VALIDATION_FAILED', 'decidedDate'],
      ['decided before it was filed', { ...base(), result: 'upheld', decidedDate: '2026-11-01' }, 400, 'VALIDATION_FAILED', 'decidedDate'],
      ['decided in the future', { ...base(), result: 'upheld', decidedDate: '2026-12-31' }, 400, 'VALIDATION_FAILED', 'decidedDate'],
      ['a pending case with a decision date', { ...base(), decidedDate: '2026-12-01' }, 400, 'VALIDATION_FAILED', 'decidedDate'],
      ['a decision date as a number', { ...base(), result: 'upheld', decidedDate: 20261201 }, 400, 'VALIDATION_FAILED', 'decidedDate'],
      ['no filed date', { ...base(), filedDate: undefined }, 400, 'VALIDATION_FAILED', 'filedDate'],
      ['deep nesting', { ...base(), note: { a: { b: [[{ c: 1 }]] } } }, 400, 'VALIDATION_FAILED', 'note'],
      ['an unknown field', { ...base(), extra: true }, 400, 'VALIDATION_FAILED'],
      ['null', null, 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, body, status, code, field] of cases) {
      const res = await handler.request<any>('POST', '/staff/disclosure/challenges', body === null ? 'null' : body);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect({ name, fields: res.body.details?.map((d: { field: string }) => d.field) }).toEqual({ name, fields: expect.arrayContaining([field]) });
    }
    // The same rules on a change, and the version is required.
    const created = await handler.post('/staff/disclosure/challenges', base());
    expect(created.status).toBe(201);
    const noVersion = await handler.put(`/staff/disclosure/challenges/${created.body.id}`, base());
    expect({ status: noVersion.status, field: noVersion.body.details?.[0]?.field }).toEqual({ status: 400, field: 'version' });
    const badChange = await handler.put(`/staff/disclosure/challenges/${created.body.id}`, { ...base(), result: 'other', version: 1 });
    expect({ status: badChange.status, field: badChange.body.details?.[0]?.field }).toEqual({ status: 400, field: 'decidedDate' });
    for (const id of ['abc', '99999999', '1.5']) {
      const res = await handler.put(`/staff/disclosure/challenges/${id}`, { ...base(), version: 1 });
      expect({ id, status: res.status, code: res.body.code }).toEqual({ id, status: 404, code: 'NOT_FOUND' });
    }
    // The list's query.
    for (const query of ['year=abc', 'year=1999', 'year=2101', 'limit=0', 'limit=51', 'cursor=not-a-cursor']) {
      const res = await handler.get(`/staff/disclosure/challenges?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(['VALIDATION_FAILED', 'INVALID_CURSOR']).toContain(res.body.code);
    }
    // Who may record them.
    expect((await editor.get('/staff/disclosure/challenges')).status).toBe(403);
    expect((await editor.post('/staff/disclosure/challenges', base())).status).toBe(403);
    expect((await anon.get('/staff/disclosure/challenges')).status).toBe(401);
  });
});
