import { CATEGORY_SEEDS, TOPIC_SEEDS } from '@gongkai/shared';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('public catalog API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let editor: ApiClient;
  let anon: ApiClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // Views are flushed by the explicit rounds below (the timer waits ten minutes); notices are published in 2026.
    server = await startTestServer({ VIEW_FLUSH_MS: '600000' }, new SettableClock(new Date('2026-09-01T09:00:00+08:00')));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJYK0000000000001', '基础教育科');
    await aUnit(admin, 'SCHOOL000000000001', '昌乐县实验小学', 'school');
    editor = await aStaff(admin, 'editor1', 'JCJYK0000000000001', ['editor']);

    ids.zoningPlan = await aNotice().titled('2026年城区义务教育学校划片招生方案').inCategory('ZSKS').withTopics('zoning').published().create(editor, admin);
    ids.bodyOnly = await aNotice()
      .titled('2026年小学一年级新生入学报名须知')
      .inCategory('ZSKS')
      .withBody('<p>请家长对照学校划片范围，按时到校报名。</p>')
      // Given out of the catalogue's order; two linked attachments.
      .withTopics('migrant-children', 'zhongkao')
      .with({
        attachments: [
          { name: '报名表.docx', url: 'https://www.example.gov.cn/uploads/bmb.docx', size: 24576 },
          { name: '划片范围.pdf', url: 'https://www.example.gov.cn/uploads/hpfw.pdf', size: 102400 },
        ],
      })
      .published()
      .create(editor, admin);
    ids.procurement = await aNotice().titled('多媒体教学设备采购项目中标结果公示').inCategory('ZBCG').ofType('procurement').published().create(editor, admin);
    ids.school = await aNotice().titled('实验小学开展秋季运动会').inCategory('XXDT').byUnit('SCHOOL000000000001').published().create(admin, admin);
    ids.percent = await aNotice().titled('资助覆盖率达到100%_全面落实').inCategory('JYHM').published().create(editor, admin);
    ids.draft = await aNotice().titled('划片草稿（未发布）').inCategory('ZSKS').withTopics('zoning').create(editor);
    ids.onRequest = await aNotice().titled('教师考核结果（依申请公开）').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
    ids.withheld = await aNotice().titled('划片内部讨论稿（不予公开）').disclosed('withheld', '属于四类过程性信息').withTopics('zoning').published().create(editor, admin);
  });

  afterAll(() => server?.destroy());

  it('lists the ten categories and the special topics in their order, without sign-in', async () => {
    const categories = await anon.get('/categories');
    expect(categories.status).toBe(200);
    expect(categories.body.map((c: { name: string }) => c.name)).toEqual(CATEGORY_SEEDS.map((c) => c.name));
    const topics = await anon.get('/topics');
    expect(topics.body.map((t: { code: string }) => t.code)).toEqual(TOPIC_SEEDS.map((t) => t.code));
    const units = await anon.get('/units');
    expect(units.body.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['基础教育科', '昌乐县实验小学']));
  });

  it('shows only published 主动公开 notices, newest first, without bodies', async () => {
    const res = await anon.get('/notices');
    expect(res.status).toBe(200);
    const titles = res.body.items.map((n: { title: string }) => n.title);
    expect(titles).toEqual([
      '资助覆盖率达到100%_全面落实',
      '实验小学开展秋季运动会',
      '多媒体教学设备采购项目中标结果公示',
      '2026年小学一年级新生入学报名须知',
      '2026年城区义务教育学校划片招生方案',
    ]);
    expect(res.body.items[0]).not.toHaveProperty('bodyHtml');
    expect(res.body.items[4]).toMatchObject({ category: { code: 'ZSKS', name: '招生考试' }, topics: [{ code: 'zoning', name: '义务教育划片' }] });
    expect(res.body.items[4].indexNo).toMatch(/^JCJYK0000000000001\/ZSKS-\d{4}-00001$/);
  });

  it('shows each list item with its topics in catalogue order and how many attachments it has', async () => {
    const expected = {
      title: '2026年小学一年级新生入学报名须知',
      topics: [
        { code: 'zhongkao', name: '中考' },
        { code: 'migrant-children', name: '进城务工人员子女入学' },
      ],
      attachmentCount: 2,
    };
    for (const path of ['/notices', '/notices?category=ZSKS', '/notices?unit=JCJYK0000000000001']) {
      const items: { id: number }[] = (await anon.get(path)).body.items;
      expect(items.find((n) => n.id === ids.bodyOnly)).toMatchObject(expected);
      expect(items.find((n) => n.id === ids.zoningPlan)).toMatchObject({ topics: [{ code: 'zoning', name: '义务教育划片' }], attachmentCount: 0 });
    }
    expect((await anon.get('/notices?topic=zhongkao')).body.items).toEqual([expect.objectContaining(expected)]);
  });

  it.each(['draft', 'onRequest', 'withheld'])('answers 404 for a %s notice exactly as for a missing id', async (kind) => {
    const hidden = await anon.get(`/notices/${ids[kind]}`);
    const missing = await anon.get('/notices/999999');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    const search = await anon.get(`/notices?q=${encodeURIComponent('依申请')}`);
    expect(search.body.items).toEqual([]);
  });

  it('answers 404 for ids that are not numbers', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const res = await anon.get(`/notices/${bad}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('returns the full notice and counts each view, without making the staff copy stale', async () => {
    const versionBefore = (await admin.get(`/staff/notices/${ids.zoningPlan}`)).body.version;
    const first = await anon.get(`/notices/${ids.zoningPlan}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: ids.zoningPlan,
      title: '2026年城区义务教育学校划片招生方案',
      bodyHtml: '<p>正文内容</p>',
      disclosure: 'proactive',
      unit: { code: 'JCJYK0000000000001', name: '基础教育科' },
      attachments: [],
    });
    const second = await anon.get(`/notices/${ids.zoningPlan}`);
    expect(second.body.viewCount).toBe(first.body.viewCount + 1);
    // Flushed to the database (one round of the counter): staff see it too.
    await server.tasks.run('view-counter');
    const staffView = await admin.get(`/staff/notices/${ids.zoningPlan}`);
    expect(staffView.body.viewCount).toBe(second.body.viewCount);
    // A view is not an edit: a withdraw prepared before parents read the notice still applies.
    expect(staffView.body.version).toBe(versionBefore);
  });

  it('finds Chinese substrings in title and body, title matches first', async () => {
    const res = await anon.get(`/notices?q=${encodeURIComponent('划片')}`);
    expect(res.body.items.map((n: { id: number }) => n.id)).toEqual([ids.zoningPlan, ids.bodyOnly]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const percent = await anon.get(`/notices?q=${encodeURIComponent('100%_')}`);
    expect(percent.body.items.map((n: { id: number }) => n.id)).toEqual([ids.percent]);
    const underscore = await anon.get(`/notices?q=${encodeURIComponent('_')}`);
    expect(underscore.body.items.map((n: { id: number }) => n.id)).toEqual([ids.percent]);
  });

  it('filters by category, topic, unit and year', async () => {
    const byCategory = await anon.get('/notices?category=ZBCG');
    expect(byCategory.body.items.map((n: { id: number }) => n.id)).toEqual([ids.procurement]);
    const byTopic = await anon.get('/notices?topic=zoning');
    expect(byTopic.body.items.map((n: { id: number }) => n.id)).toEqual([ids.zoningPlan]);
    const byUnit = await anon.get('/notices?unit=SCHOOL000000000001');
    expect(byUnit.body.items.map((n: { id: number }) => n.id)).toEqual([ids.school]);
    expect((await anon.get('/notices?year=2026')).body.items).toHaveLength(5);
    expect((await anon.get('/notices?year=2025')).body.items).toHaveLength(0);
  });

  it('refuses unknown filters, bad limits and forged cursors with a clear 400', async () => {
    const unknownCategory = await anon.get('/notices?category=NOPE');
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'category' }] });
    const tooMany = await anon.get('/notices?limit=51');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'limit', message: '每页最多 50 条' });
    const unknownParam = await anon.get('/notices?sort=asc');
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.details[0].field).toBe('sort');
    for (const cursor of ['garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await anon.get(`/notices?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_CURSOR');
    }
    const year = await anon.get('/notices?year=twenty');
    expect(year.status).toBe(400);
  });

  it('sends ETags and answers 304 when the client has the current version', async () => {
    for (const path of ['/categories', '/notices?category=ZSKS', `/notices/${ids.school}`]) {
      const first = await anon.get(path);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await anon.get(path, { 'if-none-match': etag! });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const stale = await anon.get(path, { 'if-none-match': 'W/"old"' });
      expect(stale.status).toBe(200);
    }
  });

  it('changes the ETag of a list when a notice is published into it', async () => {
    const before = await anon.get('/notices?category=JYDD');
    expect(before.body.items).toHaveLength(0);
    await aNotice().titled('督导评估报告').inCategory('JYDD').published().create(editor, admin);
    const after = await anon.get('/notices?category=JYDD', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.items.map((n: { title: string }) => n.title)).toEqual(['督导评估报告']);
  });
});
