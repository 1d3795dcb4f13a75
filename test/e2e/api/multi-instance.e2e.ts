import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { throughChain, version, type Chain } from '../../support/review-chain';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/** Several instances on one database, as production runs behind a load balancer. */
describe('several instances on one database', () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let adminA: ApiClient;
  let editorA: ApiClient;
  /** The review chain on instance A; its publisher's colleague signs in on B. */
  let chain: Chain;
  let publisherB: ApiClient;

  beforeAll(async () => {
    db = await freshDatabase();
    // Timers wait ten minutes: the cache check and the view flush are the explicit rounds below.
    const env = { PUBLIC_CACHE_POLL_MS: '600000', VIEW_FLUSH_MS: '600000' };
    // Started together: both run migrations at boot, one waits for the other.
    [a, b] = await Promise.all([startServer(db, env), startServer(db, env)]);
    ({ admin: adminA } = await bootstrapAdmin(a));
    await aUnit(adminA, 'MULTI0000000000001', '基础教育科');
    editorA = await aStaff(adminA, 'editor1', 'MULTI0000000000001', ['editor']);
    chain = {
      editor: editorA,
      unitHead: await aStaff(adminA, 'head1', 'MULTI0000000000001', ['unit_head']),
      secrecy: await aStaff(adminA, 'secrecy1', 'MULTI0000000000001', ['secrecy_reviewer']),
      leader: await aStaff(adminA, 'leader1', 'MULTI0000000000001', ['leader']),
      publisher: await aStaff(adminA, 'publisher1', 'MULTI0000000000001', ['publisher']),
    };
    await aStaff(adminA, 'publisher2', 'MULTI0000000000001', ['publisher']);
    publisherB = new ApiClient(b.baseUrl).as(await login(new ApiClient(b.baseUrl), 'publisher2'));
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('shows a notice published on one instance on the other after its next cache check', async () => {
    const anonB = new ApiClient(b.baseUrl);
    const before = await anonB.get('/notices?category=ZSKS');
    expect(before.body.items).toHaveLength(0);
    const id = await aNotice().titled('跨实例发布').inCategory('ZSKS').published().create(editorA, adminA);
    await b.tasks.run('public-cache');
    const after = await anonB.get('/notices?category=ZSKS', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.items.map((n: { id: number }) => n.id)).toEqual([id]);
  });

  it('shows a category and a unit renamed on one instance on the other after its next cache check, a notice change between', async () => {
    const anonB = new ApiClient(b.baseUrl);
    const id = await aNotice().titled('更名之前').inCategory('JYHM').published().create(editorA, adminA);
    await b.tasks.run('public-cache');
    expect((await anonB.get(`/notices/${id}`)).body).toMatchObject({ category: { code: 'JYHM', name: '教育惠民' }, unit: { code: 'MULTI0000000000001', name: '基础教育科' } });
    // A notice change alone: B builds its answers again but keeps the catalogue it read.
    await aNotice().titled('只是又一条通知').inCategory('JYHM').published().create(editorA, adminA);
    await b.tasks.run('public-cache');
    expect((await anonB.get('/notices?category=JYHM')).body.items.map((n: { title: string }) => n.title)).toEqual(['只是又一条通知', '更名之前']);
    expect((await adminA.patch('/staff/categories/JYHM', { name: '教育惠民政策' })).status).toBe(200);
    expect((await adminA.patch('/staff/units/MULTI0000000000001', { name: '基础教育一科' })).status).toBe(200);
    await b.tasks.run('public-cache');
    const detail = await anonB.get(`/notices/${id}`);
    expect(detail.body).toMatchObject({ category: { code: 'JYHM', name: '教育惠民政策' }, unit: { code: 'MULTI0000000000001', name: '基础教育一科' } });
    expect((await anonB.get('/notices?category=JYHM')).body.items.map((n: { category: { name: string } }) => n.category.name)).toEqual(['教育惠民政策', '教育惠民政策']);
    expect((await anonB.get('/units')).body).toContainEqual(expect.objectContaining({ code: 'MULTI0000000000001', name: '基础教育一科' }));
    // Put back: the tests below name the unit as it was.
    expect((await adminA.patch('/staff/units/MULTI0000000000001', { name: '基础教育科' })).status).toBe(200);
    await b.tasks.run('public-cache');
  });

  it('gives unique, gap-free 索引号 when both instances publish at once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await throughChain(chain, 'approved', `并发${i}`));
    const versions = await Promise.all(ids.map((id) => version(chain.publisher, id)));
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? chain.publisher : publisherB).post(`/staff/notices/${id}/registration`, { version: versions[i] })));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const numbers = results.map((r) => Number(r.body.indexNo.split('-').pop())).sort((x, y) => x - y);
    // ZSKS-…-00001 went to the notice published in the first test.
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('refuses the second of two simultaneous publishes of one notice', async () => {
    const id = await throughChain(chain, 'approved', '只发布一次');
    const v = await version(chain.publisher, id);
    const [r1, r2] = await Promise.all([chain.publisher.post(`/staff/notices/${id}/registration`, { version: v }), publisherB.post(`/staff/notices/${id}/registration`, { version: v })]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const audit = await adminA.get(`/staff/audit?entityType=notice&entityId=${id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'notice.publish')).toHaveLength(1);
  });

  it('adds up views counted by both instances', async () => {
    const id = await aNotice().titled('两边都有人看').published().create(editorA, adminA);
    for (const server of [a, b, a, b, b]) await new ApiClient(server.baseUrl).get(`/notices/${id}`);
    await Promise.all([a.tasks.run('view-counter'), b.tasks.run('view-counter')]);
    expect((await adminA.get(`/staff/notices/${id}`)).body.viewCount).toBe(5);
  });

  it('writes the views an instance counted when it shuts down, before any round', async () => {
    const id = await aNotice().titled('关机前的浏览').published().create(editorA, adminA);
    for (let i = 0; i < 3; i++) await new ApiClient(b.baseUrl).get(`/notices/${id}`);
    await b.stop();
    expect((await adminA.get(`/staff/notices/${id}`)).body.viewCount).toBe(3);
  });
});
