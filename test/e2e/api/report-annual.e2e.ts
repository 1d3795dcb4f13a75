import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { entered } from '../../support/disclosure-staff-builders';
import { aChain, ok, PROACTIVE, type Chain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The yearly report as staff see it (issue 17): the narrative saved per year with the previous
 * year's text offered as a start, the report written into a notice with its PDF, that notice's
 * review chain freezing the report, and a year whose carry-over no longer matches last year's
 * published report refusing to publish, naming the cell.
 */

const NARRATIVE_2024 = {
  preface: '本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2024年1月1日至12月31日。',
  overview: '2024年，本局认真落实政府信息公开工作要求。',
  problems: '公开内容的解读还不够深入。',
  other: '本年度未收取信息处理费。',
};
const NARRATIVE_2025 = {
  preface: '本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2025年1月1日至12月31日。<b>不是标签</b>',
  overview: '2025年，本局进一步做好政府信息公开工作。',
  problems: '个别栏目更新不够及时，2026年将建立定期检查机制。',
  other: '本年度未收取信息处理费。',
};
const FIGURES = { licensing: '12', penalty: '3', enforcement: '0', charges: '1.5' };
const TITLE_2025 = '测试县教育局2025年政府信息公开工作年度报告';

async function download(client: ApiClient, path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${client.baseUrl}${path.startsWith('/api') ? path : `/api/v1${path}`}`, { headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Enters `year`'s figures of other systems (records' route), at the version it reads. */
async function enterFigures(staff: ApiClient, year: number): Promise<void> {
  const current = await ok(staff.get(`/staff/reports/figures?year=${year}`));
  await ok(staff.put(`/staff/reports/figures/${year}`, { values: FIGURES, version: current.version }));
}

describe('the annual report: narrative, notice, publication', () => {
  // 2026-02-10 10:00 in Shanghai: the 2025 report is due; 2026 has begun.
  const clock = new SettableClock(new Date('2026-02-10T02:00:00Z'));
  let server: TestServer;
  let admin: ApiClient;
  let chain: Chain;
  /** Writes the report and its notice: report_editor and editor in the chain's unit. */
  let reporter: ApiClient;
  /** report_editor only: may edit the report, not write notices. */
  let recordsOnly: ApiClient;
  /** editor only: no report.edit. */
  let editorOnly: ApiClient;
  let handler: ApiClient;
  let noticeId: number;

  beforeAll(async () => {
    server = await startTestServer({ DISCLOSURE_AGENCY: '测试县教育局' }, clock);
    ({ admin } = await bootstrapAdmin(server));
    chain = await aChain(admin, 'JCK', 'FBZX');
    reporter = await aStaff(admin, 'reporter', 'JCK', ['editor', 'report_editor']);
    recordsOnly = await aStaff(admin, 'records', 'JCK', ['report_editor']);
    editorOnly = chain.editor;
    handler = await aStaff(admin, 'handler', 'JCK', ['disclosure_handler']);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('answers 400 REPORT_YEAR_INVALID for a year before 2008, after this year, or none', async () => {
    for (const query of ['?year=2007', '?year=2027', '', '?year=abc', '?year=2025.5', '?year=02025']) {
      const res = await reporter.get(`/staff/reports/annual${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'REPORT_YEAR_INVALID', message: '请指定 2008 年至 2026 年之间的年份' });
    }
    expect((await reporter.put('/staff/reports/annual/2030/narrative', { parts: NARRATIVE_2024, version: 0 })).body).toMatchObject({ code: 'REPORT_YEAR_INVALID' });
  });

  it('refuses staff without report.edit', async () => {
    expect((await editorOnly.get('/staff/reports/annual?year=2025')).status).toBe(403);
    expect((await editorOnly.put('/staff/reports/annual/2025/narrative', { parts: NARRATIVE_2025, version: 0 })).status).toBe(403);
    expect((await editorOnly.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' })).status).toBe(403);
    expect((await editorOnly.get('/staff/reports/years')).status).toBe(403);
  });

  it('saves the narrative under its version and offers it as the next year’s start', async () => {
    const empty = await ok(reporter.get('/staff/reports/annual?year=2024'));
    expect(empty.narrative).toEqual({ saved: false, startedFrom: null, savedBy: null, savedAt: null, version: 0 });
    expect(empty.data.narrative).toEqual({ preface: '', overview: '', problems: '', other: '' });
    expect(empty.state).toBe('draft');

    const saved = await ok(reporter.put('/staff/reports/annual/2024/narrative', { parts: NARRATIVE_2024, version: 0 }));
    expect(saved.narrative).toEqual({ saved: true, startedFrom: null, savedBy: 'reporter', savedAt: expect.stringMatching(/^2026-02-10T02:/), version: 1 });
    expect(saved.data.narrative).toEqual(NARRATIVE_2024);

    // Someone else saved in between: the version read is stale.
    const stale = await reporter.put('/staff/reports/annual/2024/narrative', { parts: { ...NARRATIVE_2024, other: '改' }, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONFLICT', message: '年度报告的文字部分已被他人修改，请刷新后再保存' });

    // The audit log says who saved which version, with each part's length but not the text.
    const audit = await ok(admin.get('/staff/audit?entityType=annual_report&entityId=2024'));
    expect(audit.items.map((e: any) => [e.action, e.actorUsername, e.before, e.after])).toEqual([
      ['report.narrative_save', 'reporter', { version: 0 }, { version: 1, lengths: { preface: 47, overview: 23, problems: 13, other: 12 } }],
    ]);
    expect(JSON.stringify(audit.items)).not.toContain('认真落实');

    const next = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(next.narrative).toEqual({ saved: false, startedFrom: 2024, savedBy: null, savedAt: null, version: 0 });
    expect(next.data.narrative).toEqual(NARRATIVE_2024);
  });

  it('refuses a part over 20,000 characters, a missing part or a part that is not text', async () => {
    const long = await reporter.put('/staff/reports/annual/2025/narrative', { parts: { ...NARRATIVE_2025, overview: '字'.repeat(20_001) }, version: 0 });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'parts.overview', message: '“一、总体情况”最多 20000 个字' }] });
    const missing = await reporter.put('/staff/reports/annual/2025/narrative', { parts: { preface: '', overview: '', problems: '' }, version: 0 });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'parts.other', message: '“六、其他需要报告的事项”须为文字' }]);
    expect((await reporter.put('/staff/reports/annual/2025/narrative', { parts: { ...NARRATIVE_2025, other: 5 }, version: 0 })).status).toBe(400);
    expect((await reporter.put('/staff/reports/annual/2025/narrative', { parts: [], version: 0 })).status).toBe(400);
    // Exactly the limit passes (counted as characters, not UTF-16 units).
    const atLimit = await ok(reporter.put('/staff/reports/annual/2025/narrative', { parts: { ...NARRATIVE_2025, overview: '𠀀'.repeat(20_000) }, version: 0 }));
    expect(atLimit.narrative.version).toBe(1);
  });

  it('will not write a notice for someone who may not draft notices, or for an unbalanced year', async () => {
    const refused = await recordsOnly.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: '生成年度报告信息需要撰写信息的权限（信息撰写人员），请由具有该权限的人员操作' });
    const unsaved = await reporter.post('/staff/reports/annual/2023/notice', { categoryCode: 'ZCWJ' });
    expect(unsaved.status).toBe(409);
    expect(unsaved.body).toMatchObject({ code: 'CONFLICT', message: '请先保存本年度报告的文字部分（前言、总体情况等），再生成信息' });
    const read = await ok(reporter.get('/staff/reports/annual?year=2025'));
    await ok(reporter.put('/staff/reports/annual/2025/narrative', { parts: NARRATIVE_2025, version: read.narrative.version }));
    // Table 二's figures from other systems are not entered yet.
    const missing = await reporter.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' });
    expect(missing.status).toBe(409);
    expect(missing.body).toMatchObject({
      code: 'REPORT_UNBALANCED',
      message: '年度报告未通过核对，不能生成信息：表二尚未填报：行政许可、行政处罚、行政强制、行政事业性收费（没有的填 0）',
      details: [{ field: 'table2.licensing.value', message: '表二尚未填报：行政许可、行政处罚、行政强制、行政事业性收费（没有的填 0）' }],
    });
  });

  it('writes the balanced 2025 report into a draft notice with its PDF, and a second generation replaces the PDF', async () => {
    await enterFigures(reporter, 2025);

    const view = await ok(reporter.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' }));
    expect(view).toMatchObject({ year: 2025, state: 'in_review', frozen: false, liveDiffers: false, balanced: true, notice: { title: TITLE_2025, status: 'draft', publishedAt: null } });
    noticeId = view.notice.id;
    expect(view.data.dated).toBe('2026-02-10');

    const notice = await ok(reporter.get(`/staff/notices/${noticeId}`));
    expect(notice).toMatchObject({ title: TITLE_2025, categoryCode: 'ZCWJ', status: 'draft', disclosure: 'proactive', infoType: 'business' });
    // The narrative is text: the notice body shows the tag escaped, not as markup.
    expect(notice.bodyHtml).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
    expect(notice.attachments.map((a: any) => [a.name, a.contentType])).toEqual([[`${TITLE_2025}.pdf`, 'application/pdf']]);
    const pdf = await download(reporter, notice.attachments[0].url);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The narrative changes; generating again rewrites the same notice and replaces its PDF.
    const before = await ok(reporter.get('/staff/reports/annual?year=2025'));
    await ok(reporter.put('/staff/reports/annual/2025/narrative', { parts: { ...NARRATIVE_2025, other: '本年度未收取信息处理费，无其他需要报告的事项。' }, version: before.narrative.version }));
    const again = await ok(reporter.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' }));
    expect(again.notice.id).toBe(noticeId);
    const rewritten = await ok(reporter.get(`/staff/notices/${noticeId}`));
    expect(rewritten.attachments).toHaveLength(1);
    expect(rewritten.attachments[0].name).toBe(`${TITLE_2025}.pdf`);
    expect(rewritten.attachments[0].fileId).not.toBe(notice.attachments[0].fileId);
    expect(rewritten.bodyHtml).toContain('无其他需要报告的事项');
    expect((await download(reporter, rewritten.attachments[0].url)).bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // An ordinary edit of the notice that leaves the PDF out is refused: the PDF is generated.
    const drop = await reporter.put(`/staff/notices/${noticeId}`, { attachments: [], version: rewritten.version });
    expect(drop.status).toBe(409);
    expect(drop.body).toMatchObject({ code: 'CONFLICT', message: '该附件是由年度报告生成的 PDF，不能在此删除或替换；如需调整，请在“年度报告”中修改后重新生成' });
  });

  it('publishes through the review chain: the report is frozen, a live change shows, the narrative is locked', async () => {
    const draft = await ok(reporter.get(`/staff/notices/${noticeId}`));
    let n = await ok(reporter.post(`/staff/notices/${noticeId}/submit`, { version: draft.version }));
    const inReview = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(inReview).toMatchObject({ state: 'in_review', frozen: true, liveDiffers: false, notice: { id: noticeId, status: 'unit_review' } });
    n = await ok(chain.unitHead.post(`/staff/notices/${noticeId}/review`, { action: 'approve', version: n.version }));
    n = await ok(chain.secrecy.post(`/staff/notices/${noticeId}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(chain.leader.post(`/staff/notices/${noticeId}/review`, { action: 'approve', version: n.version }));
    await ok(chain.publisher.post(`/staff/notices/${noticeId}/registration`, { version: n.version }));

    const published = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(published).toMatchObject({ state: 'published', frozen: true, liveDiffers: false, balanced: true, notice: { id: noticeId, status: 'published', publishedAt: expect.stringMatching(/^2026-02-10T02:/) } });
    expect(published.data.figures.hotTopics.total).toBe(0);

    // A hot topic of 2025 entered after publication: the live figures differ, the frozen report stays.
    const topic = await reporter.post('/staff/reports/hot-topics', { date: '2025-11-03', subject: '秋季学期校车安全', channel: 'website' });
    expect(topic.status).toBe(201);
    const changed = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(changed).toMatchObject({ state: 'published', frozen: true, liveDiffers: true });
    expect(changed.data.figures.hotTopics.total).toBe(0);

    const locked = await reporter.put('/staff/reports/annual/2025/narrative', { parts: NARRATIVE_2025, version: changed.narrative.version });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'NOTICE_NOT_EDITABLE', message: '该年度报告的信息已发布，审核和公开的是生成时的报告，现在不能修改文字部分；如需修改，请先将该信息退回或撤回' });
    const regenerate = await reporter.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' });
    expect(regenerate.status).toBe(409);
    expect(regenerate.body).toMatchObject({ code: 'NOTICE_NOT_EDITABLE', message: '该年度报告的信息已发布，审核和公开的是生成时的报告，现在不能重新生成；如需修改，请先将该信息退回或撤回' });
  });

  it('refuses 2026 when its carry-over no longer equals the published 2025 report, naming the cell', async () => {
    await ok(reporter.put('/staff/reports/annual/2026/narrative', { parts: NARRATIVE_2025, version: 0 }));
    await enterFigures(reporter, 2026);
    expect((await ok(reporter.get('/staff/reports/annual?year=2026'))).balanced).toBe(true);

    // A paper request received on 20 December 2025 is entered late: still open, it is carried into 2026.
    await entered(handler, { receivedDate: '2025-12-20', channel: 'post' });

    const message = '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）';
    const view = await ok(reporter.get('/staff/reports/annual?year=2026'));
    expect(view.balanced).toBe(false);
    expect(view.data.table3.carriedIn.natural_person).toBe(1);
    expect(view.checks.filter((c: any) => !c.ok)).toEqual([{ code: 'table3_carry_over', ok: false, cell: { table: '三', row: 'carriedIn', column: 'natural_person' }, message }]);

    const refused = await reporter.post('/staff/reports/annual/2026/notice', { categoryCode: 'ZCWJ' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'REPORT_UNBALANCED', message: `年度报告未通过核对，不能生成信息：${message}`, details: [{ field: 'table3.carriedIn.natural_person', message }] });

    // Last year's published report stays as published (its carry-over 0), while its live data now carries 1.
    const last = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(last).toMatchObject({ state: 'published', frozen: true, liveDiffers: true, balanced: true });
    expect(last.data.table3.carriedOut.natural_person).toBe(0);
    expect(last.data.title).toBe(TITLE_2025);
  });

  it('lists the years newest first, with the published one and the default year', async () => {
    const years = await ok(reporter.get('/staff/reports/years'));
    expect(years).toEqual({
      defaultYear: 2025,
      years: [
        { year: 2026, state: 'draft', noticeId: null, publishedAt: null },
        { year: 2025, state: 'published', noticeId, publishedAt: expect.stringMatching(/^2026-02-10T02:/) },
        { year: 2024, state: 'draft', noticeId: null, publishedAt: null },
      ],
    });
  });

  it('lets nobody who wrote the narrative or entered a figure approve the report', async () => {
    // A unit head who also edits reports writes 2022's narrative and figures; the reporter generates and submits it.
    const headReporter = await aStaff(admin, 'head-reporter', 'JCK', ['unit_head', 'report_editor']);
    await ok(headReporter.put('/staff/reports/annual/2022/narrative', { parts: NARRATIVE_2025, version: 0 }));
    await enterFigures(headReporter, 2022);
    const view = await ok(reporter.post('/staff/reports/annual/2022/notice', { categoryCode: 'ZCWJ' }));
    const id = view.notice.id;
    const draft = await ok(reporter.get(`/staff/notices/${id}`));
    const submitted = await ok(reporter.post(`/staff/notices/${id}/submit`, { version: draft.version }));
    const own = await headReporter.post(`/staff/notices/${id}/review`, { action: 'approve', version: submitted.version });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' });
    // Another unit head of the unit may.
    expect((await chain.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: submitted.version })).status).toBe(200);
  });

  it('shows a withdrawn report live again, open to correction, and writes it into a new notice', async () => {
    const before = await ok(reporter.get('/staff/reports/annual?year=2025'));
    expect(before).toMatchObject({ state: 'published', frozen: true });
    const n = await ok(chain.publisher.get(`/staff/notices/${noticeId}`));
    await ok(chain.publisher.post(`/staff/notices/${noticeId}/withdraw`, { reason: '年度报告数据需要更正', version: n.version }));

    const withdrawn = await ok(reporter.get('/staff/reports/annual?year=2025'));
    // Live: the hot topic entered after publication and the late request's carry-over now show.
    expect(withdrawn).toMatchObject({ state: 'withdrawn', frozen: false, liveDiffers: false });
    expect(withdrawn.data.figures.hotTopics.total).toBe(1);
    expect(withdrawn.data.table3.carriedOut.natural_person).toBe(1);
    // 2026's carry-over is checked against 2025's data as it now reads: it balances again, and
    // may be drafted, not yet published: the year is under way.
    expect((await ok(reporter.get('/staff/reports/annual?year=2026'))).balanced).toBe(true);
    const open = await reporter.post('/staff/reports/annual/2026/notice', { categoryCode: 'ZCWJ' });
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: 'CONFLICT', message: '2026年尚未结束，年度报告须在2027年1月1日以后生成信息；现在可以编写文字、核对数据和导出草稿' });

    const saved = await ok(reporter.put('/staff/reports/annual/2025/narrative', { parts: { ...NARRATIVE_2025, other: '本报告更正了上年结转数据。' }, version: withdrawn.narrative.version }));
    expect(saved.data.narrative.other).toBe('本报告更正了上年结转数据。');
    const again = await ok(reporter.post('/staff/reports/annual/2025/notice', { categoryCode: 'ZCWJ' }));
    expect(again).toMatchObject({ state: 'in_review', notice: { status: 'draft' } });
    expect(again.notice.id).not.toBe(noticeId);
  });
});
