import { PushDelivery } from '../../../server/src/push/entities/push-delivery.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { MAPPING, PUSH_ENV, SUB_FIELDS, bulkParents, campaignSettled, type BulkParent } from '../../support/push-builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const SUBSCRIBE = '/cgi-bin/message/subscribe/send';
const PARENTS = 300;

jest.setTimeout(120_000);

/**
 * A worker claims a batch under one lease and sends it at its rate: with a large batch and a low
 * rate the last claimed rows are still waiting when the lease runs out, and the worker's own next
 * claim takes them again. Each must still go out once: a parent with one acceptance left who is
 * sent twice gets WeChat's 43101 the second time (and, with two left, two copies of one notice).
 */
describe('a claimed batch that outlives its lease', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let server: TestServer;
  let publisher: ApiClient;
  let noticeId: number;
  let parents: BulkParent[];

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    db = await freshDatabase();
    // 75 rows a claim, 8 lanes, WeChat answering in 200 ms (set below): a batch takes about 2 s to
    // send and its lease lasts 1 s. The worker claims again while the last rows of its batch still
    // wait: their lease has run out, and the claim takes them again while this worker sends them.
    server = await startServer(db, { ...wechat.env(), ...PUSH_ENV, PUSH_LEASE_MS: '1000', PUSH_BATCH_SIZE: '75', PUSH_CONCURRENCY: '8', PUSH_RATE_PER_SECOND: '1000', PUSH_POLL_MS: '20' });
    const { admin, unitCode } = await bootstrapAdmin(server);
    await aStaff(admin, 'lease-pusher', unitCode, ['publisher']);
    publisher = new ApiClient(server.baseUrl).as(await login(new ApiClient(server.baseUrl), 'lease-pusher'));
    noticeId = await aNotice().titled('2026年义务教育学校划片范围公告').inCategory('ZSKS').published().create(admin, admin);
    parents = await bulkParents(server, 'lease', PARENTS, { subscribe: { kind: 'category', code: 'ZSKS' }, quota: { templateId: 'SUB_NOTICE', remaining: 1 } });
    for (const p of parents) wechat.grantQuota(p.openid, 'SUB_NOTICE', 1);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('sends every subscribe message once and records each as sent', async () => {
    wechat.latency(SUBSCRIBE, 200);
    const res = await publisher.post('/staff/pushes', { noticeId, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe'], templateIds: { subscribe: 'SUB_NOTICE' }, fieldMapping: MAPPING });
    expect(res.status).toBe(201);
    const id: number = res.body.id;
    await campaignSettled(server, id, 60_000);

    // WeChat was asked once per parent: no 43101 for a second send.
    const asked = wechat.calls(SUBSCRIBE).map((r) => (r.body as { touser: string }).touser);
    expect(asked.filter((openid, i) => asked.indexOf(openid) !== i)).toEqual([]);
    expect(asked).toHaveLength(300);
    const delivered = wechat.delivered('subscribe').map((d) => d.openid);
    expect(delivered).toHaveLength(300);
    expect(new Set(delivered).size).toBe(300);
    const rows = await server.dataSource.getRepository(PushDelivery).find({ where: { campaignId: id }, select: { id: true, status: true, reason: true } });
    const ends: Record<string, number> = {};
    for (const r of rows) {
      const end = `${r.status}:${r.reason ?? ''}`;
      ends[end] = (ends[end] ?? 0) + 1;
    }
    expect(ends).toEqual({ 'sent:': 300 });
    const report = (await publisher.get(`/staff/pushes/${id}`)).body;
    expect(report.byStatus.sent).toBe(300);
  });
});
