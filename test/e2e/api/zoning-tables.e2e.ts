import ExcelJS from 'exceljs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { PROACTIVE, ok } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';
import { zoningXlsx } from '../../support/zoning-files';
import { importZoning, publishZoningYear, zoningStaff, type ZoningStaff } from '../../support/zoning-flow';

/** The staff side of 学区查询 (issue 15 items 2 and 4): template, import with its report and diff, corrections, the notice and its review chain. */

const RULE_HEADERS = ['学段', '学校', '镇街', '社区村', '小区道路', '起始号', '终止号', '单双', '备注'];
const SCHOOL_HEADERS = ['学校', '学段', '地址', '电话'];
const SCHOOLS_2025 = [
  SCHOOL_HEADERS,
  ['昌乐县实验小学', '小学', '昌乐县宝城街道新昌路88号', '0536-6212345'],
  ['昌乐县宝城小学', '小学', '昌乐县宝城街道利民街16号', '0536-6223456'],
  ['昌乐县第一实验中学', '初中', '昌乐县宝城街道北海路1号', '0536-6234567'],
];
const RULES_2025 = [
  RULE_HEADERS,
  ['小学', '昌乐县实验小学', '宝城街道', '北岩社区', '北辰花园', '', '', '全', ''],
  ['小学', '昌乐县实验小学', '宝城街道', '辛庄社区', '', '', '', '全', '整个社区'],
  ['小学', '昌乐县宝城小学', '宝城街道', '', '新昌路', '1', '99', '单', ''],
  ['初中', '昌乐县第一实验中学', '宝城街道', '北岩社区', '', '', '', '全', ''],
];
/** 2026: 北城小学 opens and takes 北辰花园 and 辛庄社区 from 实验小学; 新昌路's even side is added. */
const SCHOOLS_2026 = [...SCHOOLS_2025, ['昌乐县北城小学', '小学', '昌乐县宝城街道北岩路9号', '0536-6245678']];
const RULES_2026 = [
  RULE_HEADERS,
  ['小学', '昌乐县北城小学', '宝城街道', '北岩社区', '北辰花园', '', '', '全', ''],
  ['小学', '昌乐县北城小学', '宝城街道', '辛庄社区', '', '', '', '全', '整个社区'],
  ['小学', '昌乐县宝城小学', '宝城街道', '', '新昌路', '1', '99', '单', ''],
  ['小学', '昌乐县宝城小学', '宝城街道', '', '新昌路', '2', '98', '双', ''],
  ['初中', '昌乐县第一实验中学', '宝城街道', '北岩社区', '', '', '', '全', ''],
];

const LOCKED = { statusCode: 409, code: 'ZONING_TABLE_LOCKED', message: '该划片表已提交审核或已发布，不能修改；如需调整，请导入新表并随补充通知发布' };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook's sheet as rows of cell texts (header first). */
async function sheetRows(bytes: Buffer, sheet: number | string = 1): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = typeof sheet === 'number' ? workbook.worksheets[sheet - 1]! : workbook.getWorksheet(sheet)!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** A sheet's rows as objects keyed by the header's texts. */
async function sheetRecords(bytes: Buffer, sheet: number | string = 1): Promise<Record<string, string>[]> {
  const [headers, ...rows] = await sheetRows(bytes, sheet);
  return rows.map((row) => Object.fromEntries(headers!.map((h, i) => [h, row[i] ?? ''])));
}

async function download(client: ApiClient, path: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const res = await fetch(`${client.baseUrl}${path.startsWith('/api') ? path : `/api/v1${path}`}`, { headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('zoning tables (staff)', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let s: ZoningStaff;
  let bureauUnit: string;
  let headOnly: ApiClient;
  let adminHead: ApiClient;
  let xlsx2025: Buffer;
  let xlsx2026: Buffer;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), SCHEDULE_POLL_MS: '3600000' });
    ({ admin, anonymous: anon, unitCode: bureauUnit } = await bootstrapAdmin(server));
    s = await zoningStaff(admin);
    // A unit head holds no zoning permission; an admin who heads the unit too may correct tables.
    headOnly = await aStaff(admin, 'head-only', s.unitCode, ['unit_head']);
    adminHead = await aStaff(admin, 'admin-head', s.unitCode, ['admin', 'unit_head']);
    xlsx2025 = await zoningXlsx({ rules: RULES_2025, schools: SCHOOLS_2025 });
    xlsx2026 = await zoningXlsx({ rules: RULES_2026, schools: SCHOOLS_2026 });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('offers the template: its first sheet has the 13 headers, with a Chinese file name', async () => {
    const res = await download(s.editor, '/staff/zoning/template.xlsx');
    expect(res.status).toBe(200);
    expect(res.type).toBe(XLSX_TYPE);
    expect(res.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('义务教育学校划片范围导入模板.xlsx')}`);
    const [headers] = await sheetRows(res.bytes);
    expect([...headers!].sort()).toEqual(['学段', '学校', '镇街', '社区村', '小区道路', '起始号', '终止号', '单双', '备注', '楼栋起', '楼栋止', '适用对象', '条件'].sort());
  });

  it('refuses a bad file with each problem at its row and column, storing nothing', async () => {
    const before = await ok(s.editor.get('/staff/zoning/years'));
    const bad = await zoningXlsx({
      rules: [
        RULE_HEADERS,
        ['高中', '昌乐县实验小学', '宝城街道', '北岩社区', '北辰花园', '', '', '全', ''],
        ['小学', '昌乐县宝城小学', '宝城街道', '', '新昌路', '50', '10', '全', ''],
        ['小学', '昌乐县东城小学', '宝城街道', '北岩社区', '', '', '', '全', ''],
      ],
      schools: SCHOOLS_2025,
    });
    const res = await importZoning(s.editor, undefined, 2026, bad, '2026年划片（有误）.xlsx');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'ZONING_IMPORT_INVALID', message: '文件有 3 处问题，未导入任何内容' });
    expect(res.body.details.map((d: any) => [d.sheet, d.row, d.column])).toEqual([
      ['学区划分', 2, '学段'],
      ['学区划分', 3, '终止号'],
      ['学区划分', 4, '学校'],
    ]);
    for (const detail of res.body.details) expect(detail.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await ok(s.editor.get('/staff/zoning/years'))).toEqual(before);
  });

  it('refuses what is not a table upload in Chinese: no file, a wrong field, too large, a bad year', async () => {
    const tooLarge = await importZoning(s.editor, undefined, 2026, Buffer.alloc(10 * 1024 * 1024 + 1, 1), '大文件.xlsx');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '划片表文件不能超过 10 MB' });
    const form = new FormData();
    form.append('upload', new Blob([xlsx2026]), 'a.xlsx');
    const wrongField = await fetch(`${server.baseUrl}/api/v1/staff/zoning/years/2026/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${s.editor.token}` } });
    expect(wrongField.status).toBe(400);
    expect(((await wrongField.json()) as any).message).toBe('不支持的字段：upload（只接受文件字段 file 和 schools）');
    const json = await s.editor.post('/staff/zoning/years/2026/import', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.message).toBe('请以 multipart/form-data 上传划片表文件（字段 file；CSV 的学校信息用字段 schools）');
    for (const year of ['1900', '20260', 'abcd']) {
      const res = await importZoning(s.editor, undefined, year, xlsx2026, 'a.xlsx');
      expect({ year, status: res.status, code: res.body.code }).toEqual({ year, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toMatch(/招生年度须为/);
    }
  });

  let table2026: any;
  let notice2026: number;

  it('imports a year as a draft and answers what changes against the previous year in effect', async () => {
    const published = await publishZoningYear(admin, 2025, xlsx2025);
    expect(published.status).toBe('published');
    // A first draft of 2026, replaced by the next import of the year (not attached to a notice).
    const first = await importZoning(s.editor, undefined, 2026, xlsx2025, '2026年划片（初稿）.xlsx');
    expect(first.status).toBe(201);

    const res = await importZoning(s.editor, undefined, 2026, xlsx2026, '2026年义务教育学校划片范围.xlsx');
    expect(res.status).toBe(201);
    table2026 = res.body.table;
    expect(table2026).toMatchObject({ year: 2026, state: 'draft', ruleCount: 5, schoolCount: 4, sourceName: '2026年义务教育学校划片范围.xlsx', importedBy: 'zoning-editor', notice: null, publishedAt: null, publishedBySetup: false, version: 1 });
    expect(res.body.diff).toEqual({
      from: { year: 2025, tableId: published.tableId },
      to: { year: 2026, tableId: table2026.id },
      schoolsAdded: ['昌乐县北城小学'],
      schoolsRemoved: [],
      rulesAdded: 3,
      rulesRemoved: 2,
      rulesUnchanged: 2,
      moves: [
        { stage: 'primary', place: '宝城街道 · 北岩社区 · 北辰花园', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
        { stage: 'primary', place: '宝城街道 · 辛庄社区', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
      ],
      movesTotal: 2,
    });
    expect(await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/diff`))).toEqual(res.body.diff);

    const years = await ok(s.editor.get('/staff/zoning/years'));
    expect(years.map((y: any) => [y.year, y.current, y.tables.map((t: any) => [t.id, t.state])])).toEqual([
      [2026, false, [[table2026.id, 'draft']]],
      [2025, true, [[published.tableId, 'published']]],
    ]);
    // Audited with counts only.
    const audit = await ok(admin.get(`/staff/audit?entityType=zoning_table&entityId=${table2026.id}`));
    expect(audit.items.map((e: any) => [e.action, e.actorUsername, e.after.rules, e.after.schools])).toEqual([['zoning.import', 'zoning-editor', 5, 4]]);
  });

  it('lists rules page by page and filters them by place', async () => {
    const page1 = await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?limit=2`));
    expect(page1.items.map((r: any) => [r.school, r.village, r.compound, r.sourceRow])).toEqual([
      ['昌乐县北城小学', '北岩社区', '北辰花园', 2],
      ['昌乐县北城小学', '辛庄社区', '', 3],
    ]);
    const page2 = await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?limit=2&cursor=${page1.nextCursor}`));
    expect(page2.items.map((r: any) => r.sourceRow)).toEqual([4, 5]);
    const road = await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?q=${encodeURIComponent('新昌路')}`));
    expect(road.items.map((r: any) => [r.from, r.to, r.parity])).toEqual([
      [1, 99, 'odd'],
      [2, 98, 'even'],
    ]);
    expect(road.nextCursor).toBeNull();
  });

  it('corrects a rule of a draft under its version, refusing a stale version and a rule the import would refuse', async () => {
    const even = (await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?q=${encodeURIComponent('新昌路')}`))).items[1];
    const input = { stage: 'primary', school: '昌乐县宝城小学', town: '宝城街道', village: '', compound: '新昌路', from: 2, to: 100, parity: 'even', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: '含100号' };
    const fixed = await ok(s.editor.patch(`/staff/zoning/rules/${even.id}`, { ...input, tableVersion: 1 }));
    expect(fixed).toEqual({ ...input, id: even.id, sourceRow: 5 });
    const stale = await s.editor.patch(`/staff/zoning/rules/${even.id}`, { ...input, tableVersion: 1 });
    expect(stale.body).toEqual({ statusCode: 409, code: 'CONFLICT', message: '该划片表已被他人修改，请刷新后再试' });
    const backwards = await s.editor.patch(`/staff/zoning/rules/${even.id}`, { ...input, from: 100, to: 2, tableVersion: 2 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([{ field: 'to', message: '终止号 2 小于起始号 100' }]);
    const wrongStage = await s.editor.patch(`/staff/zoning/rules/${even.id}`, { ...input, school: '昌乐县第一实验中学', tableVersion: 2 });
    expect(wrongStage.body.details).toEqual([{ field: 'school', message: '昌乐县第一实验中学是初中，不能招收小学学生' }]);
    // Added and deleted by hand (no source row), and the table's counts follow.
    const added = await s.editor.post(`/staff/zoning/tables/${table2026.id}/rules`, { ...input, from: 102, to: 120, note: null, tableVersion: 2 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ from: 102, to: 120, sourceRow: null });
    expect(await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`))).toMatchObject({ ruleCount: 6, version: 3 });
    expect((await s.editor.delete(`/staff/zoning/rules/${added.body.id}?tableVersion=3`)).status).toBe(204);
    expect(await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`))).toMatchObject({ ruleCount: 5, version: 4 });
    expect((await s.editor.delete(`/staff/zoning/rules/${added.body.id}?tableVersion=4`)).status).toBe(404);
  });

  it('attaches the table to the year’s 划片 notice as its XLSX, which follows each correction', async () => {
    const otherTopic = await aNotice().titled('关于中考报名的通知').inCategory('ZSKS').create(s.editor);
    const refused = await s.editor.post(`/staff/zoning/tables/${table2026.id}/attach`, { noticeId: otherTopic, tableVersion: 4 });
    expect(refused.body).toMatchObject({ statusCode: 400, message: '划片表只能关联“义务教育划片”专题的信息，请先在信息中选择该专题' });
    notice2026 = await aNotice().titled('2026年城区义务教育学校划片招生方案').inCategory('ZSKS').withTopics('zoning').create(s.editor);
    // Another editor's draft is not theirs to attach to.
    const colleague = await aStaff(admin, 'zoning-editor2', s.unitCode, ['editor']);
    expect((await colleague.post(`/staff/zoning/tables/${table2026.id}/attach`, { noticeId: notice2026, tableVersion: 4 })).status).toBe(403);

    const attached = await ok(s.editor.post(`/staff/zoning/tables/${table2026.id}/attach`, { noticeId: notice2026, tableVersion: 4 }));
    expect(attached).toMatchObject({ state: 'attached', version: 5, notice: { id: notice2026, title: '2026年城区义务教育学校划片招生方案', status: 'draft' } });
    const notice = await ok(s.editor.get(`/staff/notices/${notice2026}`));
    expect(notice.attachments.map((a: any) => [a.name, a.contentType])).toEqual([['2026年义务教育学校划片范围.xlsx', XLSX_TYPE]]);
    const file = await download(s.editor, notice.attachments[0].url);
    expect(file.status).toBe(200);
    expect((await sheetRecords(file.bytes)).filter((r) => r['小区道路'] === '新昌路').map((r) => [r['起始号'], r['终止号'], r['单双'], r['备注']])).toEqual([
      ['1', '99', '单', ''],
      ['2', '100', '双', '含100号'],
    ]);

    // A correction while the notice is a draft writes the attachment again; the old file is no longer the notice's.
    const north = (await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?q=${encodeURIComponent('北辰花园')}`))).items[0];
    await ok(s.editor.patch(`/staff/zoning/rules/${north.id}`, { ...north, id: undefined, sourceRow: undefined, note: '2026年新划入', tableVersion: 5 }));
    const after = await ok(s.editor.get(`/staff/notices/${notice2026}`));
    expect(after.attachments).toHaveLength(1);
    expect(after.attachments[0].fileId).not.toBe(notice.attachments[0].fileId);
    expect((await sheetRecords((await download(s.editor, after.attachments[0].url)).bytes)).find((r) => r['小区道路'] === '北辰花园')!['备注']).toBe('2026年新划入');
  });

  it('freezes the table once its notice is submitted, and four eyes holds for whoever changed it', async () => {
    // An admin who heads the unit corrects the table: they changed what reviewers read.
    const table = await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`));
    const north = (await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}/rules?q=${encodeURIComponent('北辰花园')}`))).items[0];
    const rule = { stage: north.stage, school: north.school, town: north.town, village: north.village, compound: north.compound, from: null, to: null, parity: 'all', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: '2026年起划入北城小学' };
    await ok(adminHead.patch(`/staff/zoning/rules/${north.id}`, { ...rule, tableVersion: table.version }));

    const draft = await ok(s.editor.get(`/staff/notices/${notice2026}`));
    const submitted = await ok(s.editor.post(`/staff/notices/${notice2026}/submit`, { version: draft.version }));
    expect(await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`))).toMatchObject({ state: 'in_review' });
    const version = (await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`))).version;
    expect((await s.editor.patch(`/staff/zoning/rules/${north.id}`, { ...rule, note: '改', tableVersion: version })).body).toEqual(LOCKED);
    expect((await s.editor.post(`/staff/zoning/tables/${table2026.id}/rules`, { ...rule, village: '新华社区', compound: '', tableVersion: version })).body).toEqual(LOCKED);
    expect((await s.editor.delete(`/staff/zoning/rules/${north.id}?tableVersion=${version}`)).body).toEqual(LOCKED);
    expect((await s.editor.post(`/staff/zoning/tables/${table2026.id}/attach`, { noticeId: notice2026, tableVersion: version })).body).toEqual(LOCKED);

    // The author cannot review it; the admin-head who corrected the table may not approve this round.
    expect((await s.editor.post(`/staff/notices/${notice2026}/review`, { action: 'approve', version: submitted.version })).status).toBe(403);
    const byCorrector = await adminHead.post(`/staff/notices/${notice2026}/review`, { action: 'approve', version: submitted.version });
    expect(byCorrector.body.code).toBe('FOUR_EYES');
    let n = await ok(s.unitHead.post(`/staff/notices/${notice2026}/review`, { action: 'approve', version: submitted.version }));
    n = await ok(s.secrecy.post(`/staff/notices/${notice2026}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(s.leader.post(`/staff/notices/${notice2026}/review`, { action: 'approve', version: n.version }));
    await ok(s.publisher.post(`/staff/notices/${notice2026}/registration`, { version: n.version }));

    const published = await ok(s.editor.get(`/staff/zoning/tables/${table2026.id}`));
    expect(published).toMatchObject({ state: 'published', publishedBySetup: false, notice: { id: notice2026, status: 'published' } });
    expect(published.publishedAt).toEqual(expect.any(String));
    const years = await ok(s.editor.get('/staff/zoning/years'));
    expect(years.map((y: any) => [y.year, y.current])).toEqual([
      [2026, true],
      [2025, false],
    ]);
    // The published notice's attachment is public now.
    const pub = await ok(anon.get(`/notices/${notice2026}`));
    expect(pub.attachments.map((a: any) => a.name)).toEqual(['2026年义务教育学校划片范围.xlsx']);
    expect((await download(anon, pub.attachments[0].url)).status).toBe(200);
    expect((await s.editor.delete(`/staff/zoning/tables/${table2026.id}`)).body).toMatchObject({ statusCode: 409, code: 'ZONING_TABLE_LOCKED', message: '只能删除未关联通知的草稿划片表' });
  });

  it('compares two years in effect, and says when a year has none', async () => {
    const diff = await ok(s.editor.get('/staff/zoning/compare?from=2025&to=2026'));
    expect(diff).toMatchObject({ schoolsAdded: ['昌乐县北城小学'], schoolsRemoved: [], movesTotal: 2 });
    expect(diff.moves.map((m: any) => m.place)).toEqual(['宝城街道 · 北岩社区 · 北辰花园', '宝城街道 · 辛庄社区']);
    expect((await s.editor.get('/staff/zoning/compare?from=2025&to=2030')).body).toEqual({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2030年的划片范围尚未公布' });
    for (const q of ['from=abc&to=2026', 'from=2025', 'from=1800&to=2026', 'from=2025&to=1e30', 'from=2025&to=2026&to=2027']) {
      const res = await s.editor.get(`/staff/zoning/compare?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('puts a later table of the year in effect through a 补充通知, superseding the first', async () => {
    const extra = [...RULES_2026, ['小学', '昌乐县北城小学', '宝城街道', '新华社区', '', '', '', '全', '补充划入']];
    const later = await publishZoningYear(admin, 2026, await zoningXlsx({ rules: extra, schools: SCHOOLS_2026 }), { title: '2026年城区义务教育学校划片招生方案的补充通知' });
    expect(later.status).toBe('published');
    const [y2026] = await ok(s.editor.get('/staff/zoning/years'));
    expect(y2026.tables.map((t: any) => [t.id, t.state, t.ruleCount])).toEqual([
      [later.tableId, 'published', 6],
      [table2026.id, 'superseded', 5],
    ]);
    // Against the year's first table: one rule added.
    // Against the year's first table as corrected (北辰花园's note, 新昌路 2—100): those two differ, 新华社区 is new.
    expect(await ok(s.editor.get(`/staff/zoning/tables/${later.tableId}/diff?against=${table2026.id}`))).toMatchObject({ from: { year: 2026, tableId: table2026.id }, rulesAdded: 3, rulesRemoved: 2, rulesUnchanged: 3 });
  });

  it('exports a table in the template’s format, and deletes a draft', async () => {
    const res = await download(s.editor, `/staff/zoning/tables/${table2026.id}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('2026年义务教育学校划片范围.xlsx')}`);
    expect((await sheetRows(res.bytes)).length).toBe(6);
    const draft = await importZoning(s.editor, undefined, 2027, xlsx2026, '2027.xlsx');
    expect((await s.editor.delete(`/staff/zoning/tables/${draft.body.table.id}?tableVersion=1`)).status).toBe(204);
    expect((await s.editor.get(`/staff/zoning/tables/${draft.body.table.id}`)).status).toBe(404);
  });

  it('takes a CSV table with its schools as a second file, or with the schools it already knows', async () => {
    const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
    const withSchools = await importZoning(s.editor, undefined, 2028, csv(RULES_2026), '2028年划片.csv', { bytes: csv(SCHOOLS_2026), name: '学校信息.csv' });
    expect(withSchools.status).toBe(201);
    expect(withSchools.body.table).toMatchObject({ year: 2028, ruleCount: 5, schoolCount: 4 });
    // 2029's CSV names schools of the latest earlier table (2028's): the three its rules name come with their addresses and phones.
    const known = await importZoning(s.editor, undefined, 2029, csv(RULES_2026), '2029年划片.csv');
    expect(known.status).toBe(201);
    expect(known.body.table).toMatchObject({ year: 2029, ruleCount: 5, schoolCount: 3 });
    const exported = await sheetRecords((await download(s.editor, `/staff/zoning/tables/${known.body.table.id}/export.xlsx`)).bytes, '学校信息');
    expect(exported.find((r) => r['学校'] === '昌乐县北城小学')).toMatchObject({ 学段: '小学', 地址: '昌乐县宝城街道北岩路9号', 电话: '0536-6245678' });
  });

  it('imports a county-sized table of 20,000 rules in seconds, and replaces it as fast', async () => {
    const rules = [RULE_HEADERS];
    for (let i = 0; i < 20_000; i++) rules.push(['小学', '昌乐县宝城小学', `测试镇${i % 20}`, `测试村${Math.floor(i / 100)}`, `测试路${i}`, '1', '99', '全', '']);
    const big = await zoningXlsx({ rules, schools: SCHOOLS_2025 });
    for (const label of ['first', 'replacing the draft']) {
      const started = Date.now();
      const res = await importZoning(s.editor, undefined, 2030, big, '2030年划片（全县）.xlsx');
      const seconds = (Date.now() - started) / 1000;
      expect({ label, status: res.status, rules: res.body.table?.ruleCount }).toEqual({ label, status: 201, rules: 20_000 });
      // About 2–3 s on both databases (2 cores); minutes would mean row-by-row inserts.
      expect({ label, fast: seconds < 30 }).toEqual({ label, fast: true });
    }
    const [y2030] = await ok(s.editor.get('/staff/zoning/years'));
    expect(y2030.tables.map((t: any) => [t.state, t.ruleCount])).toEqual([['draft', 20_000]]);
  }, 120_000);

  it('is for staff holding zoning.manage only', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-zoning-parent' });
    for (const [client, status] of [
      [anon, 401],
      [parent, 401],
      [headOnly, 403],
    ] as const) {
      for (const res of [await client.get('/staff/zoning/years'), await importZoning(client, undefined, 2026, xlsx2026, 'a.xlsx'), await client.get(`/staff/zoning/tables/${table2026.id}/rules`)]) {
        expect(res.status).toBe(status);
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('answers every bad input shape with a 4xx in Chinese', async () => {
    const bodies: unknown[] = [
      null,
      [],
      'text',
      { tableVersion: null, stage: null, school: null },
      { tableVersion: 1e309, noticeId: 2 ** 53 },
      { tableVersion: '1', stage: ['primary'], school: {}, town: 5 },
      { tableVersion: 1, stage: 'primary', school: '学'.repeat(10_000), town: '镇'.repeat(101), compound: '🏠'.repeat(101) },
      { tableVersion: 1, stage: 'primary', school: '昌乐县宝城小学', town: '宝城街道', from: -1, to: 1e12, parity: 'x', applicant: 'y' },
      { tableVersion: 1, noticeId: 1, extra: true },
    ];
    for (const [method, path] of [
      ['POST', `/staff/zoning/tables/${table2026.id}/rules`],
      ['PATCH', '/staff/zoning/rules/1'],
      ['PUT', '/staff/zoning/rules/1'],
      ['POST', `/staff/zoning/tables/${table2026.id}/attach`],
    ]) {
      for (const body of bodies) {
        const res = await s.editor.request<any>(method!, path!, typeof body === 'string' ? JSON.stringify(body) : body === null ? 'null' : body);
        expect({ path, body, ok: res.status >= 400 && res.status < 500 }).toEqual({ path, body, ok: true });
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    for (const path of [
      '/staff/zoning/tables/abc',
      '/staff/zoning/tables/99999999999999999999',
      '/staff/zoning/tables/0/rules',
      `/staff/zoning/tables/${table2026.id}/rules?limit=1000`,
      `/staff/zoning/tables/${table2026.id}/rules?cursor=bad`,
      `/staff/zoning/tables/${table2026.id}/rules?q=${'路'.repeat(101)}`,
      `/staff/zoning/tables/${table2026.id}/diff?against=1e30`,
      `/staff/zoning/tables/${table2026.id}/diff?against=999999`,
      '/staff/zoning/rules/abc?tableVersion=1',
    ]) {
      const res = await s.editor.get(path);
      expect({ path, ok: res.status >= 400 && res.status < 500 }).toEqual({ path, ok: true });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.editor.delete('/staff/zoning/rules/1?tableVersion=abc')).status).toBe(400);
    expect((await s.editor.delete('/staff/zoning/rules/1')).status).toBe(400);
  });

  it('lets only who may edit the notice change an attached table: its rules, or attaching it elsewhere; the notice keeps its workbook', async () => {
    const imported = (await importZoning(s.editor, undefined, 2031, xlsx2026, '2031年划片范围.xlsx')).body;
    const noticeId = await aNotice().titled('2031年城区义务教育学校划片招生方案').inCategory('ZSKS').withTopics('zoning').create(s.editor);
    const attached = await ok(s.editor.post(`/staff/zoning/tables/${imported.table.id}/attach`, { noticeId, tableVersion: imported.table.version }));
    const before = await ok(s.editor.get(`/staff/notices/${noticeId}`));
    const rule = (await ok(s.editor.get(`/staff/zoning/tables/${imported.table.id}/rules?q=${encodeURIComponent('北辰花园')}`))).items[0];
    const input = { stage: rule.stage, school: rule.school, town: rule.town, village: rule.village, compound: rule.compound, from: null, to: null, parity: 'all', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: '改' };

    // zoning.manage alone is not enough: another unit's editor, and a colleague who did not write the notice.
    const otherUnit = await aStaff(admin, 'zoning-other-unit', bureauUnit, ['editor']);
    const colleague = await aStaff(admin, 'zoning-colleague', s.unitCode, ['editor']);
    const refused = { statusCode: 403, code: 'FORBIDDEN', message: '该划片表已关联的信息不是您可以修改的（只有其作者或可修改各单位信息的人员可以），不能修改其划片规则' };
    for (const who of [otherUnit, colleague]) {
      expect((await who.patch(`/staff/zoning/rules/${rule.id}`, { ...input, tableVersion: attached.version })).body).toEqual(refused);
      expect((await who.post(`/staff/zoning/tables/${imported.table.id}/rules`, { ...input, village: '新华社区', compound: '', tableVersion: attached.version })).body).toEqual(refused);
      expect((await who.delete(`/staff/zoning/rules/${rule.id}?tableVersion=${attached.version}`)).body).toEqual(refused);
    }
    // Nor may the colleague move the table onto their own notice, taking it off the author's.
    const own = await aNotice().titled('2031年城区义务教育学校划片招生方案（草稿二）').inCategory('ZSKS').withTopics('zoning').create(colleague);
    expect((await colleague.post(`/staff/zoning/tables/${imported.table.id}/attach`, { noticeId: own, tableVersion: attached.version })).body).toEqual({
      statusCode: 403,
      code: 'FORBIDDEN',
      message: '该划片表已关联的信息不是您可以修改的（只有其作者或可修改各单位信息的人员可以），不能改为关联其他信息',
    });
    expect(await ok(s.editor.get(`/staff/zoning/tables/${imported.table.id}`))).toMatchObject({ version: attached.version, notice: { id: noticeId } });
    expect((await ok(s.editor.get(`/staff/zoning/tables/${imported.table.id}/rules?q=${encodeURIComponent('北辰花园')}`))).items[0].note).toBe(rule.note);
    const after = await ok(s.editor.get(`/staff/notices/${noticeId}`));
    expect(after.attachments.map((a: any) => a.fileId)).toEqual(before.attachments.map((a: any) => a.fileId));
    expect((await ok(colleague.get(`/staff/notices/${own}`))).attachments).toEqual([]);

    // The author's ordinary edit may not drop or replace the generated workbook; keeping it is fine.
    const dropped = await s.editor.patch(`/staff/notices/${noticeId}`, { version: after.version, attachments: [] });
    expect(dropped.body).toEqual({ statusCode: 409, code: 'CONFLICT', message: '该附件由关联的划片表生成，不能在此删除或替换；如需调整，请在“学区划片”中修改划片表或取消关联' });
    const kept = await ok(s.editor.patch(`/staff/notices/${noticeId}`, { version: after.version, summary: '附划片范围表', attachments: after.attachments.map((a: any) => ({ name: a.name, fileId: a.fileId })) }));
    expect(kept.attachments.map((a: any) => a.name)).toEqual(['2031年义务教育学校划片范围.xlsx']);
  });

  it('counts whoever imported the table as an editor of its notice’s round: they may not approve it', async () => {
    // The admin who heads the unit imports; the editor writes the notice, attaches the table and submits.
    const imported = (await importZoning(adminHead, undefined, 2032, xlsx2026, '2032年划片范围.xlsx')).body;
    const noticeId = await aNotice().titled('2032年城区义务教育学校划片招生方案').inCategory('ZSKS').withTopics('zoning').create(s.editor);
    await ok(s.editor.post(`/staff/zoning/tables/${imported.table.id}/attach`, { noticeId, tableVersion: imported.table.version }));
    const draft = await ok(s.editor.get(`/staff/notices/${noticeId}`));
    const submitted = await ok(s.editor.post(`/staff/notices/${noticeId}/submit`, { version: draft.version }));
    const byImporter = await adminHead.post(`/staff/notices/${noticeId}/review`, { action: 'approve', version: submitted.version });
    expect(byImporter.body).toMatchObject({ statusCode: 403, code: 'FOUR_EYES' });
    expect(await ok(s.unitHead.post(`/staff/notices/${noticeId}/review`, { action: 'approve', version: submitted.version }))).toMatchObject({ status: 'secrecy_review' });
  });

  it('turns an upload away before reading it when three are already waiting', async () => {
    // Three uploads whose bodies are still arriving hold the three places.
    const open: ClientRequest[] = [];
    const started: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      const req = httpRequest(`${server.baseUrl}/api/v1/staff/zoning/years/2033/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.editor.token}`, 'content-type': 'multipart/form-data; boundary=slow', 'content-length': String(1024 * 1024) },
      });
      req.on('error', () => undefined);
      started.push(new Promise((resolve) => req.write('--slow\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n', () => resolve())));
      open.push(req);
    }
    await Promise.all(started);
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      const res = await importZoning(s.editor, undefined, 2033, xlsx2026, 'a.xlsx');
      expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: '正在导入的划片表较多，请稍后再试' });
    } finally {
      for (const req of open) req.destroy();
    }
    // The places free up once those uploads end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await importZoning(s.editor, undefined, 2033, xlsx2026, 'a.xlsx')).status).toBe(201);
  });
});
