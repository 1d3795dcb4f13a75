import type { CreateDisclosureRequest, DisclosureCreated, DisclosureLetterView, StaffDisclosureView } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { StoredFile } from '../../../server/src/storage/entities/stored-file.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Reply letters walked through the real flow: a parent asks online, the handler confirms receipt
 * and drafts the letter, the office head (never its author) approves it, which numbers it
 * (昌教依复〔2026〕N号), stores its HTML and PDF and answers the request; the applicant (signed in,
 * or with the public lookup's token) downloads it. The file starts on Thursday 10 December 2026.
 */
const START = new Date('2026-12-10T10:00:00+08:00');
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 居民身份证号码 (GB 11643 check character) for person `n`. */
function residentId(n: number): string {
  const body = `37072519800101${String(n).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

/** A valid 统一社会信用代码 (GB 32100 check character) for the 17 characters `body`. */
function creditCode(body: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(body[i]!) * weights[i]!;
  return body + alphabet[(31 - (sum % 31)) % 31];
}

const REMEDIES = '如对本答复不服，可以自收到本答复之日起六十日内向昌乐县人民政府申请行政复议，或者自收到本答复之日起六个月内向昌乐县人民法院提起行政诉讼。';

describe('disclosure reply letters', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let handler: ApiClient;
  let head: ApiClient;
  let head2: ApiClient;
  let editor: ApiClient;
  let parents = 0;

  const newParent = () => aParent(anon, wechat, { openid: `o-letters-${++parents}` });

  /** A parent's online request, confirmed by the handler: processing, ready for a letter. */
  const processing = async (parent: ApiClient, fields: Partial<CreateDisclosureRequest> = {}): Promise<DisclosureCreated> => {
    const body: CreateDisclosureRequest = {
      applicantType: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: residentId(parents),
      phone: '13812345678',
      description: '2026年本县义务教育学校招生计划',
      provisionForm: 'electronic',
      delivery: 'online',
      ...fields,
    };
    const created = await parent.post('/disclosure/requests', body);
    expect(created.status).toBe(201);
    const confirmed = await act(handler, created.body.id, 'confirm-receipt');
    expect({ status: confirmed.status, text: confirmed.text }).toEqual({ status: 200, text: expect.any(String) });
    return created.body;
  };
  const staffView = async (client: ApiClient, id: number): Promise<StaffDisclosureView> => {
    const res = await client.get(`/staff/disclosure/requests/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const act = async (client: ApiClient, id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = await staffView(handler, id);
    return client.post(`/staff/disclosure/requests/${id}/${action}`, { version, ...body });
  };
  const PARTIAL = { outcome: 'partial', content: { body: '招生计划中的学生名单涉及个人信息。', redactions: [{ part: '学生名单', reason: '涉及个人隐私' }], provision: '材料见附件。' } };
  const ok = async (res: Promise<{ status: number; text: string; body: any }>) => {
    const r = await res;
    expect({ status: r.status, text: r.text }).toEqual({ status: 200, text: expect.any(String) });
    return r.body as DisclosureLetterView;
  };
  /** Raw bytes (the API client reads text). */
  const download = async (client: ApiClient | null, path: string) => {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, { headers: client?.token ? { authorization: `Bearer ${client.token}` } : {} });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(START));
    const boot = await bootstrapAdmin(server);
    anon = boot.anonymous;
    handler = await aStaff(boot.admin, 'handler', boot.unitCode, ['disclosure_handler']);
    head = await aStaff(boot.admin, 'head', boot.unitCode, ['disclosure_head']);
    head2 = await aStaff(boot.admin, 'head2', boot.unitCode, ['disclosure_head']);
    editor = await aStaff(boot.admin, 'editor', boot.unitCode, ['editor']);
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('drafts, approves with the year’s next number and answers the request; the applicant downloads the letter only then', async () => {
    const parent = await newParent();
    const first = await processing(parent);

    const draft = await ok(act(handler, first.id, 'letter', PARTIAL));
    expect(draft).toMatchObject({ number: null, outcome: 'partial', outcomeLabel: '部分公开', status: 'draft', approvedAt: null, draftedBy: 'handler' });
    expect(draft.htmlUrl).toBe(`/api/v1/staff/disclosure/requests/${first.id}/letter.html`);
    expect(draft.content).toEqual({ body: '招生计划中的学生名单涉及个人信息。', redactions: [{ part: '学生名单', reason: '涉及个人隐私' }], provision: '材料见附件。' });
    expect((await staffView(handler, first.id)).status).toBe('letter_pending');
    // The outcome is the letter's until approved; the applicant sees neither the draft nor its file.
    expect((await staffView(handler, first.id)).outcome).toBeNull();
    const before = await parent.get(`/parents/me/disclosure-requests/${first.id}`);
    expect(before.body).toMatchObject({ status: 'letter_pending', statusLabel: '办理中', letter: null, outcome: null });
    expect((await download(parent, `/parents/me/disclosure-requests/${first.id}/letter.pdf`)).status).toBe(404);
    expect((await parent.get(`/parents/me/disclosure-requests/${first.id}/letter.html`)).status).toBe(404);

    // Staff read the draft, marked 草稿 and not numbered.
    const draftHtml = await handler.get(`/staff/disclosure/requests/${first.id}/letter.html`);
    expect(draftHtml.status).toBe(200);
    expect(draftHtml.text).toContain('<div class="draft-mark">草稿</div>');
    expect(draftHtml.text).toContain('<div class="number">（草稿，未编号）</div>');

    server.clock.set(new Date('2026-12-11T15:00:00+08:00'));
    const approved = await ok(act(head, first.id, 'letter/approve'));
    expect(approved).toMatchObject({ number: '昌教依复〔2026〕1号', outcome: 'partial', status: 'approved', approvedAt: expect.stringMatching(/^2026-12-11T07:00:0\d\.\d{3}Z$/) });
    const answered = await staffView(handler, first.id);
    expect(answered).toMatchObject({ status: 'answered', outcome: 'partial' });

    // The applicant's view: the letter with their own links, and a timeline entry that it was sent.
    const mine = (await parent.get(`/parents/me/disclosure-requests/${first.id}`)).body;
    expect(mine.letter).toMatchObject({ number: '昌教依复〔2026〕1号', status: 'approved', htmlUrl: `/api/v1/parents/me/disclosure-requests/${first.id}/letter.html`, pdfUrl: `/api/v1/parents/me/disclosure-requests/${first.id}/letter.pdf` });
    expect(mine.letter.content).toBeUndefined();
    expect(mine.timeline.filter((e: { action: string }) => e.action === 'letter_sent')).toEqual([{ action: 'letter_sent', at: expect.stringMatching(/^2026-12-11T07:00:0\d\.\d{3}Z$/), label: '答复书已送达', text: '昌教依复〔2026〕1号' }]);
    expect(mine.timeline.map((e: { action: string }) => e.action)).not.toContain('draft_letter');

    const html = await parent.get(`/parents/me/disclosure-requests/${first.id}/letter.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('cache-control')).toBe('private, no-store');
    expect(html.text).toContain('<div class="number">昌教依复〔2026〕1号</div>');
    expect(html.text).toContain('<p class="salutation">张三：</p>');
    expect(html.text).toContain(`本机关于2026年12月10日收到您提出的政府信息公开申请（申请编号：${first.trackingNo}），申请获取“2026年本县义务教育学校招生计划”。现答复如下：`);
    expect(html.text).toContain('根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关决定部分公开');
    expect(html.text).toContain('<ul class="withheld"><li>1. 学生名单（理由：涉及个人隐私）</li></ul>');
    expect(html.text).toContain('<p>本机关以电子形式、网上获取方式向您提供上述政府信息。材料见附件。</p>');
    expect(html.text).toContain(`<p>${REMEDIES}</p>`);
    expect(html.text).toContain('<div class="sign"><p>昌乐县教育局</p><p>2026年12月11日</p></div>');
    expect(html.text).not.toContain('草稿');

    const pdf = await download(parent, `/parents/me/disclosure-requests/${first.id}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="?????2026?1????.pdf"; filename*=UTF-8''${encodeURIComponent('昌教依复〔2026〕1号答复书.pdf')}`);
    const latin = pdf.bytes.toString('latin1');
    expect(latin.startsWith('%PDF-')).toBe(true);
    expect(latin.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(latin).toContain('/FontFile2');
    expect(latin).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(pdf.bytes.length).toBeLessThan(200 * 1024);
    // Staff get the same stored file.
    expect((await download(head, `/staff/disclosure/requests/${first.id}/letter.pdf`)).bytes.equals(pdf.bytes)).toBe(true);

    // The next approval of the year takes the next number.
    const second = await processing(parent, { description: '2026年教师招聘计划' });
    await ok(act(handler, second.id, 'letter', { outcome: 'granted', content: { body: '该信息已主动公开。' } }));
    expect(await ok(act(head2, second.id, 'letter/approve'))).toMatchObject({ number: '昌教依复〔2026〕2号', outcome: 'granted' });

    // Who did what is on the audit log.
    const audit = await server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'disclosure_request', entityId: String(first.id) }, order: { id: 'ASC' } });
    expect(audit.filter((a) => a.action.startsWith('disclosure.letter_')).map((a) => [a.action, a.actorUsername])).toEqual([
      ['disclosure.letter_draft', 'handler'],
      ['disclosure.letter_approve', 'head'],
    ]);
  });

  it('never lets the drafter approve or return their own letter (four eyes); a returned letter goes back to processing and is redrafted', async () => {
    const parent = await newParent();
    const request = await processing(parent);
    // The office head may draft too; then another head approves.
    const draft = await ok(act(head, request.id, 'letter', { outcome: 'refused_state_secret', content: { body: '该信息已依法定密。' } }));
    const own = await act(head, request.id, 'letter/approve');
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES', message: '答复书须由拟写人以外的负责人审批' });
    expect((await act(head, request.id, 'letter/return', { reason: '再斟酌' })).body.code).toBe('FOUR_EYES');
    // A handler may not approve at all.
    expect((await act(handler, request.id, 'letter/approve')).status).toBe(403);

    const returned = await ok(act(head2, request.id, 'letter/return', { reason: '请补充定密依据' }));
    expect(returned).toMatchObject({ id: draft.id, status: 'returned', number: null });
    const back = await staffView(handler, request.id);
    expect(back.status).toBe('processing');
    expect(back.timeline.filter((e) => e.action === 'return_letter').map((e) => e.text)).toEqual(['请补充定密依据']);
    expect((await act(head2, request.id, 'letter/approve')).status).toBe(409);

    const redraft = await ok(act(handler, request.id, 'letter', { outcome: 'refused_state_secret', content: { body: '该信息已依法定密，定密依据为……' } }));
    expect(redraft.id).not.toBe(draft.id);
    expect(redraft.status).toBe('draft');
    // The returned draft's author (head) may now approve the handler's new one.
    expect(await ok(act(head, request.id, 'letter/approve'))).toMatchObject({ number: '昌教依复〔2026〕3号', status: 'approved' });
  });

  it('opens the letter to the applicant only: another parent, no token, a forged or an expired lookup token get nothing', async () => {
    const parent = await newParent();
    const other = await newParent();
    const request = await processing(parent);
    // No letter yet: the lookup's token opens nothing.
    const early = await anon.post('/disclosure/lookup', { trackingNo: request.trackingNo, verificationCode: request.verificationCode });
    expect(early.status).toBe(200);
    expect((await download(null, `/disclosure/lookup/${early.body.lookupToken}/letter.pdf`)).status).toBe(404);

    await ok(act(handler, request.id, 'letter', { outcome: 'unavailable_not_held', content: { body: '经检索，本机关未制作该信息。', otherAgency: '昌乐县人力资源和社会保障局' } }));
    await ok(act(head, request.id, 'letter/approve'));

    expect((await download(other, `/parents/me/disclosure-requests/${request.id}/letter.pdf`)).status).toBe(404);
    expect((await other.get(`/parents/me/disclosure-requests/${request.id}/letter.html`)).status).toBe(404);
    expect((await download(null, `/parents/me/disclosure-requests/${request.id}/letter.pdf`)).status).toBe(401);
    // Staff without a disclosure role.
    expect((await editor.get(`/staff/disclosure/requests/${request.id}/letter.html`)).status).toBe(403);

    const lookup = await anon.post('/disclosure/lookup', { trackingNo: request.trackingNo, verificationCode: request.verificationCode });
    const token: string = lookup.body.lookupToken;
    expect(lookup.body.letter).toMatchObject({ status: 'approved', pdfUrl: `/api/v1/disclosure/lookup/${encodeURIComponent(token)}/letter.pdf` });
    const viaToken = await download(null, `/disclosure/lookup/${token}/letter.pdf`);
    expect(viaToken.status).toBe(200);
    expect(viaToken.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const htmlViaToken = await anon.get(`/disclosure/lookup/${token}/letter.html`);
    expect(htmlViaToken.status).toBe(200);
    expect(htmlViaToken.text).toContain('经确定，负责公开该政府信息的行政机关为昌乐县人力资源和社会保障局，您可以向其提出申请。');

    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [forged, 'x', `${request.id}.9999999999999.abc`, 'a'.repeat(200)]) {
      const res = await anon.get(`/disclosure/lookup/${encodeURIComponent(bad)}/letter.html`);
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 404, code: 'NOT_FOUND' });
    }
    // The token lives 30 minutes.
    server.clock.advance(31 * 60 * 1000);
    expect((await download(null, `/disclosure/lookup/${token}/letter.pdf`)).status).toBe(404);
  });

  it('refuses bad drafts and steps with a code and a Chinese message', async () => {
    const parent = await newParent();
    const request = await processing(parent);
    const { version } = await staffView(handler, request.id);
    const cases: [string, unknown, number, string, string?][] = [
      ['a lapse outcome (the deadline task’s)', { version, outcome: 'other_unpaid', content: { body: '说明' } }, 400, 'VALIDATION_FAILED', 'outcome'],
      ['an unknown outcome', { version, outcome: 'maybe', content: { body: '说明' } }, 400, 'VALIDATION_FAILED', 'outcome'],
      ['partial without redactions', { version, outcome: 'partial', content: { body: '说明' } }, 400, 'VALIDATION_FAILED', 'content.redactions'],
      ['partial with an empty list', { version, outcome: 'partial', content: { body: '说明', redactions: [] } }, 400, 'VALIDATION_FAILED', 'content.redactions'],
      ['a redaction without a reason', { version, outcome: 'partial', content: { body: '说明', redactions: [{ part: '名单' }] } }, 400, 'VALIDATION_FAILED'],
      ['a redaction that is text', { version, outcome: 'partial', content: { body: '说明', redactions: ['名单'] } }, 400, 'VALIDATION_FAILED'],
      ['redactions not a list', { version, outcome: 'partial', content: { body: '说明', redactions: { part: 'a', reason: 'b' } } }, 400, 'VALIDATION_FAILED'],
      ['no content', { version, outcome: 'granted' }, 400, 'VALIDATION_FAILED', 'content'],
      ['content as text', { version, outcome: 'granted', content: '说明' }, 400, 'VALIDATION_FAILED', 'content'],
      ['content null', { version, outcome: 'granted', content: null }, 400, 'VALIDATION_FAILED', 'content'],
      ['an empty body', { version, outcome: 'granted', content: { body: '   ' } }, 400, 'VALIDATION_FAILED'],
      ['a body too long', { version, outcome: 'granted', content: { body: '字'.repeat(5001) } }, 400, 'VALIDATION_FAILED'],
      ['deep nesting', { version, outcome: 'granted', content: { body: '说明', provision: { a: { b: { c: [[[1]]] } } } } }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { version, outcome: 'granted', content: { body: '说明', extra: 1 } }, 400, 'VALIDATION_FAILED'],
      ['no version', { outcome: 'granted', content: { body: '说明' } }, 400, 'VALIDATION_FAILED', 'version'],
      ['a stale version', { version: version + 5, outcome: 'granted', content: { body: '说明' } }, 409, 'CONFLICT'],
      ['null', null, 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, body, status, code, field] of cases) {
      const res = await handler.request<any>('POST', `/staff/disclosure/requests/${request.id}/letter`, body === null ? 'null' : body);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect({ name, fields: res.body.details?.map((d: { field: string }) => d.field) }).toEqual({ name, fields: expect.arrayContaining([field]) });
    }
    // Nothing was drafted by any of them.
    expect((await staffView(handler, request.id)).status).toBe('processing');

    expect((await handler.post('/staff/disclosure/requests/abc/letter', { version, outcome: 'granted', content: { body: '说明' } })).status).toBe(404);
    expect((await handler.post('/staff/disclosure/requests/99999999/letter', { version, outcome: 'granted', content: { body: '说明' } })).status).toBe(404);
    expect((await editor.post(`/staff/disclosure/requests/${request.id}/letter`, { version, outcome: 'granted', content: { body: '说明' } })).status).toBe(403);
    // Nothing to approve or return yet; a return needs a reason.
    const approveNothing = await act(head, request.id, 'letter/approve');
    expect({ status: approveNothing.status, code: approveNothing.body.code }).toEqual({ status: 409, code: 'DISCLOSURE_NOT_ALLOWED' });
    await ok(act(handler, request.id, 'letter', { outcome: 'granted', content: { body: '说明' } }));
    const noReason = await act(head, request.id, 'letter/return', { reason: ' ' });
    expect({ status: noReason.status, code: noReason.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    // A second draft while one waits for the head.
    const again = await act(handler, request.id, 'letter', { outcome: 'granted', content: { body: '说明' } });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'DISCLOSURE_NOT_ALLOWED' });
    // A request not yet confirmed cannot be answered.
    const fresh = await parent.post('/disclosure/requests', {
      applicantType: 'natural_person', name: '李四', idType: 'resident_id', idNumber: residentId(900), phone: '13812345678', description: '某信息', provisionForm: 'paper', delivery: 'post', address: '昌乐县某路 1 号',
    });
    expect(fresh.status).toBe(201);
    const tooEarly = await act(handler, fresh.body.id, 'letter', { outcome: 'granted', content: { body: '说明' } });
    expect({ status: tooEarly.status, code: tooEarly.body.code }).toEqual({ status: 409, code: 'DISCLOSURE_NOT_ALLOWED' });
  });

  it('gives letters approved at the same moment consecutive numbers, and keeps no file of a lost race', async () => {
    const parent = await newParent();
    const a = await processing(parent, { description: '信息甲' });
    const b = await processing(parent, { description: '信息乙' });
    await ok(act(handler, a.id, 'letter', { outcome: 'granted', content: { body: '说明甲' } }));
    await ok(act(handler, b.id, 'letter', { outcome: 'granted', content: { body: '说明乙' } }));
    const [va, vb] = await Promise.all([staffView(handler, a.id), staffView(handler, b.id)]);
    const results = await Promise.all([
      head.post(`/staff/disclosure/requests/${a.id}/letter/approve`, { version: va.version }),
      head2.post(`/staff/disclosure/requests/${b.id}/letter/approve`, { version: vb.version }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.number).sort()).toEqual(['昌教依复〔2026〕5号', '昌教依复〔2026〕6号']);
    // Every approved letter holds its two files; a render for a number taken meanwhile left nothing behind.
    const files = await server.dataSource.getRepository(StoredFile).find({ where: { purpose: 'generated' } });
    expect(files.filter((f) => f.state !== 'in_use')).toEqual([]);
    expect(files).toHaveLength(2 * 6);
  });

  it('renders staff copies of a draft as PDF too, and starts the numbers again in a new year', async () => {
    const parent = await newParent();
    const request = await processing(parent, { applicantType: 'organization', organizationKind: 'research', name: '某某研究院', idType: undefined, idNumber: undefined, creditCode: creditCode('91370725MA3C4XY01') });
    await ok(act(handler, request.id, 'letter', { outcome: 'not_processed_publication', content: { body: '该信息已由出版社公开出版。' } }));
    const pdf = await download(handler, `/staff/disclosure/requests/${request.id}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = await head.get(`/staff/disclosure/requests/${request.id}/letter.html`);
    expect(html.text).toContain('收到贵单位提出的政府信息公开申请');
    expect(html.text).toContain('根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，本机关不作为政府信息公开申请处理。');

    server.clock.set(new Date('2027-01-04T09:00:00+08:00'));
    expect(await ok(act(head2, request.id, 'letter/approve'))).toMatchObject({ number: '昌教依复〔2027〕1号' });
  });
});
