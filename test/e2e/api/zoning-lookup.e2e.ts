import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { freshDatabase, startServer, startTestServer, type TestDatabase, type TestServer } from '../../support/test-server';

const DAY_MS = 24 * 3600_000;

/** 学区查询 as parents and the public web use it (issue 15, item 3), on the demo county (昌乐县). */
describe('zoning lookup: the public routes on the demo county', () => {
  let db: TestDatabase;
  let server: TestServer;
  let anon: ApiClient;
  const env = { DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: 'demo-password-1' };
  const staff = async (username = 'editor') => anon.as((await anon.post('/auth/staff', { username, password: env.DEMO_STAFF_PASSWORD })).body.token);
  const lookup = (query: Record<string, string>) => anon.get(`/zoning/lookup?${new URLSearchParams(query)}`);

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startServer(db, env);
    anon = new ApiClient(server.baseUrl);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('answers a typed address with the school, its phone, the rule and the year’s 划片 notice; the answer is never cached', async () => {
    const res = await lookup({ q: '北辰花园3号楼' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      status: 'matched',
      year: 2026,
      certain: true,
      understood: '宝城街道 北岩社区 北辰花园 3栋',
      primary: {
        school: { name: '昌乐县北城小学', phone: '0536-6290316' },
        rule: { town: '宝城街道', village: '北岩社区', compound: '北辰花园', from: null, to: null, applicant: 'all', condition: null },
      },
      junior: { school: { name: '昌乐县第一实验中学', phone: '0536-6225377' } },
      notice: { id: expect.any(Number), title: '2026年城区义务教育学校划片招生方案' },
    });
    // The notice it names is the public one.
    const notice = await anon.get(`/notices/${res.body.notice.id}`);
    expect(notice.body.title).toBe('2026年城区义务教育学校划片招生方案');
  });

  it('answers from an earlier year when asked: 北辰花园 was 实验小学’s before 北城小学 opened', async () => {
    const res = await lookup({ q: '北辰花园3号楼', year: '2025' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'matched',
      year: 2025,
      primary: { school: { name: '昌乐县实验小学', phone: '0536-6226018' } },
      notice: { title: '2025年城区义务教育学校划片招生方案' },
    });
  });

  it('lists the years in effect, the current one first', async () => {
    const res = await anon.get('/zoning/years');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { year: 2026, current: true, effectiveFrom: expect.any(String), notice: { id: expect.any(Number), title: '2026年城区义务教育学校划片招生方案' } },
      { year: 2025, current: false, effectiveFrom: expect.any(String), notice: { id: expect.any(Number), title: '2025年城区义务教育学校划片招生方案' } },
    ]);
    const again = await anon.get('/zoning/years', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('answers through the cascade: 镇街 → 社区（村）→ 小区, then the school', async () => {
    const towns = await anon.get('/zoning/places');
    expect(towns.status).toBe(200);
    expect(towns.body.year).toBe(2026);
    expect(towns.body.options).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'town', name: '宝城街道' }), expect.objectContaining({ level: 'town', name: '乔官镇' })]));
    const villages = await anon.get(`/zoning/places?town=${encodeURIComponent('宝城街道')}`);
    expect(villages.body.options).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'village', name: '北岩社区' })]));
    const compounds = await anon.get(`/zoning/places?${new URLSearchParams({ town: '宝城街道', village: '北岩社区' })}`);
    expect(compounds.body.options).toEqual(expect.arrayContaining([{ level: 'compound', name: '北辰花园', answers: true, needsNumber: false }]));
    const res = await lookup({ town: '宝城街道', village: '北岩社区', compound: '北辰花园' });
    expect(res.body).toMatchObject({ status: 'matched', year: 2026, certain: true, primary: { school: { name: '昌乐县北城小学' } }, junior: { school: { name: '昌乐县第一实验中学' } } });
  });

  it('shows each case when the school depends on whose child it is (and on 房户一致), and the one case when told', async () => {
    // 新昌花园 (方山社区): 实验小学 admits 房户一致 first, other local children go to 北城小学, 随迁子女 to 宝城街道中心小学.
    const both = await lookup({ q: '新昌花园5号楼' });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ status: 'matched', year: 2026, certain: true, understood: '宝城街道 方山社区 新昌花园 5栋' });
    expect(both.body.primary).toBeUndefined();
    const cases = (both.body.options as { applicant: string; condition: string | null; primary?: { school: { name: string } } }[]).map((o) => [o.applicant, o.condition, o.primary?.school.name ?? null]);
    expect(cases).toHaveLength(3);
    expect(cases).toEqual(
      expect.arrayContaining([
        ['local', '房户一致', '昌乐县实验小学'],
        ['local', null, '昌乐县北城小学'],
        ['migrant', null, '宝城街道中心小学'],
      ]),
    );
    const migrant = await lookup({ q: '新昌花园5号楼', applicant: 'migrant' });
    expect(migrant.body).toMatchObject({
      status: 'matched',
      primary: { school: { name: '宝城街道中心小学', phone: '0536-6213507' }, rule: { applicant: 'migrant', note: '持本县有效居住证' } },
      junior: { school: { name: '昌乐县第一实验中学' } },
    });
    expect(migrant.body.options).toBeUndefined();
  });

  it('answers an unknown address with advice and whom to call; staff see it among the searches that found nothing, counted, without who searched', async () => {
    const q = '昌乐县幸福大道88号3单元502室';
    for (const _ of [1, 2]) {
      const res = await lookup({ q });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'none', year: 2026, certain: false, notice: { title: '2026年城区义务教育学校划片招生方案' } });
      expect(res.body.primary).toBeUndefined();
      // ZONING_HELP_CONTACT: the demo's is its 基础教育科.
      expect(res.body.advice).toMatch(/请致电县教育局咨询（县教育局基础教育科 0536-6212312）$/);
    }
    // A signed-in parent's search is kept the same way: the route does not look at who asks.
    const parent = anon.as((await anon.post('/auth/demo')).body.token);
    expect((await parent.get(`/zoning/lookup?${new URLSearchParams({ q: '昌乐县幸福大道88号', year: '2025' })}`)).body.status).toBe('none');

    await server.tasks.run('zoning-misses');
    const editor = await staff();
    const misses = await editor.get('/staff/zoning/misses?year=2026');
    expect(misses.status).toBe(200);
    expect(misses.body).toEqual({ items: [{ text: '昌乐县幸福大道88号', year: 2026, count: 2, firstAt: expect.any(String), lastAt: expect.any(String) }], nextCursor: null });
    const all = await editor.get('/staff/zoning/misses');
    expect(all.body.items.map((m: { year: number; count: number; text: string }) => [m.year, m.text, m.count])).toEqual([
      [2026, '昌乐县幸福大道88号', 2],
      [2025, '昌乐县幸福大道88号', 1],
    ]);
    // Nothing but the year, the text (no unit, no room), its hash, the count and two times: no parent, no address of the request.
    const rows = (await server.dataSource.query('SELECT * FROM zoning_miss ORDER BY year')) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['count', 'first_at', 'id', 'last_at', 'text', 'text_hash', 'year']);
    expect(rows.map((r) => [r.year, r.text])).toEqual([
      [2025, '昌乐县幸福大道88号'],
      [2026, '昌乐县幸福大道88号'],
    ]);
    // Only staff with zoning.manage: parents and the public are refused.
    expect((await parent.get('/staff/zoning/misses')).status).toBe(401);
    expect((await anon.get('/staff/zoning/misses')).status).toBe(401);
    expect((await (await staff('secrecy_reviewer')).get('/staff/zoning/misses')).status).toBe(403);
  });

  it('refuses bad query strings with a 400 in Chinese, and a year without a table with 404 ZONING_YEAR_NOT_PUBLISHED', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ q: '北'.repeat(101) }, 'q', '住址最多 100 个字'],
      [{ q: '北辰花园', applicant: 'foreigner' }, 'applicant', '适用对象须为 local（本地户籍）或 migrant（随迁子女）'],
      [{ q: '北辰花园', year: '1900' }, 'year', '年份须为 2000—2100 之间的整数'],
      [{ q: '北辰花园', year: '二〇二六' }, 'year', '年份须为 2000—2100 之间的整数'],
      [{ town: '宝城街道', compound: '新昌路', number: '-1' }, 'number', '门牌号须为 1—99999 的整数'],
      [{ town: '宝城街道', compound: '北辰花园', building: '100000' }, 'building', '楼栋号须为 1—99999 的整数'],
      [{}, 'q', '请输入住址，或逐级选择镇街、社区（村）和小区'],
      [{ q: '   ' }, 'q', '请输入住址，或逐级选择镇街、社区（村）和小区'],
      [{ village: '北岩社区' }, 'town', '请先选择镇街'],
      [{ q: '北辰花园', page: '1' }, 'page', '不支持的字段：page'],
    ];
    for (const [query, field, message] of cases) {
      const res = await lookup(query);
      expect({ query, status: res.status, body: res.body }).toEqual({ query, status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message, details: [{ field, message }] } });
    }
    const twice = await anon.get(`/zoning/lookup?q=${encodeURIComponent('北辰花园')}&q=x`);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe('住址只能填写一个');
    const places = await anon.get(`/zoning/places?village=${encodeURIComponent('北岩社区')}`);
    expect(places.body).toMatchObject({ statusCode: 400, message: '请先选择镇街' });

    for (const path of [`/zoning/lookup?q=${encodeURIComponent('北辰花园')}&year=2030`, '/zoning/places?year=2030']) {
      const res = await anon.get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2030年的划片范围尚未公布' });
    }
  });

  it('tells parents in the privacy notice what is kept of an address, and for how long', async () => {
    const notice = (await anon.get('/privacy/notice')).body;
    expect(notice.items.find((i: { kind: string }) => i.kind === 'address')).toMatchObject({
      collecting: true,
      encrypted: false,
      retention: '查到结果的地址仅用于本次查询，不保存；未查到结果的地址去掉单元、楼层和室号后保存，不记录查询人、账号或网络地址，无法与您的身份关联，最后一次被查询 180 天后删除',
    });
    expect(notice.retention).toEqual(expect.arrayContaining([{ kind: 'zoning_miss', label: '学区查询中未查到结果的地址', days: 180, from: '最后一次查询' }]));
  });

  // Last: it moves the clock.
  it('deletes a searched address 180 days after its last search (PRIVACY_RETAIN_ZONING_MISS_DAYS), with a count in the erasure log', async () => {
    server.clock.advance(179 * DAY_MS);
    await server.tasks.run('privacy-retention');
    expect((await (await staff()).get('/staff/zoning/misses?year=2026')).body.items).toHaveLength(1);

    server.clock.advance(2 * DAY_MS);
    await server.tasks.run('privacy-retention');
    expect((await (await staff()).get('/staff/zoning/misses')).body).toEqual({ items: [], nextCursor: null });
    const erasures = await (await staff('admin')).get('/staff/privacy/erasures');
    expect(erasures.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'retention', kind: 'zoning_miss', label: '学区查询中未查到结果的地址', count: 2, parentId: null })]));
  });
});

describe('zoning lookup: before any year is published', () => {
  let server: TestServer;
  let anon: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(new Date('2027-03-01T02:00:00Z')));
    anon = new ApiClient(server.baseUrl);
  });

  afterAll(() => server?.destroy());

  it('answers 404 ZONING_YEAR_NOT_PUBLISHED for this year, and no years', async () => {
    for (const path of [`/zoning/lookup?q=${encodeURIComponent('北辰花园')}`, '/zoning/places']) {
      const res = await anon.get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2027年的划片范围尚未公布' });
    }
    expect((await anon.get('/zoning/years')).body).toEqual([]);
  });
});
