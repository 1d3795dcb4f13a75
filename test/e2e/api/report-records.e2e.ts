import { SettableClock } from '../../../server/src/common/clock/clock';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { ReportRecordsService } from '../../../server/src/reports/records/report-records.service';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin } from '../../support/builders';
import { PROACTIVE, aChain, ok, throughChain, version, type Chain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The records the yearly report counts and nothing else keeps (hot-topic responses, briefings,
 * NPC / CPPCC proposals, other systems' yearly figures) and the 规范性文件 register over notices.
 * The file runs on Thursday 10 December 2026, 10:00 in Shanghai.
 */
const START = new Date('2026-12-10T10:00:00+08:00');
const UNIT = 'UNIT000000000001';

/** A normative notice written in the chain's unit and, unless told otherwise, taken through the whole review chain. */
async function normativeNotice(c: Chain, title: string, issuedOn: string, documentNo: string, until: 'unit_review' | 'published' = 'published'): Promise<number> {
  const id = await aNotice().titled(title).inCategory('ZCWJ').ofType('policy').with({ normative: true, normativeIssuedOn: issuedOn, documentNo }).create(c.editor);
  let n = await ok(c.editor.post(`/staff/notices/${id}/submit`, { version: await version(c.editor, id) }));
  if (until === 'unit_review') return id;
  n = await ok(c.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
  n = await ok(c.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
  n = await ok(c.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
  await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));
  return id;
}

describe('report records', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  /** report_editor in the chain's unit; a second one to show who entered what. */
  let reporter: ApiClient;
  let reporter2: ApiClient;
  /** An editor without `report.edit`. */
  let editor: ApiClient;
  let chain: Chain;
  /** Published in the chain's unit (the reporters see it). */
  let publishedId: number;
  /** A draft in the admin's unit (the reporters do not see it). */
  let otherUnitId: number;

  const audits = (entityType: string, entityId: number | string) =>
    server.dataSource.getRepository(AuditLog).find({ where: { entityType, entityId: String(entityId) }, order: { id: 'ASC' } });
  const refusal = (res: { status: number; body: any }) => ({ status: res.status, code: res.body?.code, fields: (res.body?.details ?? []).map((d: { field: string }) => d.field), chinese: /[\u4e00-\u9fa5]/.test(res.body?.message ?? '') });

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(START));
    const boot = await bootstrapAdmin(server);
    admin = boot.admin;
    anon = boot.anonymous;
    chain = await aChain(admin, UNIT, 'CENTER0000000001');
    reporter = await aStaff(admin, 'reporter', UNIT, ['report_editor']);
    reporter2 = await aStaff(admin, 'reporter2', UNIT, ['report_editor']);
    editor = await aStaff(admin, 'editor', UNIT, ['editor']);
    publishedId = await throughChain(chain, 'published', '2026年义务教育招生入学政策解读');
    otherUnitId = await aNotice().titled('管理员单位的草稿').create(admin);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  describe('hot topics', () => {
    it('records, lists by year newest first, updates with a version, deletes; each change audited', async () => {
      const created = await reporter.post('/staff/reports/hot-topics', { date: '2026-06-12', subject: '义务教育阶段学校招生入学政策', channel: 'website', noticeId: publishedId });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        date: '2026-06-12',
        subject: '义务教育阶段学校招生入学政策',
        channel: 'website',
        link: { noticeId: publishedId, noticeTitle: '2026年义务教育招生入学政策解读', url: null },
        createdBy: 'reporter',
        updatedBy: 'reporter',
        version: 1,
      });
      const id: number = created.body.id;
      const wechat = await reporter.post('/staff/reports/hot-topics', { date: '2026-03-02', subject: '春季学期开学安排', channel: 'wechat', url: 'https://mp.weixin.qq.com/s/changle-jyj-0302' });
      expect(wechat.status).toBe(201);
      expect(wechat.body.link).toEqual({ noticeId: null, noticeTitle: null, url: 'https://mp.weixin.qq.com/s/changle-jyj-0302' });
      // Today (Shanghai) is the latest date allowed; no link at all is fine too.
      const today = await admin.post('/staff/reports/hot-topics', { date: '2026-12-10', subject: '冬季校园安全提示', channel: 'tv' });
      expect(today.status).toBe(201);
      expect(today.body).toMatchObject({ link: { noticeId: null, noticeTitle: null, url: null }, createdBy: '测试管理员' });
      const older = await reporter.post('/staff/reports/hot-topics', { date: '2025-09-01', subject: '秋季学期学生资助政策', channel: 'newspaper' });
      expect(older.status).toBe(201);

      const y2026 = await reporter.get('/staff/reports/hot-topics?year=2026');
      expect(y2026.status).toBe(200);
      expect(y2026.body.year).toBe(2026);
      expect(y2026.body.items.map((t: { date: string; subject: string }) => [t.date, t.subject])).toEqual([
        ['2026-12-10', '冬季校园安全提示'],
        ['2026-06-12', '义务教育阶段学校招生入学政策'],
        ['2026-03-02', '春季学期开学安排'],
      ]);
      expect((await reporter.get('/staff/reports/hot-topics?year=2025')).body.items.map((t: { subject: string }) => t.subject)).toEqual(['秋季学期学生资助政策']);

      // Another editor corrects it: the creator stays, the updater changes.
      const updated = await reporter2.put(`/staff/reports/hot-topics/${id}`, { date: '2026-06-15', subject: '义务教育招生入学政策解读', channel: 'press_conference', noticeId: publishedId, version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, date: '2026-06-15', channel: 'press_conference', createdBy: 'reporter', updatedBy: 'reporter2', version: 2 });
      const stale = await reporter.put(`/staff/reports/hot-topics/${id}`, { date: '2026-06-12', subject: '旧的修改', channel: 'website', version: 1 });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
      // Moving its date moves it to that year.
      const moved = await reporter.put(`/staff/reports/hot-topics/${id}`, { date: '2025-12-31', subject: '义务教育招生入学政策解读', channel: 'press_conference', url: 'https://www.changle.gov.cn/jyj/2025/1231.html', version: 2 });
      expect(moved.body).toMatchObject({ date: '2025-12-31', link: { noticeId: null, noticeTitle: null, url: 'https://www.changle.gov.cn/jyj/2025/1231.html' }, version: 3 });
      expect((await reporter.get('/staff/reports/hot-topics?year=2025')).body.items.map((t: { date: string }) => t.date)).toEqual(['2025-12-31', '2025-09-01']);

      expect((await reporter.delete(`/staff/reports/hot-topics/${id}`)).status).toBe(204);
      expect((await reporter.get('/staff/reports/hot-topics?year=2025')).body.items.map((t: { date: string }) => t.date)).toEqual(['2025-09-01']);
      const again = await reporter.delete(`/staff/reports/hot-topics/${id}`);
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect((await reporter.put(`/staff/reports/hot-topics/${id}`, { date: '2026-06-12', subject: '已删除', channel: 'website', version: 3 })).status).toBe(404);
      expect((await reporter.put('/staff/reports/hot-topics/abc', { date: '2026-06-12', subject: '编号有误', channel: 'website', version: 1 })).status).toBe(404);

      const audit = await audits('report_hot_topic', id);
      expect(audit.map((a) => [a.action, a.actorUsername])).toEqual([
        ['report.hot_topic_create', 'reporter'],
        ['report.hot_topic_update', 'reporter2'],
        ['report.hot_topic_update', 'reporter'],
        ['report.hot_topic_delete', 'reporter'],
      ]);
      expect(audit[0]!.after).toEqual({ year: 2026, date: '2026-06-12', subject: '义务教育阶段学校招生入学政策', channel: 'website', noticeId: publishedId, url: null });
      expect(audit[1]!.before).toMatchObject({ date: '2026-06-12', channel: 'website' });
      expect(audit[1]!.after).toMatchObject({ date: '2026-06-15', channel: 'press_conference' });
      expect(audit[3]!.before).toMatchObject({ year: 2025, date: '2025-12-31' });
    });

    it('shows a linked notice title only to those who may see the notice', async () => {
      const res = await admin.post('/staff/reports/hot-topics', { date: '2024-05-06', subject: '管理员关联的信息', channel: 'website', noticeId: otherUnitId });
      expect(res.status).toBe(201);
      expect(res.body.link).toEqual({ noticeId: otherUnitId, noticeTitle: '管理员单位的草稿', url: null });
      const asReporter = await reporter.get('/staff/reports/hot-topics?year=2024');
      expect(asReporter.body.items.map((t: { link: unknown }) => t.link)).toEqual([{ noticeId: otherUnitId, noticeTitle: null, url: null }]);
      expect((await reporter.delete(`/staff/reports/hot-topics/${res.body.id}`)).status).toBe(204);
    });

    it('refuses odd shapes, future dates, both link kinds and notices one may not see, with a Chinese message', async () => {
      const base = { date: '2026-06-12', subject: '招生入学', channel: 'website' };
      const cases: [string, unknown, number, string, string[]][] = [
        ['a future date', { ...base, date: '2026-12-11' }, 400, 'VALIDATION_FAILED', ['date']],
        ['a day that does not exist', { ...base, date: '2026-02-30' }, 400, 'VALIDATION_FAILED', ['date']],
        ['a date with slashes', { ...base, date: '2026/06/12' }, 400, 'VALIDATION_FAILED', ['date']],
        ['a date as a number', { ...base, date: 20260612 }, 400, 'VALIDATION_FAILED', ['date']],
        ['a date before any report', { ...base, date: '2007-12-31' }, 400, 'REPORT_YEAR_INVALID', ['date']],
        ['both a notice and a url', { ...base, noticeId: publishedId, url: 'https://www.changle.gov.cn/jyj/a.html' }, 400, 'VALIDATION_FAILED', ['url']],
        ["another unit's draft", { ...base, noticeId: otherUnitId }, 400, 'VALIDATION_FAILED', ['noticeId']],
        ['a notice that does not exist', { ...base, noticeId: 999999 }, 400, 'VALIDATION_FAILED', ['noticeId']],
        ['a notice id as text', { ...base, noticeId: '1' }, 400, 'VALIDATION_FAILED', ['noticeId']],
        ['a script url', { ...base, url: 'javascript:alert(1)' }, 400, 'VALIDATION_FAILED', ['url']],
        ['an unknown channel', { ...base, channel: 'radio' }, 400, 'VALIDATION_FAILED', ['channel']],
        ['an empty subject', { ...base, subject: '   ' }, 400, 'VALIDATION_FAILED', ['subject']],
        ['a subject of 201 characters', { ...base, subject: '热'.repeat(201) }, 400, 'VALIDATION_FAILED', ['subject']],
        ['a nested subject', { ...base, subject: { zh: '招生' } }, 400, 'VALIDATION_FAILED', ['subject']],
        ['null fields', { date: null, subject: null, channel: null }, 400, 'VALIDATION_FAILED', ['date', 'subject', 'channel']],
        ['an unknown field', { ...base, year: 2026 }, 400, 'VALIDATION_FAILED', ['year']],
        ['an array', [base], 400, 'VALIDATION_FAILED', []],
      ];
      for (const [label, body, status, code, fields] of cases) {
        const res = await reporter.post('/staff/reports/hot-topics', body);
        expect({ label, ...refusal(res) }).toEqual({ label, status, code, fields, chinese: true });
      }
      // A subject of exactly 200 characters, astral ones counted as one each, is taken.
      const longest = await reporter.post('/staff/reports/hot-topics', { ...base, date: '2023-01-05', subject: '𠀀'.repeat(200) });
      expect(longest.status).toBe(201);
      expect((await reporter.delete(`/staff/reports/hot-topics/${longest.body.id}`)).status).toBe(204);
    });

    it('asks for a year from 2008 to this year', async () => {
      for (const query of ['', '?year=2007', '?year=2027', '?year=abc', '?year=2026.5', '?year=+2026', '?year=2026&year=2025']) {
        const res = await reporter.get(`/staff/reports/hot-topics${query}`);
        expect({ query, ...refusal(res) }).toEqual({ query, status: 400, code: 'REPORT_YEAR_INVALID', fields: ['year'], chinese: true });
      }
      // Any other parameter is refused as unknown.
      expect(refusal(await reporter.get('/staff/reports/hot-topics?year[a]=2026'))).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['year[a]'], chinese: true });
      const first = await reporter.get('/staff/reports/hot-topics?year=2008');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ year: 2008, items: [] });
    });
  });

  describe('briefings', () => {
    it('records press conferences and policy briefings, updates, deletes; the audit keeps no speakers', async () => {
      const created = await reporter.post('/staff/reports/briefings', {
        date: '2026-08-20',
        kind: 'press_conference',
        subject: '2026年秋季学期义务教育招生入学政策解读',
        speakers: '县教育局局长 张某',
        noticeId: publishedId,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        date: '2026-08-20',
        kind: 'press_conference',
        subject: '2026年秋季学期义务教育招生入学政策解读',
        speakers: '县教育局局长 张某',
        link: { noticeId: publishedId, noticeTitle: '2026年义务教育招生入学政策解读', url: null },
        createdBy: 'reporter',
        version: 1,
      });
      const id: number = created.body.id;
      const policy = await reporter.post('/staff/reports/briefings', { date: '2026-03-18', kind: 'policy_briefing', subject: '课后服务实施办法吹风会', speakers: '基础教育科科长 李某' });
      expect(policy.status).toBe(201);
      expect((await reporter.get('/staff/reports/briefings?year=2026')).body.items.map((b: { kind: string; date: string }) => [b.kind, b.date])).toEqual([
        ['press_conference', '2026-08-20'],
        ['policy_briefing', '2026-03-18'],
      ]);

      const updated = await reporter2.put(`/staff/reports/briefings/${id}`, { date: '2026-08-21', kind: 'press_conference', subject: '秋季学期招生入学政策解读', speakers: '县教育局副局长 王某', version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ date: '2026-08-21', speakers: '县教育局副局长 王某', link: { noticeId: null, noticeTitle: null, url: null }, createdBy: 'reporter', updatedBy: 'reporter2', version: 2 });
      const stale = await reporter.put(`/staff/reports/briefings/${id}`, { date: '2026-08-20', kind: 'press_conference', subject: '旧的修改', speakers: '某某', version: 1 });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect((await reporter.delete(`/staff/reports/briefings/${policy.body.id}`)).status).toBe(204);
      expect((await reporter.get('/staff/reports/briefings?year=2026')).body.items.map((b: { id: number }) => b.id)).toEqual([id]);

      const audit = await audits('report_briefing', id);
      expect(audit.map((a) => a.action)).toEqual(['report.briefing_create', 'report.briefing_update']);
      expect(audit[0]!.after).toEqual({ year: 2026, date: '2026-08-20', kind: 'press_conference', subject: '2026年秋季学期义务教育招生入学政策解读', noticeId: publishedId, url: null });
      expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toMatch(/张某|王某/);
    });

    it('refuses what a briefing cannot be', async () => {
      const base = { date: '2026-08-20', kind: 'press_conference', subject: '招生政策', speakers: '局长 张某' };
      const cases: [string, unknown, string, string[]][] = [
        ['an unknown kind', { ...base, kind: 'webinar' }, 'VALIDATION_FAILED', ['kind']],
        ['no speakers', { ...base, speakers: '' }, 'VALIDATION_FAILED', ['speakers']],
        ['speakers of 201 characters', { ...base, speakers: '人'.repeat(201) }, 'VALIDATION_FAILED', ['speakers']],
        ['a future date', { ...base, date: '2027-01-01' }, 'VALIDATION_FAILED', ['date']],
        ['both link kinds', { ...base, noticeId: publishedId, url: 'https://example.gov.cn/a' }, 'VALIDATION_FAILED', ['url']],
        ['a bad notice id', { ...base, noticeId: 0 }, 'VALIDATION_FAILED', ['noticeId']],
      ];
      for (const [label, body, code, fields] of cases) {
        const res = await reporter.post('/staff/reports/briefings', body);
        expect({ label, ...refusal(res) }).toEqual({ label, status: 400, code, fields, chinese: true });
      }
      const noVersion = await reporter.put('/staff/reports/briefings/1', base);
      expect(refusal(noVersion)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['version'], chinese: true });
    });
  });

  describe('proposals', () => {
    const npc45 = { year: 2026, kind: 'npc', number: '第45号', title: '关于加强农村学校寄宿条件建设的建议', role: 'lead', partners: '县财政局、县住建局', replyDate: '2026-06-28', satisfaction: 'satisfied' };

    it('records, refuses a second (year, kind, number), updates with a version, deletes', async () => {
      const created = await reporter.post('/staff/reports/proposals', npc45);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...npc45, createdBy: 'reporter', updatedBy: 'reporter', version: 1 });
      const id: number = created.body.id;

      const duplicate = await reporter2.post('/staff/reports/proposals', { ...npc45, title: '同号的另一件', role: 'co' });
      expect(refusal(duplicate)).toEqual({ status: 409, code: 'PROPOSAL_DUPLICATE', fields: ['number'], chinese: true });
      // The same number of the other kind, or of another year, is another proposal.
      const cppcc = await reporter.post('/staff/reports/proposals', { ...npc45, kind: 'cppcc', title: '关于推进学前教育普惠发展的提案', role: 'co', partners: '县发改局', replyDate: null, satisfaction: null });
      expect(cppcc.status).toBe(201);
      expect(cppcc.body).toMatchObject({ kind: 'cppcc', number: '第45号', role: 'co', replyDate: null, satisfaction: null });
      const lastYear = await reporter.post('/staff/reports/proposals', { ...npc45, year: 2025, replyDate: '2025-07-01', partners: null });
      expect(lastYear.status).toBe(201);
      expect(lastYear.body.partners).toBeNull();

      // Renumbering the CPPCC one onto an existing number is refused the same way.
      const clash = await reporter.post('/staff/reports/proposals', { ...npc45, kind: 'cppcc', number: '第12号', title: '关于校园周边环境整治的提案', replyDate: null, satisfaction: null });
      expect(clash.status).toBe(201);
      const renumbered = await reporter.put(`/staff/reports/proposals/${clash.body.id}`, { ...npc45, kind: 'cppcc', number: '第45号', title: '关于校园周边环境整治的提案', replyDate: null, satisfaction: null, version: 1 });
      expect(refusal(renumbered)).toEqual({ status: 409, code: 'PROPOSAL_DUPLICATE', fields: ['number'], chinese: true });

      // The reply comes, then the member's verdict.
      const replied = await reporter2.put(`/staff/reports/proposals/${cppcc.body.id}`, { ...npc45, kind: 'cppcc', title: '关于推进学前教育普惠发展的提案', role: 'co', partners: '县发改局', replyDate: '2026-07-10', satisfaction: 'basically_satisfied', version: 1 });
      expect(replied.status).toBe(200);
      expect(replied.body).toMatchObject({ replyDate: '2026-07-10', satisfaction: 'basically_satisfied', createdBy: 'reporter', updatedBy: 'reporter2', version: 2 });
      const stale = await reporter.put(`/staff/reports/proposals/${cppcc.body.id}`, { ...npc45, kind: 'cppcc', version: 1 });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });

      expect((await reporter.get('/staff/reports/proposals?year=2026')).body.items.map((p: { kind: string; number: string }) => `${p.kind} ${p.number}`)).toEqual(['cppcc 第12号', 'cppcc 第45号', 'npc 第45号']);
      expect((await reporter.delete(`/staff/reports/proposals/${clash.body.id}`)).status).toBe(204);
      expect((await reporter.get('/staff/reports/proposals?year=2026')).body.items.map((p: { id: number }) => p.id)).toEqual([cppcc.body.id, id]);
      expect((await reporter.get('/staff/reports/proposals?year=2025')).body.items.map((p: { number: string; replyDate: string }) => [p.number, p.replyDate])).toEqual([['第45号', '2025-07-01']]);

      const audit = await audits('report_proposal', cppcc.body.id);
      expect(audit.map((a) => [a.action, a.actorUsername])).toEqual([
        ['report.proposal_create', 'reporter'],
        ['report.proposal_update', 'reporter2'],
      ]);
      expect(audit[1]!.before).toMatchObject({ replyDate: null, satisfaction: null });
      expect(audit[1]!.after).toMatchObject({ replyDate: '2026-07-10', satisfaction: 'basically_satisfied' });
    });

    it('takes a verdict only with a reply, a reply date in its year and not in the future', async () => {
      const base = { ...npc45, number: '第99号' };
      const cases: [string, unknown, number, string, string[]][] = [
        ['a verdict without a reply', { ...base, replyDate: null }, 400, 'VALIDATION_FAILED', ['satisfaction']],
        ['a reply tomorrow', { ...base, replyDate: '2026-12-11' }, 400, 'VALIDATION_FAILED', ['replyDate']],
        ['a reply before its year', { ...base, replyDate: '2025-12-30' }, 400, 'VALIDATION_FAILED', ['replyDate']],
        ['a reply on 31 February', { ...base, replyDate: '2026-02-31' }, 400, 'VALIDATION_FAILED', ['replyDate']],
        ['an unknown verdict', { ...base, satisfaction: 'happy' }, 400, 'VALIDATION_FAILED', ['satisfaction']],
        ['an unknown role', { ...base, role: 'host' }, 400, 'VALIDATION_FAILED', ['role']],
        ['an unknown kind', { ...base, kind: 'party' }, 400, 'VALIDATION_FAILED', ['kind']],
        ['no number', { ...base, number: '' }, 400, 'VALIDATION_FAILED', ['number']],
        ['a number of 41 characters', { ...base, number: '号'.repeat(41) }, 400, 'VALIDATION_FAILED', ['number']],
        ['a year as text', { ...base, year: '2026' }, 400, 'VALIDATION_FAILED', ['year']],
        ['next year', { ...base, year: 2027, replyDate: null, satisfaction: null }, 400, 'REPORT_YEAR_INVALID', ['year']],
        ['2007', { ...base, year: 2007, replyDate: null, satisfaction: null }, 400, 'REPORT_YEAR_INVALID', ['year']],
        ['a huge year', { ...base, year: 2 ** 31, replyDate: null, satisfaction: null }, 400, 'REPORT_YEAR_INVALID', ['year']],
      ];
      for (const [label, body, status, code, fields] of cases) {
        const res = await reporter.post('/staff/reports/proposals', body);
        expect({ label, ...refusal(res) }).toEqual({ label, status, code, fields, chinese: true });
      }
      expect((await reporter.get('/staff/reports/proposals?year=2026')).body.items.map((p: { number: string }) => p.number)).not.toContain('第99号');
    });
  });

  describe('yearly figures', () => {
    it('keeps who entered each figure, and one version for the set', async () => {
      const empty = await reporter.get('/staff/reports/figures?year=2026');
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({
        year: 2026,
        version: 0,
        figures: [
          { key: 'licensing', value: null, enteredBy: null, enteredAt: null },
          { key: 'penalty', value: null, enteredBy: null, enteredAt: null },
          { key: 'enforcement', value: null, enteredBy: null, enteredAt: null },
          { key: 'charges', value: null, enteredBy: null, enteredAt: null },
        ],
      });

      // The clock runs on from where it is set: an entry's time is checked to the minute.
      const at1030 = expect.stringMatching(/^2026-12-10T02:30:0\d\.\d{3}Z$/);
      const at1130 = expect.stringMatching(/^2026-12-10T03:30:0\d\.\d{3}Z$/);
      server.clock.set(new Date('2026-12-10T10:30:00+08:00'));
      const first = await reporter.put('/staff/reports/figures/2026', { values: { licensing: '36', penalty: '0' }, version: 0 });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        year: 2026,
        version: 1,
        figures: [
          { key: 'licensing', value: '36', enteredBy: 'reporter', enteredAt: at1030 },
          { key: 'penalty', value: '0', enteredBy: 'reporter', enteredAt: at1030 },
          { key: 'enforcement', value: null, enteredBy: null, enteredAt: null },
          { key: 'charges', value: null, enteredBy: null, enteredAt: null },
        ],
      });

      // An hour later the second editor enters the others: each figure names its own enterer.
      server.clock.set(new Date('2026-12-10T11:30:00+08:00'));
      const second = await reporter2.put('/staff/reports/figures/2026', { values: { enforcement: '0', charges: '12.5' }, version: 1 });
      expect(second.status).toBe(200);
      expect(second.body.version).toBe(2);
      expect(second.body.figures).toEqual([
        { key: 'licensing', value: '36', enteredBy: 'reporter', enteredAt: at1030 },
        { key: 'penalty', value: '0', enteredBy: 'reporter', enteredAt: at1030 },
        { key: 'enforcement', value: '0', enteredBy: 'reporter2', enteredAt: at1130 },
        { key: 'charges', value: '12.5', enteredBy: 'reporter2', enteredAt: at1130 },
      ]);
      // The same value again changes no enterer; a corrected one does.
      const third = await reporter2.put('/staff/reports/figures/2026', { values: { licensing: '36', penalty: '2' }, version: 2 });
      expect(third.body.version).toBe(3);
      expect(third.body.figures.slice(0, 2)).toEqual([
        { key: 'licensing', value: '36', enteredBy: 'reporter', enteredAt: at1030 },
        { key: 'penalty', value: '2', enteredBy: 'reporter2', enteredAt: at1130 },
      ]);
      const stale = await reporter.put('/staff/reports/figures/2026', { values: { licensing: '40' }, version: 2 });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
      expect((await reporter.get('/staff/reports/figures?year=2026')).body.figures[0]).toEqual({ key: 'licensing', value: '36', enteredBy: 'reporter', enteredAt: at1030 });
      // Another year is a set of its own.
      expect((await reporter.get('/staff/reports/figures?year=2025')).body.version).toBe(0);

      const audit = await audits('annual_report', 2026);
      expect(audit.map((a) => [a.action, a.actorUsername, a.before, a.after])).toEqual([
        ['report.figures_update', 'reporter', { licensing: null, penalty: null }, { licensing: '36', penalty: '0' }],
        ['report.figures_update', 'reporter2', { enforcement: null, charges: null }, { enforcement: '0', charges: '12.5' }],
        ['report.figures_update', 'reporter2', { penalty: '0' }, { penalty: '2' }],
      ]);
    });

    it('lets one of two first entries of a year through', async () => {
      const [a, b] = await Promise.all([
        reporter.put('/staff/reports/figures/2023', { values: { licensing: '30' }, version: 0 }),
        reporter2.put('/staff/reports/figures/2023', { values: { licensing: '31' }, version: 0 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      const view = await reporter.get('/staff/reports/figures?year=2023');
      expect(view.body.version).toBe(1);
      expect(view.body.figures[0]).toEqual(winner.body.figures[0]);
    });

    it('refuses figures that are not counts or amounts', async () => {
      const cases: [string, string, unknown, string, string[]][] = [
        ['a fraction of a decision', '2026', { values: { licensing: '3.5' }, version: 3 }, 'VALIDATION_FAILED', ['values.licensing']],
        ['a negative count', '2026', { values: { penalty: '-1' }, version: 3 }, 'VALIDATION_FAILED', ['values.penalty']],
        ['a count with a leading zero', '2026', { values: { enforcement: '007' }, version: 3 }, 'VALIDATION_FAILED', ['values.enforcement']],
        ['a count as a number', '2026', { values: { licensing: 36 }, version: 3 }, 'VALIDATION_FAILED', ['values.licensing']],
        ['a count of eight digits', '2026', { values: { licensing: '12345678' }, version: 3 }, 'VALIDATION_FAILED', ['values.licensing']],
        ['an amount with five decimals', '2026', { values: { charges: '1.23456' }, version: 3 }, 'VALIDATION_FAILED', ['values.charges']],
        ['an amount with a comma', '2026', { values: { charges: '1,000' }, version: 3 }, 'VALIDATION_FAILED', ['values.charges']],
        ['an unknown figure', '2026', { values: { fines: '1' }, version: 3 }, 'VALIDATION_FAILED', ['values.fines']],
        ['a null figure', '2026', { values: { licensing: null }, version: 3 }, 'VALIDATION_FAILED', ['values.licensing']],
        ['no figure at all', '2026', { values: {}, version: 3 }, 'VALIDATION_FAILED', ['values']],
        ['values as a list', '2026', { values: ['36'], version: 3 }, 'VALIDATION_FAILED', ['values']],
        ['values null', '2026', { values: null, version: 3 }, 'VALIDATION_FAILED', ['values']],
        ['no version', '2026', { values: { licensing: '36' } }, 'VALIDATION_FAILED', ['version']],
        ['next year', '2027', { values: { licensing: '36' }, version: 0 }, 'REPORT_YEAR_INVALID', ['year']],
        ['2007', '2007', { values: { licensing: '36' }, version: 0 }, 'REPORT_YEAR_INVALID', ['year']],
        ['a year that is not one', 'abc', { values: { licensing: '36' }, version: 0 }, 'REPORT_YEAR_INVALID', ['year']],
      ];
      for (const [label, year, body, code, fields] of cases) {
        const res = await reporter.put(`/staff/reports/figures/${year}`, body);
        expect({ label, ...refusal(res) }).toEqual({ label, status: 400, code, fields, chinese: true });
      }
      // The largest amount and count the patterns allow are taken as written.
      const largest = await reporter.put('/staff/reports/figures/2026', { values: { licensing: '9999999', charges: '99999999.9999' }, version: 3 });
      expect(largest.body.figures.map((f: { value: string }) => f.value)).toEqual(['9999999', '2', '0', '99999999.9999']);
    });
  });

  describe('the 规范性文件 register', () => {
    let n2025: number;
    let n2026: number;
    let nWithdrawn: number;
    let nInReview: number;

    beforeAll(async () => {
      n2025 = await normativeNotice(chain, '昌乐县普惠性民办幼儿园认定及管理办法', '2025-03-17', '乐教发〔2025〕3号');
      n2026 = await normativeNotice(chain, '昌乐县义务教育阶段学校招生入学管理办法', '2026-05-11', '乐教发〔2026〕8号');
      nWithdrawn = await normativeNotice(chain, '昌乐县中小学校课后服务工作实施办法', '2024-08-22', '乐教发〔2024〕15号');
      await ok(chain.leader.post(`/staff/notices/${nWithdrawn}/withdraw`, { version: await version(chain.leader, nWithdrawn), reason: '另行印发修订稿' }));
      nInReview = await normativeNotice(chain, '昌乐县中小学校规范办学行为管理办法', '2026-11-20', '乐教发〔2026〕20号', 'unit_review');
    });

    it('lists published normative notices issued by the year end, withdrawn ones included, with table 二 counts', async () => {
      const y2026 = await reporter.get('/staff/reports/normative?year=2026');
      expect(y2026.status).toBe(200);
      expect(y2026.body).toEqual({
        year: 2026,
        items: [
          { noticeId: n2026, title: '昌乐县义务教育阶段学校招生入学管理办法', documentNo: '乐教发〔2026〕8号', issuedOn: '2026-05-11', repealedOn: null, status: 'published', inForce: true },
          { noticeId: n2025, title: '昌乐县普惠性民办幼儿园认定及管理办法', documentNo: '乐教发〔2025〕3号', issuedOn: '2025-03-17', repealedOn: null, status: 'published', inForce: true },
          { noticeId: nWithdrawn, title: '昌乐县中小学校课后服务工作实施办法', documentNo: '乐教发〔2024〕15号', issuedOn: '2024-08-22', repealedOn: null, status: 'withdrawn', inForce: true },
        ],
        counts: { issued: 1, repealed: 0, inForce: 3 },
      });
      const y2025 = await reporter.get('/staff/reports/normative?year=2025');
      expect(y2025.body.items.map((i: { noticeId: number }) => i.noticeId)).toEqual([n2025, nWithdrawn]);
      expect(y2025.body.counts).toEqual({ issued: 1, repealed: 0, inForce: 2 });
      expect((await reporter.get('/staff/reports/normative?year=2023')).body).toEqual({ year: 2023, items: [], counts: { issued: 0, repealed: 0, inForce: 0 } });
      expect((await reporter.get('/staff/reports/normative?year=2027')).body.code).toBe('REPORT_YEAR_INVALID');
    });

    it('marks a repeal: counted in its year, out of force from then, public answers refreshed; undone with null', async () => {
      const before = await version(chain.editor, n2025);
      // The public detail is built once and cached: the repeal must reach it.
      expect((await anon.get(`/notices/${n2025}`)).body.normativeRepealedOn).toBeNull();
      const repealed = await reporter.put(`/staff/reports/normative/${n2025}`, { repealedOn: '2026-06-30' });
      expect(repealed.status).toBe(200);
      expect(repealed.body).toEqual({ noticeId: n2025, title: '昌乐县普惠性民办幼儿园认定及管理办法', documentNo: '乐教发〔2025〕3号', issuedOn: '2025-03-17', repealedOn: '2026-06-30', status: 'published', inForce: false });
      expect((await anon.get(`/notices/${n2025}`)).body.normativeRepealedOn).toBe('2026-06-30');
      expect((await reporter.get('/staff/reports/normative?year=2026')).body.counts).toEqual({ issued: 1, repealed: 1, inForce: 2 });
      // At the end of 2025 it was still in force.
      const y2025 = await reporter.get('/staff/reports/normative?year=2025');
      expect(y2025.body.items[0]).toMatchObject({ noticeId: n2025, repealedOn: '2026-06-30', inForce: true });
      expect(y2025.body.counts).toEqual({ issued: 1, repealed: 0, inForce: 2 });
      // A withdrawn notice's repeal is recorded too; on its issue day is the earliest.
      expect((await admin.put(`/staff/reports/normative/${nWithdrawn}`, { repealedOn: '2024-08-22' })).body).toMatchObject({ repealedOn: '2024-08-22', status: 'withdrawn', inForce: false });
      expect((await reporter.get('/staff/reports/normative?year=2024')).body.counts).toEqual({ issued: 1, repealed: 1, inForce: 0 });

      const undone = await reporter2.put(`/staff/reports/normative/${n2025}`, { repealedOn: null });
      expect(undone.body).toMatchObject({ repealedOn: null, inForce: true });
      expect((await anon.get(`/notices/${n2025}`)).body.normativeRepealedOn).toBeNull();
      expect((await reporter.get('/staff/reports/normative?year=2026')).body.counts).toEqual({ issued: 1, repealed: 0, inForce: 2 });

      const audit = await audits('notice', n2025);
      const repeals = audit.filter((a) => a.action === 'notice.repeal');
      expect(repeals.map((a) => [a.actorUsername, a.before, a.after])).toEqual([
        ['reporter', { normativeRepealedOn: null }, { normativeRepealedOn: '2026-06-30' }],
        ['reporter2', { normativeRepealedOn: '2026-06-30' }, { normativeRepealedOn: null }],
      ]);
      // Each change moved the notice's version on: a staff step taken on the version read before is stale.
      expect(await version(chain.editor, n2025)).toBe(before + 2);
      expect((await chain.editor.get(`/staff/notices/${n2025}`)).body.normativeRepealedOn).toBeNull();
    });

    it('refuses a repeal before the issue date, in the future, on a notice not normative or not published', async () => {
      const cases: [string, number, unknown, number, string, string[]][] = [
        ['before its issue date', n2026, { repealedOn: '2026-05-10' }, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['tomorrow', n2026, { repealedOn: '2026-12-12' }, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['a day that does not exist', n2026, { repealedOn: '2026-11-31' }, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['a date with slashes', n2026, { repealedOn: '2026/06/30' }, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['a number', n2026, { repealedOn: 20260630 }, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['nothing said', n2026, {}, 400, 'VALIDATION_FAILED', ['repealedOn']],
        ['a notice that is not normative', publishedId, { repealedOn: '2026-06-30' }, 400, 'VALIDATION_FAILED', ['noticeId']],
        ['a normative notice still in review', nInReview, { repealedOn: '2026-11-30' }, 409, 'NOTICE_NOT_PUBLISHED', []],
        ['a notice that does not exist', 999999, { repealedOn: '2026-06-30' }, 404, 'NOT_FOUND', []],
      ];
      for (const [label, id, body, status, code, fields] of cases) {
        const res = await reporter.put(`/staff/reports/normative/${id}`, body);
        expect({ label, ...refusal(res) }).toEqual({ label, status, code, fields, chinese: true });
      }
      expect((await reporter.get('/staff/reports/normative?year=2026')).body.items.find((i: { noticeId: number }) => i.noticeId === n2026).repealedOn).toBeNull();
    });
  });

  describe('who may', () => {
    it('lets report editors and admins in, and no one else', async () => {
      const gets = ['/staff/reports/hot-topics?year=2026', '/staff/reports/briefings?year=2026', '/staff/reports/proposals?year=2026', '/staff/reports/figures?year=2026', '/staff/reports/normative?year=2026'];
      for (const path of gets) {
        expect({ path, status: (await editor.get(path)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await chain.publisher.get(path)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await admin.get(path)).status }).toEqual({ path, status: 200 });
        expect({ path, status: (await reporter.get(path)).status }).toEqual({ path, status: 200 });
        expect({ path, status: (await anon.get(path)).status }).toEqual({ path, status: 401 });
      }
      const writes: [string, string, unknown][] = [
        ['POST', '/staff/reports/hot-topics', { date: '2026-06-12', subject: '招生', channel: 'website' }],
        ['PUT', '/staff/reports/hot-topics/1', { date: '2026-06-12', subject: '招生', channel: 'website', version: 1 }],
        ['DELETE', '/staff/reports/hot-topics/1', undefined],
        ['POST', '/staff/reports/briefings', { date: '2026-06-12', kind: 'press_conference', subject: '招生', speakers: '局长' }],
        ['POST', '/staff/reports/proposals', { year: 2026, kind: 'npc', number: '第1号', title: '建议', role: 'lead' }],
        ['PUT', '/staff/reports/figures/2026', { values: { licensing: '1' }, version: 0 }],
        ['PUT', `/staff/reports/normative/${publishedId}`, { repealedOn: null }],
      ];
      for (const [method, path, body] of writes) {
        const res = await editor.request<any>(method, path, body);
        expect({ method, path, status: res.status, code: res.body?.code }).toEqual({ method, path, status: 403, code: 'FORBIDDEN' });
      }
      const byAdmin = await admin.post('/staff/reports/proposals', { year: 2026, kind: 'npc', number: '第1号', title: '关于增加城区学位供给的建议', role: 'co', partners: '县住建局' });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body).toMatchObject({ createdBy: '测试管理员', partners: '县住建局', replyDate: null, satisfaction: null });
    });
  });

  describe('what the report reads', () => {
    it("counts a year's records: by channel, by kind, proposals with the satisfaction rate, the yearly figures", async () => {
      const records = server.app.get(ReportRecordsService);
      for (const [date, channel] of [['2022-03-01', 'website'], ['2022-05-20', 'website'], ['2022-09-01', 'tv']]) {
        expect((await reporter.post('/staff/reports/hot-topics', { date, subject: '热点回应', channel })).status).toBe(201);
      }
      expect((await reporter.post('/staff/reports/briefings', { date: '2022-08-18', kind: 'press_conference', subject: '招生政策发布会', speakers: '局长' })).status).toBe(201);
      expect((await reporter.post('/staff/reports/briefings', { date: '2022-02-25', kind: 'policy_briefing', subject: '开学工作吹风会', speakers: '科长' })).status).toBe(201);
      const proposals: [string, string, string, string | null, string | null][] = [
        ['npc', '第1号', 'lead', '2022-06-20', 'satisfied'],
        ['npc', '第2号', 'lead', '2022-06-21', 'basically_satisfied'],
        ['npc', '第3号', 'co', '2022-06-22', 'unsatisfied'],
        ['npc', '第4号', 'lead', null, null],
        ['npc', '第5号', 'lead', '2022-06-30', null],
        ['cppcc', '第1号', 'co', '2022-07-01', 'satisfied'],
      ];
      for (const [kind, number, role, replyDate, satisfaction] of proposals) {
        const res = await reporter.post('/staff/reports/proposals', { year: 2022, kind, number, title: '建议提案', role, replyDate, satisfaction });
        expect({ number, status: res.status }).toEqual({ number, status: 201 });
      }
      expect((await reporter.put('/staff/reports/figures/2022', { values: { licensing: '12' }, version: 0 })).status).toBe(200);

      const figures = await records.figuresOf(2022);
      expect(figures.hotTopics).toEqual({ total: 3, byChannel: { website: 2, tv: 1 } });
      expect(figures.briefings).toEqual({ total: 2, byKind: { press_conference: 1, policy_briefing: 1 } });
      expect(figures.proposals).toEqual([
        { kind: 'npc', lead: 4, co: 1, replied: 4, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, satisfactionRate: expect.closeTo(0.6667, 4) },
        { kind: 'cppcc', lead: 0, co: 1, replied: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: 1 },
      ]);
      expect(figures.yearly.map((f) => [f.key, f.value, f.enteredBy])).toEqual([
        ['licensing', '12', 'reporter'],
        ['penalty', null, null],
        ['enforcement', null, null],
        ['charges', null, null],
      ]);
      // A year without any record: zeros and no rate.
      const none = await records.figuresOf(2019);
      expect(none.hotTopics).toEqual({ total: 0, byChannel: {} });
      expect(none.briefings).toEqual({ total: 0, byKind: { press_conference: 0, policy_briefing: 0 } });
      expect(none.proposals.map((p) => [p.kind, p.lead + p.co, p.satisfactionRate])).toEqual([
        ['npc', 0, null],
        ['cppcc', 0, null],
      ]);
      // Every year that holds anything, newest first (2024's and 2023's hot topics were deleted; 2023 has figures).
      expect(await records.yearsWithRecords()).toEqual([2026, 2025, 2023, 2022]);
    });
  });
});
