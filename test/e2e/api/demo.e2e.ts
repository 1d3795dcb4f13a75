import { CATEGORY_SEEDS, STAFF_ROLES, TOPIC_SEEDS } from '@gongkai/shared';
import { AppState } from '../../../server/src/database/app-state.entity';
import { ApiClient } from '../../support/api-client';
import { agreeToNotice } from '../../support/builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

async function allPublic(client: ApiClient, query = ''): Promise<{ id: number; title: string; category: { code: string }; topics: { code: string }[] }[]> {
  const items = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: any[]; nextCursor: string | null } } = await client.get(`/notices?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('embedded demo', () => {
  let db: TestDatabase;
  let server: TestServer;
  const env = { DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: 'demo-password-1' };

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startServer(db, env);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('seeds a living bureau: at least 60 public notices across every category and topic', async () => {
    const anon = new ApiClient(server.baseUrl);
    const items = await allPublic(anon);
    expect(items.length).toBeGreaterThanOrEqual(60);
    for (const c of CATEGORY_SEEDS) expect(items.filter((n) => n.category.code === c.code).length).toBeGreaterThanOrEqual(3);
    for (const t of TOPIC_SEEDS) expect(items.filter((n) => n.topics.some((x) => x.code === t.code)).length).toBeGreaterThanOrEqual(3);
    const zoning = await anon.get(`/notices?q=${encodeURIComponent('划片')}`);
    expect(zoning.body.items.map((n: { title: string }) => n.title)).toContain('2026年城区义务教育学校划片招生方案');
    const units = (await anon.get('/units')).body as { name: string; kind: string }[];
    expect(units[0]!.name).toBe('昌乐县教育局');
    expect(units.filter((u) => u.kind === 'school').length).toBeGreaterThanOrEqual(3);
  });

  it('has one staff account per role, signing in with DEMO_STAFF_PASSWORD', async () => {
    const anon = new ApiClient(server.baseUrl);
    for (const role of STAFF_ROLES) {
      const res = await anon.post('/auth/staff', { username: role, password: env.DEMO_STAFF_PASSWORD });
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
      // The report editor also drafts notices: the report becomes one.
      expect((await anon.as(res.body.token).get('/auth/me')).body.roles).toEqual(role === 'report_editor' ? ['report_editor', 'editor'] : [role]);
    }
  });

  it('keeps drafts and non-public notices away from the public', async () => {
    const anon = new ApiClient(server.baseUrl);
    const admin = anon.as((await anon.post('/auth/staff', { username: 'admin', password: env.DEMO_STAFF_PASSWORD })).body.token);
    const all = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: any[]; nextCursor: string | null } } = await admin.get(`/staff/notices?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const hidden = all.filter((n) => n.status !== 'published' || n.disclosure !== 'proactive');
    expect(hidden.filter((n) => n.status === 'draft').length).toBeGreaterThanOrEqual(3);
    expect(hidden.filter((n) => n.disclosure !== 'proactive').length).toBeGreaterThanOrEqual(2);
    for (const n of hidden) expect((await anon.get(`/notices/${n.id}`)).status).toBe(404);
    const publicIds = new Set((await allPublic(anon)).map((n) => n.id));
    expect(all.filter((n) => !publicIds.has(n.id))).toEqual(hidden);
  });

  it('leaves a few notices part-way through the review chain, so each queue has work', async () => {
    const anon = new ApiClient(server.baseUrl);
    const as = async (role: string) => anon.as((await anon.post('/auth/staff', { username: role, password: env.DEMO_STAFF_PASSWORD })).body.token);
    const queues: Record<string, string> = { unit_head: 'unit_review', secrecy_reviewer: 'secrecy_review', publisher: 'approved' };
    for (const [role, step] of Object.entries(queues)) {
      const client = await as(role);
      const pending = (await client.get('/staff/reviews/pending')).body as { noticeId: number; step: string; waitingSeconds: number }[];
      expect({ role, steps: pending.map((p) => p.step) }).toEqual({ role, steps: [step] });
      expect(pending[0]!.waitingSeconds).toBeGreaterThan(3600);
      const log = (await client.get(`/staff/notices/${pending[0]!.noticeId}/reviews`)).body as { action: string; toStatus: string; actorName: string }[];
      expect(log[0]).toMatchObject({ action: 'submit', toStatus: 'unit_review', actorName: '演示信息编辑' });
      expect(log[log.length - 1]!.toStatus).toBe(step);
      expect((await client.get(`/staff/notices/${pending[0]!.noticeId}/revisions`)).body).toHaveLength(1);
    }
    const counts = (await (await as('leader')).get('/staff/reviews/counts')).body;
    expect(counts).toMatchObject({ unit_review: 1, secrecy_review: 1, leader_approval: 0, approved: 1 });
  });

  it('has inquiries in several states in the intake unit, where the demo inquiry handler works, and two public Q&A', async () => {
    const anon = new ApiClient(server.baseUrl);
    const handler = anon.as((await anon.post('/auth/staff', { username: 'inquiry_handler', password: env.DEMO_STAFF_PASSWORD })).body.token);
    const all = (await handler.get('/staff/inquiries?scope=all&limit=50')).body.items as { id: number; status: string; unitName: string }[];
    expect(new Set(all.map((i) => i.status))).toEqual(new Set(['held', 'submitted', 'accepted', 'reply_pending', 'replied', 'closed']));
    expect(new Set(all.map((i) => i.unitName))).toEqual(new Set(['昌乐县教育局']));
    expect((await anon.get('/qa')).body.items).toHaveLength(2);
    // A demo parent's inquiry goes to that unit too; without WeChat the content check passes.
    const parent = anon.as((await anon.post('/auth/demo')).body.token);
    await agreeToNotice(parent);
    const res = await parent.post('/inquiries', { kind: 'consultation', subject: '演示咨询', content: '请问幼儿园什么时候报名？', allowPublish: false });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', unitName: '昌乐县教育局' });
    expect((await handler.get(`/staff/inquiries/${res.body.id}`)).body.actions).toEqual(['accept', 'transfer']);
  });

  it('does not seed again on restart', async () => {
    const before = (await allPublic(new ApiClient(server.baseUrl))).length;
    await server.stop();
    server = await startServer(db, env);
    expect((await allPublic(new ApiClient(server.baseUrl))).length).toBe(before);
  });

  it('imports the demo zoning tables again at the next start when an earlier start did not get them in', async () => {
    // As if the process stopped between the demo's commit and the zoning import.
    await server.dataSource.transaction(async (m) => {
      for (const table of ['zoning_rule', 'zoning_school', 'zoning_alias', 'zoning_table_editor', 'zoning_table']) await m.query(`DELETE FROM ${table}`);
      await m.delete(AppState, { key: 'demo_zoning_seeded' });
    });
    await server.stop();
    server = await startServer(db, env);
    const years = await new ApiClient(server.baseUrl).get('/zoning/years');
    expect(years.body.map((y: { year: number; current: boolean }) => [y.year, y.current])).toEqual([
      [2026, true],
      [2025, false],
    ]);
  });

  it('takes the set-up 2026 table out of effect when its notice is withdrawn: parents get 2025 again', async () => {
    const anon = new ApiClient(server.baseUrl);
    const q = `/zoning/lookup?q=${encodeURIComponent('北岩社区')}`;
    expect((await anon.get(q)).body).toMatchObject({ year: 2026, primary: { school: { name: '昌乐县北城小学' } } });
    const notice = (await anon.get(`/notices?q=${encodeURIComponent('2026年城区义务教育学校划片招生方案')}`)).body.items.find((n: { title: string }) => n.title === '2026年城区义务教育学校划片招生方案');
    const leader = anon.as((await anon.post('/auth/staff', { username: 'leader', password: env.DEMO_STAFF_PASSWORD })).body.token);
    const { version } = (await leader.get(`/staff/notices/${notice.id}`)).body;
    expect((await leader.post(`/staff/notices/${notice.id}/withdraw`, { version, reason: '划片范围调整，另行发布' })).status).toBe(200);

    expect((await anon.get('/zoning/years')).body.map((y: { year: number; current: boolean }) => [y.year, y.current])).toEqual([[2025, true]]);
    expect((await anon.get(q)).body).toMatchObject({ year: 2025, primary: { school: { name: '昌乐县实验小学' } } });
    expect((await anon.get(`${q}&year=2026`)).body).toEqual({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2026年的划片范围尚未公布' });
    const admin = anon.as((await anon.post('/auth/staff', { username: 'admin', password: env.DEMO_STAFF_PASSWORD })).body.token);
    const y2026 = (await admin.get('/staff/zoning/years')).body.find((y: { year: number }) => y.year === 2026);
    expect(y2026.tables.map((t: { state: string; publishedBySetup: boolean }) => [t.state, t.publishedBySetup])).toEqual([['withdrawn', true]]);
  });
});
