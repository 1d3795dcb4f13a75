import type { SyncChange } from '@gongkai/shared';
import { createHmac } from 'node:crypto';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { FakePortalReceiver } from '../../fakes/portal/push-receiver';
import { ApiClient } from '../../support/api-client';
import { aNotice, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { aChain, ok, throughChain, version, type Chain } from '../../support/review-chain';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const UNIT = 'JCJY00000000000001';
const CENTER = 'XXFB00000000000001';
const BASE = 'https://gk.example.edu.cn';
const START = new Date('2026-09-01T09:00:00+08:00');
const SECRET = 'portal-shared-secret-0123456789';
const HOUR = 3600_000;
const ENV = {
  PUBLIC_BASE_URL: BASE,
  // No timer rounds: a push goes out on the change's own wake-up, or on a round the test runs.
  PORTAL_PUSH_POLL_MS: '600000',
  PORTAL_RETRY_BASE_MS: '60000',
  PORTAL_PUSH_TIMEOUT_MS: '3000',
  // Sessions outlast the days the clock is moved.
  TOKEN_TTL_SECONDS: String(30 * 24 * 3600),
};

jest.setTimeout(180_000);

describe('signed pushes to the county portal', () => {
  const clock = new SettableClock(START);
  const portal = new FakePortalReceiver(SECRET);
  let db: TestDatabase;
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let s: Chain;
  let feedKey: string;
  let endpointId: number;

  beforeAll(async () => {
    await portal.start();
    portal.now = () => clock.nowMs();
    db = await freshDatabase();
    server = await startServer(db, ENV, clock);
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    s = await aChain(admin, UNIT, CENTER);
    feedKey = (await answer(admin.post('/staff/portal/clients', { name: '对照用变更流' }), 201)).key;
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await portal.stop();
  });

  /** The clients again, for a new server on the same database (the tokens stay valid). */
  const reconnect = () => {
    const on = (c: ApiClient) => new ApiClient(server.baseUrl, c.token);
    admin = on(admin);
    anon = new ApiClient(server.baseUrl);
    s = { editor: on(s.editor), unitHead: on(s.unitHead), secrecy: on(s.secrecy), leader: on(s.leader), publisher: on(s.publisher) };
  };

  /** The body of an answer with the expected status. */
  const answer = async (res: Promise<{ status: number; text: string; body: any }>, status: number): Promise<any> => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${r.text}`);
    return r.body;
  };

  /** One round of the push task (after any round a change's wake-up started). */
  const round = () => server.tasks.run('portal-push');
  /** Rounds until nothing is due now (each round claims at most a bounded number). */
  const drain = async () => {
    for (let i = 0; i < 5; i++) await round();
  };

  /** Waits (bounded) for something the server does on its own, without a task round. */
  const eventually = async (what: string, check: () => boolean, ms = 5000) => {
    for (const until = Date.now() + ms; !check(); ) {
      if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /** Every notice as the change feed gives it now: each notice once, at its latest change. */
  const feed = async (): Promise<Map<number, SyncChange>> => {
    const reader = anon.as(feedKey);
    const out = new Map<number, SyncChange>();
    let cursor = '';
    for (;;) {
      const page = await ok(reader.get(`/sync/changes?limit=500${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`));
      for (const c of page.changes as SyncChange[]) out.set(c.noticeId, c);
      cursor = page.cursor;
      if (!page.hasMore) return out;
    }
  };

  /** The portal's copy against ours, notice by notice: the same content, or withdrawn. */
  const expectMirrorEqualsOurs = async (receiver: FakePortalReceiver, only?: (c: SyncChange) => boolean) => {
    const ours = [...(await feed()).values()].filter((c) => (only ? only(c) : true) && (c.kind !== 'withdrawn' || receiver.mirror.has(c.noticeId)));
    const theirs = Object.fromEntries([...receiver.mirror.entries()].map(([id, n]) => [id, n]));
    expect(theirs).toEqual(Object.fromEntries(ours.map((c) => [c.noticeId, c.kind === 'withdrawn' ? 'withdrawn' : c.notice])));
    expect(receiver.outOfOrder).toBe(0);
  };

  const sync = async (noticeId: number) => (await ok(admin.get(`/staff/notices/${noticeId}/portal-sync`))).endpoints.find((e: any) => e.endpointId === endpointId).delivery;

  it('lets only admins register endpoints; a generated secret is shown once, never listed or audited', async () => {
    expect((await s.editor.get('/staff/portal/endpoints')).status).toBe(403);
    expect((await s.publisher.post('/staff/portal/endpoints', { name: '门户', url: portal.endpointUrl, secret: SECRET })).status).toBe(403);

    const created = await admin.post('/staff/portal/endpoints', { name: '  县政府门户网站 教育局专栏  ', url: portal.endpointUrl, secret: SECRET });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: '县政府门户网站 教育局专栏',
      url: portal.endpointUrl,
      categories: [],
      active: true,
      counts: { synced: 0, pending: 0, failed: 0 },
      secretSetAt: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: null,
    });
    endpointId = created.body.id;

    const generated = await admin.post('/staff/portal/endpoints', { name: '备用门户', url: `${portal.url}/spare`, categories: ['ZSKS', 'ZSKS'] });
    expect(generated.status).toBe(201);
    expect(generated.body).toMatchObject({ categories: ['ZSKS'], secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const spare = generated.body.id;
    const listed = await admin.get('/staff/portal/endpoints');
    expect(listed.body.map((e: any) => [e.id, e.name])).toEqual([
      [endpointId, '县政府门户网站 教育局专栏'],
      [spare, '备用门户'],
    ]);
    expect(listed.body.every((e: any) => !('secret' in e))).toBe(true);
    expect(listed.text).not.toContain(generated.body.secret);
    expect(listed.text).not.toContain(SECRET);

    // A new secret on request, shown once; the old one gone.
    const rotated = await admin.patch(`/staff/portal/endpoints/${spare}`, { generateSecret: true });
    expect(rotated.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.secret).not.toBe(generated.body.secret);
    expect((await admin.put(`/staff/portal/endpoints/${spare}`, { name: '备用门户（停用）', active: false })).body).toMatchObject({ name: '备用门户（停用）', active: false, secret: null });

    const refusals: [unknown, string][] = [
      [{ name: '门户', url: 'ftp://portal.example.gov.cn/in' }, 'url'],
      [{ name: '门户', url: 'javascript:alert(1)' }, 'url'],
      [{ name: '门户', url: portal.endpointUrl, secret: 'too-short' }, 'secret'],
      [{ name: '门户', url: portal.endpointUrl, secret: '有中文的密钥有中文的密钥有中文的密钥' }, 'secret'],
      [{ name: '门户', url: portal.endpointUrl, categories: ['NOPE'] }, 'categories'],
      [{ name: '', url: portal.endpointUrl }, 'name'],
    ];
    for (const [body, field] of refusals) {
      const res = await admin.post('/staff/portal/endpoints', body);
      expect({ body, status: res.status, field: res.body.details?.[0]?.field }).toEqual({ body, status: 400, field });
    }
    expect((await admin.patch(`/staff/portal/endpoints/${spare}`, { secret: SECRET, generateSecret: true })).status).toBe(400);

    const audit = await ok(admin.get('/staff/audit?entityType=portal_endpoint'));
    expect(audit.items.map((e: any) => e.action)).toEqual(['portal_endpoint.update', 'portal_endpoint.update', 'portal_endpoint.create', 'portal_endpoint.create']);
    for (const secret of [SECRET, generated.body.secret, rotated.body.secret]) expect(JSON.stringify(audit)).not.toContain(secret);

    expect((await admin.delete(`/staff/portal/endpoints/${spare}`)).status).toBe(204);
    expect((await admin.delete(`/staff/portal/endpoints/${spare}`)).status).toBe(404);
    expect((await admin.patch('/staff/portal/endpoints/99999', { name: '无' })).status).toBe(404);
    expect((await admin.get('/staff/portal/endpoints')).body.map((e: any) => e.id)).toEqual([endpointId]);
  });

  it('pushes a notice published through the chain to the portal within seconds, signed, exactly once', async () => {
    const id = await throughChain(s, 'published', '2026年秋季学期招生工作通知');
    // No task round: the publication's own wake-up sends it.
    await eventually('the publication reaches the portal', () => portal.pushesOf(id).length === 1);

    const [push] = portal.pushesOf(id);
    const request = portal.calls(portal.path).find((r) => r.body && (r.body as SyncChange).noticeId === id)!;
    expect(request.headers['content-type']).toBe('application/json');
    const timestamp = request.headers['x-gongkai-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - clock.nowMs() / 1000)).toBeLessThan(60);
    // Checked independently of the receiver: HMAC over the raw bytes received.
    expect(request.headers['x-gongkai-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.raw.toString('utf8')}`).digest('hex')}`);
    expect(request.headers['idempotency-key']).toBe(`${endpointId}:${push!.change.seq}`);
    expect(push!.change).toMatchObject({ kind: 'published', noticeId: id, reason: null });
    expect(push!.change.notice).toMatchObject({ id, title: '2026年秋季学期招生工作通知', url: `${BASE}/gk/notices/${id}`, corrections: [] });

    // More rounds send nothing again.
    await drain();
    expect(portal.pushesOf(id)).toHaveLength(1);
    expect(portal.duplicates).toBe(0);
    expect(portal.calls(portal.path)).toHaveLength(portal.pushes.length);
    expect(await sync(id)).toMatchObject({ noticeId: id, title: '2026年秋季学期招生工作通知', kind: 'published', state: 'synced', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
    await expectMirrorEqualsOurs(portal);
  });

  it('follows a correction as updated and a withdrawal as withdrawn, in order', async () => {
    const id = await throughChain(s, 'published', '关于中考报名时间的通知');
    await eventually('the publication', () => portal.pushesOf(id).length === 1);
    await correctNotice(s, id, { note: '报名截止时间由5月10日更正为5月20日', bodyHtml: '<p>报名截止时间为5月20日。</p>' });
    await eventually('the correction', () => portal.pushesOf(id).length === 2);
    const updated = portal.pushesOf(id)[1]!.change;
    expect(updated).toMatchObject({ kind: 'updated', noticeId: id });
    expect(updated.notice).toMatchObject({ bodyHtml: '<p>报名截止时间为5月20日。</p>', corrections: [{ note: '报名截止时间由5月10日更正为5月20日' }] });

    await ok(s.leader.post(`/staff/notices/${id}/withdraw`, { version: await version(s.leader, id), reason: '内容有误' }));
    await eventually('the withdrawal', () => portal.pushesOf(id).length === 3);
    // The round that sent it has written its outcome once the next one has run.
    await round();
    expect(portal.pushesOf(id).map((p) => p.change.kind)).toEqual(['published', 'updated', 'withdrawn']);
    expect(portal.mirror.get(id)).toBe('withdrawn');
    expect(await sync(id)).toMatchObject({ kind: 'withdrawn', state: 'synced' });
    await expectMirrorEqualsOurs(portal);
  });

  it('sends no newer change of a notice while an older one is still on its way, and skips one already overtaken', async () => {
    portal.latency(portal.path, 1500);
    const id = await throughChain(s, 'published', '关于暑期安全的通知');
    await eventually('the publication is on its way', () => portal.calls(portal.path).some((r) => (r.body as SyncChange).noticeId === id));
    await correctNotice(s, id, { note: '补充了联系电话', bodyHtml: '<p>联系电话：0536-1234567。</p>' });
    await eventually('the correction', () => portal.pushesOf(id).length === 2, 15_000);
    portal.latency(portal.path, 0);
    const [published, updated] = portal.calls(portal.path).filter((r) => (r.body as SyncChange).noticeId === id);
    // Sent only after the portal had answered the older one.
    expect(updated!.at - published!.at).toBeGreaterThanOrEqual(1500);
    expect(portal.pushesOf(id).map((p) => p.change.kind)).toEqual(['published', 'updated']);

    // Two changes waiting for a portal that is down: only the newest goes, carrying the notice as it is.
    await portal.stop();
    const later = await throughChain(s, 'published', '关于秋季开学的通知');
    await correctNotice(s, later, { note: '开学日期更正为9月2日', bodyHtml: '<p>9月2日开学。</p>' });
    await drain();
    await portal.start();
    clock.advance(HOUR);
    await drain();
    expect(portal.pushesOf(later).map((p) => p.change.kind)).toEqual(['updated']);
    await expectMirrorEqualsOurs(portal);
  });

  it('retries a failing portal (errors, dropped connections, timeouts) with backoff until its copy equals ours, across a restart', async () => {
    portal.fail({ status: 500, body: 'Internal Server Error', times: 1000 });
    const ids = [await throughChain(s, 'published', '重试测试一'), await throughChain(s, 'published', '重试测试二')];
    await drain();
    for (const id of ids) {
      expect(await sync(id)).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: '门户返回 HTTP 500：Internal Server Error' });
      expect(Date.parse((await sync(id)).nextAttemptAt)).toBeGreaterThan(clock.nowMs());
    }
    // Not due yet: a round sends nothing.
    const tried = portal.requests.length;
    await drain();
    expect(portal.requests.length).toBe(tried);

    // Then the connection is dropped, and then the portal answers too late.
    portal.clear();
    portal.fail({ drop: true }).fail({ delayMs: 4500 });
    clock.advance(2 * 60_000);
    await drain();
    const errors = await Promise.all(ids.map(async (id) => (await sync(id)).lastError));
    expect(errors.sort()).toEqual(['无法连接门户：UND_ERR_SOCKET', '门户在 3000 毫秒内没有应答'].sort());
    expect((await ok(admin.get('/staff/portal/endpoints')))[0].counts.pending).toBe(2);

    // The server stops while they wait (one more published meanwhile, its push cut off mid-way); a new one takes over.
    portal.latency(portal.path, 5000);
    const third = await throughChain(s, 'published', '重试测试三');
    await eventually('the push of the third is on its way', () => portal.calls(portal.path).some((r) => (r.body as SyncChange).noticeId === third));
    await server.stop();
    portal.latency(portal.path, 0);
    expect(portal.pushesOf(third)).toHaveLength(0);
    server = await startServer(db, ENV, clock);
    reconnect();
    clock.advance(HOUR);
    await drain();
    for (const id of [...ids, third]) expect(await sync(id)).toMatchObject({ state: 'synced', lastError: null });
    expect(portal.duplicates).toBe(0);
    await expectMirrorEqualsOurs(portal);
  });

  it('gives a push up as failed only after 24 hours, shows the last error, and re-sends one or all', async () => {
    portal.fail({ status: 502, body: 'Bad Gateway', times: 100_000 });
    const a = await throughChain(s, 'published', '长时间故障一');
    const b = await throughChain(s, 'published', '长时间故障二');
    const started = clock.nowMs();
    await drain();
    while (clock.nowMs() - started < 23.5 * HOUR) {
      clock.advance(HOUR / 2);
      await drain();
    }
    expect(await sync(a)).toMatchObject({ state: 'pending', lastStatus: 502 });
    while (clock.nowMs() - started < 27 * HOUR) {
      clock.advance(HOUR / 2);
      await drain();
    }
    for (const id of [a, b]) expect(await sync(id)).toMatchObject({ state: 'failed', lastStatus: 502, lastError: '门户返回 HTTP 502：Bad Gateway', nextAttemptAt: null });
    // The last attempt came after the 24 hours, the doubling capped at an hour.
    const last = Math.max(...(await Promise.all([a, b].map(async (id) => Date.parse((await sync(id)).lastAttemptAt)))));
    expect(last - started).toBeGreaterThanOrEqual(24 * HOUR);
    expect((await sync(a)).attempts).toBeGreaterThan(10);

    const endpoint = (await ok(admin.get('/staff/portal/endpoints')))[0];
    expect(endpoint.counts.failed).toBe(2);
    const failed = await ok(admin.get(`/staff/portal/endpoints/${endpointId}/deliveries?state=failed`));
    expect(failed.items.map((d: any) => [d.noticeId, d.title, d.state])).toEqual([
      [b, '长时间故障二', 'failed'],
      [a, '长时间故障一', 'failed'],
    ]);

    // The portal is back: 重新推送 for one, then 全部重推.
    portal.clear();
    expect(await ok(admin.post(`/staff/portal/endpoints/${endpointId}/resend`, { noticeId: a }))).toEqual({ requeued: 1 });
    await eventually('the re-sent push', () => portal.pushesOf(a).length === 1);
    await round();
    expect(await sync(a)).toMatchObject({ state: 'synced', attempts: 1 });
    expect(await sync(b)).toMatchObject({ state: 'failed' });
    expect(await ok(admin.post(`/staff/portal/endpoints/${endpointId}/resend`, {}))).toEqual({ requeued: 1 });
    await eventually('the re-sent push', () => portal.pushesOf(b).length === 1);
    await round();
    expect((await ok(admin.get('/staff/portal/endpoints')))[0].counts.failed).toBe(0);
    expect(await ok(admin.post(`/staff/portal/endpoints/${endpointId}/resend`, {}))).toEqual({ requeued: 0 });

    // Re-sending a synced notice sends it again under a new Idempotency-Key, so the portal takes it.
    expect(await ok(admin.post(`/staff/portal/endpoints/${endpointId}/resend`, { noticeId: a }))).toEqual({ requeued: 1 });
    await eventually('the second copy', () => portal.pushesOf(a).length === 2);
    expect(portal.pushesOf(a).map((p) => p.key)).toEqual([`${endpointId}:${portal.pushesOf(a)[0]!.change.seq}`, `${endpointId}:${portal.pushesOf(a)[0]!.change.seq}:r1`]);

    const never = await aNotice().titled('草稿').create(s.editor);
    expect((await admin.post(`/staff/portal/endpoints/${endpointId}/resend`, { noticeId: never })).status).toBe(404);
    expect((await admin.post('/staff/portal/endpoints/99999/resend', {})).status).toBe(404);
    expect((await admin.get('/staff/notices/99999/portal-sync')).status).toBe(404);
    expect((await s.editor.post(`/staff/portal/endpoints/${endpointId}/resend`, {})).status).toBe(403);
    const audit = await ok(admin.get('/staff/audit?entityType=portal_endpoint'));
    expect(audit.items.slice(0, 4).map((e: any) => [e.action, e.after])).toEqual([
      ['portal_endpoint.resend', { noticeId: a, requeued: 1 }],
      ['portal_endpoint.resend', { noticeId: null, requeued: 0 }],
      ['portal_endpoint.resend', { noticeId: null, requeued: 1 }],
      ['portal_endpoint.resend', { noticeId: a, requeued: 1 }],
    ]);
    await expectMirrorEqualsOurs(portal);
  });

  it('sends an endpoint only its categories, from everything public when it is new, and a withdrawal of what it had', async () => {
    const enrolment = new FakePortalReceiver('enrolment-portal-secret-42', '/zsks/in');
    await enrolment.start();
    enrolment.now = () => clock.nowMs();
    try {
      const other = await aNotice().titled('基础教育科通知').inCategory('JCJY').published().create(s.editor, admin);
      const created = await answer(admin.post('/staff/portal/endpoints', { name: '招生考试专栏', url: enrolment.endpointUrl, secret: 'enrolment-portal-secret-42', categories: ['ZSKS'] }), 201);
      await drain();
      // Every public 招生考试 notice so far, none of another category, none withdrawn before it existed.
      const ours = await feed();
      const expected = [...ours.values()].filter((c) => c.kind !== 'withdrawn' && c.notice!.category.code === 'ZSKS').map((c) => c.noticeId);
      expect(expected.length).toBeGreaterThan(5);
      expect([...enrolment.mirror.keys()].sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
      expect(enrolment.mirror.has(other)).toBe(false);
      await expectMirrorEqualsOurs(enrolment, (c) => c.kind === 'withdrawn' || c.notice!.category.code === 'ZSKS');

      // Another category from now on: its public notices go there too, and what it had is still withdrawn there.
      const had = expected[expected.length - 1]!;
      await ok(admin.patch(`/staff/portal/endpoints/${created.id}`, { categories: ['JCJY'] }));
      await drain();
      expect(enrolment.mirror.has(other)).toBe(true);
      await ok(s.leader.post(`/staff/notices/${had}/withdraw`, { version: await version(s.leader, had), reason: '已过期' }));
      const newer = await aNotice().titled('基础教育科通知二').inCategory('JCJY').published().create(s.editor, admin);
      await drain();
      expect(enrolment.mirror.get(had)).toBe('withdrawn');
      expect(enrolment.mirror.has(newer)).toBe(true);
      expect(enrolment.duplicates).toBe(0);
      const draft = await aNotice().titled('未公开的草稿').inCategory('JCJY').create(s.editor);
      const status = await ok(admin.get(`/staff/notices/${other}/portal-sync`));
      expect(status.endpoints.map((e: any) => [e.endpointName, e.delivery?.state ?? null])).toEqual([
        ['县政府门户网站 教育局专栏', 'synced'],
        ['招生考试专栏', 'synced'],
      ]);
      expect((await ok(admin.get(`/staff/notices/${draft}/portal-sync`))).endpoints.map((e: any) => e.delivery)).toEqual([null, null]);
      await expectMirrorEqualsOurs(enrolment, (c) => c.kind === 'withdrawn' || c.notice!.category.code === 'JCJY' || enrolment.mirror.has(c.noticeId));
      await answer(admin.delete(`/staff/portal/endpoints/${created.id}`), 204);
    } finally {
      await enrolment.stop();
    }
  });

  it('marks pushes refused with a wrong secret as failed with the 401, and recovers with the right one and 全部重推', async () => {
    const strict = new FakePortalReceiver('the-portal-knows-this-secret', '/strict/in');
    await strict.start();
    strict.now = () => clock.nowMs();
    try {
      const created = (await admin.post('/staff/portal/endpoints', { name: '严格门户', url: strict.endpointUrl, secret: 'a-different-secret-entirely', categories: ['JCJY'] })).body;
      await drain();
      expect(strict.refused.length).toBeGreaterThan(0);
      expect(new Set(strict.refused)).toEqual(new Set(['signature']));
      const failed = await ok(admin.get(`/staff/portal/endpoints/${created.id}/deliveries?state=failed`));
      expect(failed.items.length).toBeGreaterThan(0);
      expect(failed.items[0]).toMatchObject({ state: 'failed', lastStatus: 401, lastError: '门户返回 HTTP 401：{"error":"signature"}', attempts: 1 });
      expect(strict.mirror.size).toBe(0);

      await ok(admin.patch(`/staff/portal/endpoints/${created.id}`, { secret: 'the-portal-knows-this-secret' }));
      expect(await ok(admin.post(`/staff/portal/endpoints/${created.id}/resend`, {}))).toEqual({ requeued: failed.items.length });
      await drain();
      expect((await ok(admin.get('/staff/portal/endpoints'))).find((e: any) => e.id === created.id).counts).toEqual({ synced: failed.items.length, pending: 0, failed: 0 });
      await expectMirrorEqualsOurs(strict, (c) => c.kind === 'withdrawn' || c.notice!.category.code === 'JCJY');
    } finally {
      await strict.stop();
    }
  });

  it('shares the work between two instances on one database without pushing anything twice', async () => {
    const second = await startServer(db, ENV, clock);
    const shared = new FakePortalReceiver('two-instances-secret-0123456', '/both/in');
    await shared.start();
    shared.now = () => clock.nowMs();
    shared.latency(shared.path, 20);
    try {
      await answer(admin.post('/staff/portal/endpoints', { name: '双实例门户', url: shared.endpointUrl, secret: shared.secret }), 201);
      // Both fan out and claim at the same time, round after round.
      for (let i = 0; i < 4; i++) await Promise.all([round(), second.tasks.run('portal-push'), round(), second.tasks.run('portal-push')]);
      const everyPublic = [...(await feed()).values()].filter((c) => c.kind !== 'withdrawn').map((c) => c.noticeId);
      expect(everyPublic.length).toBeGreaterThan(5);
      expect([...shared.mirror.keys()].sort((x, y) => x - y)).toEqual(everyPublic.sort((x, y) => x - y));
      // One request per notice: no change fanned out twice, no push sent twice.
      expect(shared.calls(shared.path)).toHaveLength(everyPublic.length);
      expect(shared.duplicates).toBe(0);
      await expectMirrorEqualsOurs(shared);
    } finally {
      await second.stop();
      await shared.stop();
    }
  });
});
