import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { reachableRedisUrl, uniqueRedisPrefix } from '../../support/redis';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/**
 * Per-address limits on the parent sign-ins, on searches the public cache cannot answer and on
 * zoning lookups that find nothing, with each store: in memory (per instance) and through Redis
 * (shared by instances). Each test speaks
 * from addresses of its own (X-Forwarded-For behind TRUST_PROXY), so the tests share no counter.
 */
jest.setTimeout(120_000);

const LIMITED = { statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ 秒后再试$/) };

const stores: { name: string; env: () => Promise<Record<string, string> | null> }[] = [
  { name: 'in memory', env: async () => ({}) },
  {
    name: 'through Redis',
    env: async () => {
      const url = await reachableRedisUrl();
      return url ? { REDIS_URL: url, REDIS_KEY_PREFIX: uniqueRedisPrefix() } : null;
    },
  },
];

describe.each(stores)('rate limits, $name', ({ name, env: storeEnv }) => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let skip = false;

  const from = (server: TestServer, address: string) => {
    const client = new ApiClient(server.baseUrl);
    const headers = { 'x-forwarded-for': address };
    return {
      wechat: (openid: string) => client.post('/auth/wechat', { code: wechat.issueCode({ openid }) }, headers),
      demo: () => client.post('/auth/demo', {}, headers),
      search: (q: string) => client.get(`/notices?q=${encodeURIComponent(q)}`, headers),
      list: (query: string) => client.get(`/notices?${query}`, headers),
    };
  };
  const statuses = (responses: ApiResponse[]) => responses.map((r) => r.status);
  const expectLimited = (res: ApiResponse) => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual(LIMITED);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.message).toBe(`操作过于频繁，请 ${retryAfter} 秒后再试`);
  };

  beforeAll(async () => {
    const store = await storeEnv();
    if (!store) {
      skip = true;
      console.warn(`rate limits ${name}: no Redis answers on REDIS_URL or 127.0.0.1:6379; skipped (CI starts one)`);
      return;
    }
    await wechat.start();
    const env = {
      ...wechat.env(),
      ...store,
      DEMO_DATA: 'true',
      DEMO_STAFF_PASSWORD: 'demo-password-1',
      TRUST_PROXY: 'true',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_SIGNIN_MAX: '3',
      RATE_LIMIT_SEARCH_MAX: '3',
      // No content changes here: keep the cache from being cleared by the version poll mid-test.
      PUBLIC_CACHE_POLL_MS: '600000',
    };
    db = await freshDatabase();
    a = await startServer(db, env);
    b = await startServer(db, env);
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await db?.drop();
    if (!skip) await wechat.stop();
  });

  it('refuses the fourth WeChat sign-in of one address within the window with 429, a Chinese message and Retry-After; other addresses and later sign-ins pass', async () => {
    if (skip) return;
    const parent = from(a, '203.0.113.10');
    expect(statuses([await parent.wechat('o-rl-1'), await parent.wechat('o-rl-2'), await parent.wechat('o-rl-3')])).toEqual([200, 200, 200]);
    expectLimited(await parent.wechat('o-rl-4'));
    expect((await from(a, '203.0.113.11').wechat('o-rl-5')).status).toBe(200);

    a.clock.advance(60_000);
    b.clock.advance(60_000);
    expect((await parent.wechat('o-rl-6')).status).toBe(200);
  });

  it('limits demo sign-ins per address the same way', async () => {
    if (skip) return;
    const parent = from(a, '203.0.113.20');
    expect(statuses([await parent.demo(), await parent.demo(), await parent.demo()])).toEqual([200, 200, 200]);
    expectLimited(await parent.demo());
    expect((await from(a, '203.0.113.21').demo()).status).toBe(200);
  });

  it('counts only searches the public cache cannot answer', async () => {
    if (skip) return;
    const parent = from(a, '203.0.113.30');
    // The same search five times: built once, then served from the cache.
    const repeated = [];
    for (let i = 0; i < 5; i += 1) repeated.push(await parent.search('招生'));
    expect(statuses(repeated)).toEqual([200, 200, 200, 200, 200]);
    expect(repeated[4]!.body.items.length).toBeGreaterThan(0);
    expect((await parent.search('中考')).status).toBe(200);
    expect((await parent.search('划片')).status).toBe(200);
    expectLimited(await parent.search('入学'));
    // Still answered while the address is limited: a cached search, and lists without a search term.
    expect((await parent.search('招生')).status).toBe(200);
    expect((await parent.list('category=ZSKS')).status).toBe(200);
    expect((await parent.list('limit=5')).status).toBe(200);
    expect((await from(a, '203.0.113.31').search('入学')).status).toBe(200);
  });

  it('counts 学区查询 lookups that find nothing (they are kept for staff), never those that answer', async () => {
    if (skip) return;
    const lookup = (address: string, q: string) => new ApiClient(a.baseUrl).get(`/zoning/lookup?q=${encodeURIComponent(q)}`, { 'x-forwarded-for': address });
    const parent = '203.0.113.50';
    const found = [];
    for (let i = 0; i < 5; i += 1) found.push(await lookup(parent, '北辰花园3号楼'));
    expect(statuses(found)).toEqual([200, 200, 200, 200, 200]);
    expect(found[4]!.body).toMatchObject({ status: 'matched', primary: { school: { name: '昌乐县北城小学' } } });
    const missing = [await lookup(parent, '火星路1号'), await lookup(parent, '月亮湾2号'), await lookup(parent, '银河小区3号楼')];
    expect(missing.map((r) => [r.status, r.body.status])).toEqual([[200, 'none'], [200, 'none'], [200, 'none']]);
    expectLimited(await lookup(parent, '土星大道4号'));
    // Still answered while limited: an address the table has; and another address is not limited.
    expect((await lookup(parent, '北辰花园3号楼')).status).toBe(200);
    expect((await lookup('203.0.113.51', '土星大道4号')).body.status).toBe('none');
  });

  it(name === 'in memory' ? 'counts per instance: a second instance still lets the address in' : 'shares the count between instances', async () => {
    if (skip) return;
    const address = '203.0.113.40';
    expect(statuses([await from(a, address).demo(), await from(a, address).demo(), await from(a, address).demo()])).toEqual([200, 200, 200]);
    expectLimited(await from(a, address).demo());
    const onB = await from(b, address).demo();
    if (name === 'in memory') expect(onB.status).toBe(200);
    else expectLimited(onB);
  });
});
