import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PublicCache } from '../../../server/src/common/cache/public-cache';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { ok, version } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent, still coded. */
  bytes: Buffer;
  /** Decoded as a browser would, by Content-Encoding. */
  text: string;
}

/** A paragraph long enough that a notice's detail and the lists pass the 1 KB threshold. */
const LONG_BODY = `<p>${'请家长对照学校划片范围，携带户口簿和房产证明，按时到校报名。'.repeat(40)}</p>`;

describe('compressed public answers and the lean read path', () => {
  let server: TestServer;
  let admin: ApiClient;
  let editor: ApiClient;
  let leader: ApiClient;
  const ids: Record<string, number> = {};

  /** The exact bytes and headers, without fetch's transparent decoding. */
  const raw = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> =>
    new Promise((resolve, reject) => {
      const url = new URL(server.baseUrl + path);
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const bytes = Buffer.concat(chunks);
            const coding = res.headers['content-encoding'];
            // A HEAD or 304 has no body to decode.
            const decoded = bytes.length === 0 ? bytes : coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text: decoded.toString('utf8') });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

  /** Headers that differ between two answers of the same thing only by time (Server-Timing: a built answer's work; one from memory has none). */
  const comparable = (h: IncomingHttpHeaders) => {
    const { date: _date, connection: _connection, 'keep-alive': _keepAlive, 'server-timing': _serverTiming, ...rest } = h;
    return rest;
  };

  beforeAll(async () => {
    server = await startTestServer({ VIEW_FLUSH_MS: '600000' }, new SettableClock(new Date('2026-09-01T09:00:00+08:00')));
    ({ admin } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJYK0000000000001', '基础教育科');
    editor = await aStaff(admin, 'editor1', 'JCJYK0000000000001', ['editor']);
    leader = await aStaff(admin, 'leader1', 'JCJYK0000000000001', ['leader']);
    ids.plan = await aNotice().titled('2026年城区义务教育学校划片招生方案').inCategory('ZSKS').withBody(LONG_BODY).published().create(editor, admin);
    for (let i = 1; i <= 6; i += 1) {
      ids[`n${i}`] = await aNotice().titled(`2026年第${i}批义务教育学校招生入学工作安排的通知`).inCategory('ZSKS').withBody(LONG_BODY).published().create(editor, admin);
    }
  });

  afterAll(() => server?.destroy());

  it('answers br, gzip or identity by Accept-Encoding, each decoding to the same bytes, always with Vary', async () => {
    const path = '/api/v1/notices?category=ZSKS';
    const identity = await raw(path);
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.bytes.length).toBeGreaterThan(1024);
    expect(identity.headers.vary).toBe('Accept-Encoding');
    const cases: [string, string | undefined][] = [
      ['br, gzip', 'br'],
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.4', 'gzip'],
      ['*', 'br'],
      ['br;q=0, gzip;q=0', undefined],
      ['deflate', undefined],
      ['identity', undefined],
    ];
    for (const [accept, coding] of cases) {
      const res = await raw(path, { 'accept-encoding': accept });
      expect([accept, res.status, res.headers['content-encoding'], res.headers.vary]).toEqual([accept, 200, coding, 'Accept-Encoding']);
      expect(res.text).toBe(identity.text);
      if (coding) expect(res.bytes.length).toBeLessThan(identity.bytes.length / 2);
    }
  });

  it('revalidates to 304 under every coding with the one weak ETag', async () => {
    const path = `/gk/notices/${ids.plan}`;
    const br = await raw(path, { 'accept-encoding': 'br' });
    const gzip = await raw(path, { 'accept-encoding': 'gzip' });
    const plain = await raw(path);
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    expect(br.headers.etag).toMatch(/^W\//);
    expect(gzip.headers.etag).toBe(br.headers.etag);
    expect(plain.headers.etag).toBe(br.headers.etag);
    expect(br.text).toBe(plain.text);
    expect(gzip.text).toBe(plain.text);
    for (const accept of ['br', 'gzip', 'identity']) {
      const revalidated = await raw(path, { 'accept-encoding': accept, 'if-none-match': br.headers.etag! });
      expect([accept, revalidated.status, revalidated.bytes.length, revalidated.headers.vary, revalidated.headers.etag]).toEqual([accept, 304, 0, 'Accept-Encoding', br.headers.etag]);
    }
  });

  it('keeps small answers uncompressed', async () => {
    const categories = await raw('/api/v1/topics', { 'accept-encoding': 'br, gzip' });
    expect(categories.status).toBe(200);
    expect(categories.bytes.length).toBeLessThan(1024);
    expect(categories.headers['content-encoding']).toBeUndefined();
    expect(categories.headers.vary).toBe('Accept-Encoding');
  });

  it('counts every view of a compressed detail: the live count decodes under br and gzip and is stored after the flush', async () => {
    const path = `/api/v1/notices/${ids.n1}`;
    const counts: number[] = [];
    for (const accept of ['br', 'gzip', 'br', 'gzip', 'identity']) {
      const res = await raw(path, { 'accept-encoding': accept, 'x-client-channel': 'h5' });
      expect(res.headers['content-encoding']).toBe(accept === 'identity' ? undefined : accept);
      const body = JSON.parse(res.text) as { id: number; viewCount: number; bodyHtml: string };
      expect([body.id, body.bodyHtml]).toEqual([ids.n1, LONG_BODY]);
      counts.push(body.viewCount);
    }
    expect(counts).toEqual([counts[0], counts[0]! + 1, counts[0]! + 2, counts[0]! + 3, counts[0]! + 4]);
    await server.tasks.run('view-counter');
    const staff = await ok(admin.get(`/staff/notices/${ids.n1}`));
    expect(staff.viewCount).toBe(counts[0]! + 4);
  });

  it('answers a repeated read with the same headers as the first (built) one', async () => {
    for (const path of ['/api/v1/notices?category=ZSKS&limit=5', `/gk/notices/${ids.n2}`, '/gk/categories/ZSKS', '/gk/feed.xml', '/api/v1/categories', '/sitemap.xml']) {
      for (const accept of ['br, gzip', 'gzip', '']) {
        const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
        // From an empty cache: the first read is built by its route, the second answered from memory.
        server.app.get(PublicCache).clear();
        const first = await raw(path, headers);
        const second = await raw(path, headers);
        expect([path, accept, first.status]).toEqual([path, accept, 200]);
        expect(comparable(second.headers)).toEqual(comparable(first.headers));
        expect(second.text).toBe(first.text);
        const head = await raw(path, headers, 'HEAD');
        expect([head.status, head.bytes.length]).toEqual([200, 0]);
        expect(comparable(head.headers)).toEqual(comparable(first.headers));
        // And a revalidation, built by the route and then answered from memory.
        server.app.get(PublicCache).clear();
        const built304 = await raw(path, { ...headers, 'if-none-match': first.headers.etag! });
        const lean304 = await raw(path, { ...headers, 'if-none-match': first.headers.etag! });
        expect([built304.status, lean304.status]).toEqual([304, 304]);
        expect(comparable(lean304.headers)).toEqual(comparable(built304.headers));
      }
    }
    // The detail's headers match too, its body differing only by the count.
    const a = await raw(`/api/v1/notices/${ids.n3}`, { 'accept-encoding': 'br' });
    const b = await raw(`/api/v1/notices/${ids.n3}`, { 'accept-encoding': 'br' });
    const { 'content-length': _a, ...aHeaders } = comparable(a.headers);
    const { 'content-length': _b, ...bHeaders } = comparable(b.headers);
    expect(bHeaders).toEqual(aHeaders);
    expect(aHeaders['content-security-policy']).toContain("default-src 'self'");
    expect(aHeaders['cache-control']).toBe('no-cache');
    expect(aHeaders['content-type']).toBe('application/json; charset=utf-8');
  });

  it("tells a built answer's server time in Server-Timing, errors included; an answer from memory carries none", async () => {
    const path = '/api/v1/notices?category=ZSKS&limit=5';
    server.app.get(PublicCache).clear();
    const built = await raw(path, { 'accept-encoding': 'br' });
    const remembered = await raw(path, { 'accept-encoding': 'br' });
    expect(built.headers['server-timing']).toMatch(/^app;dur=\d+\.\d{2}$/);
    expect(remembered.headers['server-timing']).toBeUndefined();
    const missing = await raw('/api/v1/notices/999999');
    expect([missing.status, missing.headers['server-timing']]).toEqual([404, expect.stringMatching(/^app;dur=\d+\.\d{2}$/)]);
  });

  it('shows a publication and a withdrawal in the very next read of a remembered answer', async () => {
    const list = '/api/v1/notices?category=ZSKS&limit=50';
    const before = JSON.parse((await raw(list, { 'accept-encoding': 'br' })).text) as { items: { id: number }[] };
    await raw(list, { 'accept-encoding': 'br' });
    await raw(`/gk/notices/${ids.n4}`, { 'accept-encoding': 'gzip' });
    await raw(`/api/v1/notices/${ids.n4}`, { 'accept-encoding': 'gzip' });

    const added = await aNotice().titled('2026年秋季学期开学工作通知').inCategory('ZSKS').withBody(LONG_BODY).published().create(editor, admin);
    const afterPublish = JSON.parse((await raw(list, { 'accept-encoding': 'br' })).text) as { items: { id: number }[] };
    expect(afterPublish.items.map((n) => n.id)).toEqual([added, ...before.items.map((n) => n.id)]);

    await ok(leader.post(`/staff/notices/${ids.n4}/withdraw`, { version: await version(leader, ids.n4), reason: '内容有误，另行发布' }));
    expect((await raw(`/gk/notices/${ids.n4}`, { 'accept-encoding': 'gzip' })).status).toBe(410);
    expect((await raw(`/api/v1/notices/${ids.n4}`, { 'accept-encoding': 'gzip' })).status).toBe(404);
    const afterWithdraw = JSON.parse((await raw(list, { 'accept-encoding': 'br' })).text) as { items: { id: number }[] };
    expect(afterWithdraw.items.map((n) => n.id)).not.toContain(ids.n4);
  });

  it('compresses uncached JSON of 1 KB or more on the fly, never a small answer or an error', async () => {
    const staffList = await fetch(`${server.baseUrl}/api/v1/staff/notices`, { headers: { authorization: `Bearer ${admin.token}`, 'accept-encoding': 'br' } });
    expect(staffList.status).toBe(200);
    expect(staffList.headers.get('content-encoding')).toBe('br');
    expect(staffList.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(((await staffList.json()) as { items: unknown[] }).items.length).toBeGreaterThan(6);

    const gzip = await raw('/api/v1/staff/notices', { authorization: `Bearer ${admin.token}`, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await raw('/api/v1/staff/notices', { authorization: `Bearer ${admin.token}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzip.text).toBe(plain.text);

    const missing = await raw('/api/v1/notices/999999', { 'accept-encoding': 'br, gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(missing.text)).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '未找到该信息，可能已删除或尚未公开' });
  });
});
