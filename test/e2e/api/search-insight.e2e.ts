import type { SearchInsight, SearchResponse } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * What parents searched, for staff (/staff/search/insight): every first page of a public search is
 * counted per Shanghai day and query, masked before it is kept (a phone, a house number), without
 * who searched; counts reach the database by the `search-log` task (none shown before it ran); days
 * older than SEARCH_LOG_RETAIN_DAYS (730) go. The file starts on Wednesday 9 December 2026, 10:00
 * in Shanghai.
 */
const START = new Date('2026-12-09T10:00:00+08:00');
const DAY_MS = 24 * 3600 * 1000;

describe('search insight', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  /** Editors hold search.manage; a publisher does not. */
  let editor: ApiClient;
  let publisher: ApiClient;

  /** One page of a public search, as the mini-program asks for it. */
  const search = async (q: string, extra: Record<string, string> = {}): Promise<SearchResponse> => {
    const res = await anon.get<SearchResponse>(`/search?${new URLSearchParams({ q, ...extra })}`);
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${res.text}`);
    return res.body;
  };
  const insight = async (query = ''): Promise<SearchInsight> => {
    const res = await editor.get<SearchInsight>(`/staff/search/insight${query}`);
    if (res.status !== 200) throw new Error(`insight ${query}: ${res.status} ${res.text}`);
    return res.body;
  };
  /** Moving the clock a day on outlives the staff's sessions (8 hours): sign in again. */
  const signInAgain = async () => {
    editor = anon.as(await login(anon, 'editor1'));
    publisher = anon.as(await login(anon, 'publisher1'));
  };
  const refusal = (res: ApiResponse) => ({ status: res.status, code: res.body?.code, fields: (res.body?.details ?? []).map((d: { field: string }) => d.field), chinese: /[\u4e00-\u9fa5]/.test(res.body?.message ?? '') });

  beforeAll(async () => {
    server = await startTestServer({ SEARCH_LOG_FLUSH_MS: '600000', RATE_LIMIT_SEARCH_MAX: '0' }, new SettableClock(START));
    const boot = await bootstrapAdmin(server);
    admin = boot.admin;
    anon = boot.anonymous;
    editor = await aStaff(admin, 'editor1', boot.unitCode, ['editor']);
    publisher = await aStaff(admin, 'publisher1', boot.unitCode, ['publisher']);
    await aNotice()
      .titled('2026年城区义务教育学校划片招生方案')
      .withBody('<p>城区公办小学、初中按划片范围招生，适龄儿童按户籍和实际居住地在划片学校就读。报名地点：县教育局（新昌路18号）。</p>')
      .published()
      .create(editor, admin);
    await aNotice()
      .titled('关于城区义务教育学校划片范围调整公开征求意见的公告')
      .withBody('<p>现就城区小学划片范围调整公开征求意见。</p>')
      .published()
      .create(editor, admin);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('counts first pages per day and query, masked, once the task has written them', async () => {
    // 9 December: 划片 three times (one of them paged on: the second page is not another search).
    const first = await search('划片', { limit: '1' });
    expect(first.total).toBe(2);
    await search('划片', { limit: '1', cursor: first.nextCursor! });
    await search('划片');
    await search('  划片  ');
    expect((await search('13812345678 校车')).total).toBe(0);
    expect((await search('宝城街道北海路7号')).total).toBe(0);
    expect((await search('校车')).total).toBe(0);

    // Counted in memory until the task writes them: nothing shows yet.
    expect(await insight()).toEqual({ from: '2026-11-10', to: '2026-12-09', searches: 0, zeroResultSearches: 0, top: [], zeroResults: [], perDay: [] });
    await server.tasks.run('search-log');

    // 10 December.
    server.clock.advance(DAY_MS);
    await signInAgain();
    await search('划片');
    await search('校车');
    await search('校车');
    await search('13900001111 校车');
    await server.tasks.run('search-log');

    expect(await insight()).toEqual({
      from: '2026-11-11',
      to: '2026-12-10',
      searches: 10,
      zeroResultSearches: 6,
      top: [
        { query: '划片', searches: 4, zeroResults: 0, lastDay: '2026-12-10' },
        { query: '校车', searches: 3, zeroResults: 3, lastDay: '2026-12-10' },
        { query: '〔电话〕 校车', searches: 2, zeroResults: 2, lastDay: '2026-12-10' },
        { query: '宝城街道北海路〔门牌号〕', searches: 1, zeroResults: 1, lastDay: '2026-12-09' },
      ],
      zeroResults: [
        { query: '校车', searches: 3, zeroResults: 3, lastDay: '2026-12-10' },
        { query: '〔电话〕 校车', searches: 2, zeroResults: 2, lastDay: '2026-12-10' },
        { query: '宝城街道北海路〔门牌号〕', searches: 1, zeroResults: 1, lastDay: '2026-12-09' },
      ],
      perDay: [
        { day: '2026-12-09', searches: 6, zeroResults: 3 },
        { day: '2026-12-10', searches: 4, zeroResults: 3 },
      ],
    });
    // One day only (the three queries searched once are tied: their order is not claimed).
    const day = await insight('?from=2026-12-09&to=2026-12-09');
    expect({ ...day, top: day.top.slice(0, 1) }).toMatchObject({
      from: '2026-12-09',
      to: '2026-12-09',
      searches: 6,
      zeroResultSearches: 3,
      top: [{ query: '划片', searches: 3, zeroResults: 0, lastDay: '2026-12-09' }],
      perDay: [{ day: '2026-12-09', searches: 6, zeroResults: 3 }],
    });
    expect(day.top.slice(1).map((q) => q.query).sort()).toEqual(['〔电话〕 校车', '宝城街道北海路〔门牌号〕', '校车']);
  });

  it('never keeps the phone number or house number itself', async () => {
    expect((await search('13812345678 潜水艇')).total).toBe(0);
    // The bureau's address finds the notice that gives it: three times, often enough to be suggested were it not masked (the next test).
    for (let i = 0; i < 3; i += 1) expect((await search('新昌路18号')).total).toBe(1);
    await server.tasks.run('search-log');
    const day = await insight('?from=2026-12-10&to=2026-12-10');
    expect(day.top.filter((q) => q.query.includes('〕')).map((q) => `${q.query} ${q.searches}/${q.zeroResults}`).sort()).toEqual(['〔电话〕 校车 1/1', '〔电话〕 潜水艇 1/1', '新昌路〔门牌号〕 3/0']);
    const raw = await server.dataSource.query('SELECT query FROM search_query_day');
    const stored = (raw as { query: string }[]).map((r) => r.query).sort();
    expect(stored.filter((q) => /[0-9]/.test(q))).toEqual([]);
    expect(stored).toEqual(['〔电话〕 校车', '〔电话〕 校车', '〔电话〕 潜水艇', '划片', '划片', '宝城街道北海路〔门牌号〕', '新昌路〔门牌号〕', '校车', '校车']);
  });

  it('offers often-searched queries that found something as suggestions, never a masked one', async () => {
    // Past the minute the popular queries are kept for.
    server.clock.advance(61_000);
    const res = await anon.get('/search/suggest?q=');
    expect(res.status).toBe(200);
    const queries = (res.body.suggestions as { text: string; kind: string }[]).filter((s) => s.kind === 'query').map((s) => s.text);
    expect(queries).toEqual(['划片']);
  });

  it('asks for real dates, in order, at most 366 days apart', async () => {
    const cases: [string, string[]][] = [
      ['?from=2026-12-01', ['to']],
      ['?to=2026-12-01', ['from']],
      ['?from=2026-12-1&to=2026-12-10', ['from']],
      ['?from=2026-02-30&to=2026-03-10', ['from']],
      ['?from=2026-12-01&to=20261210', ['to']],
      ['?from=2026-12-10&to=2026-12-09', ['from']],
      ['?from=2025-12-09&to=2026-12-10', ['to']],
      ['?from=2026-12-01&from=2026-12-02&to=2026-12-10', ['from']],
      ['?from=2026-12-01&to=2026-12-10&unit=1', ['unit']],
    ];
    for (const [query, fields] of cases) {
      const res = await editor.get(`/staff/search/insight${query}`);
      expect({ query, ...refusal(res) }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED', fields, chinese: true });
    }
    // 366 days, both ends counted.
    const year = await insight('?from=2025-12-10&to=2026-12-10');
    expect({ from: year.from, to: year.to, searches: year.searches }).toEqual({ from: '2025-12-10', to: '2026-12-10', searches: 14 });
  });

  it('is for staff who manage search only', async () => {
    expect((await publisher.get('/staff/search/insight')).status).toBe(403);
    expect((await anon.get('/staff/search/insight')).status).toBe(401);
  });

  it('forgets days older than 730 days', async () => {
    // 9 December 2028 (2028 has 29 February): 9 December 2026 is 731 days old, 10 December 2026 exactly 730.
    server.clock.set(new Date('2028-12-09T10:00:00+08:00'));
    await signInAgain();
    await server.tasks.run('search-log');
    const left = await insight('?from=2026-12-01&to=2026-12-31');
    expect(left.perDay.map((d) => [d.day, d.searches])).toEqual([['2026-12-10', 8]]);
    expect(left.top.map((q) => q.query).sort()).toEqual(['〔电话〕 校车', '〔电话〕 潜水艇', '划片', '新昌路〔门牌号〕', '校车']);
  });
});
