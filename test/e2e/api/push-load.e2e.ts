import { PushDelivery } from '../../../server/src/push/entities/push-delivery.entity';
import { PushWorker } from '../../../server/src/push/push-worker';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { MAPPING, PUSH_ENV, SUB_FIELDS, acceptSubscribe, bulkParents, campaignSettled, type BulkParent } from '../../support/push-builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const SEND = '/cgi-bin/message/subscribe/send';
/** One subscribe template per campaign of this file: each parent accepts all three in one request (10,000 requests, not 30,000). */
const TEMPLATES = ['SUB_LOAD_1', 'SUB_LOAD_2', 'SUB_LOAD_3'];

/** Campaigns at scale, with WeChat failing now and then, instances stopping, and two instances sharing the outbox. */
// Liveness bounds for the big campaigns, generous for busy CI machines; speed is the benchmark's job.
jest.setTimeout(240_000);

describe('announcement pushes under load', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let server: TestServer;
  let env: Record<string, string>;
  let publisher: ApiClient;
  let noticeId: number;
  let parents: BulkParent[];
  let round = 0;

  beforeAll(async () => {
    await wechat.start();
    wechat.logRequests = false;
    for (const id of TEMPLATES) wechat.registerTemplate('subscribe', id, SUB_FIELDS);
    db = await freshDatabase();
    const subscribeTemplates = TEMPLATES.map((id) => ({ id, name: '公告通知', fields: SUB_FIELDS, page: 'pages/notice/index?id={id}' }));
    env = { ...wechat.env(), ...PUSH_ENV, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(subscribeTemplates), PUSH_CONCURRENCY: '32', PUSH_RATE_PER_SECOND: '10000', PUSH_BATCH_SIZE: '200', PUSH_RETRY_BASE_MS: '20', PUSH_POLL_MS: '50' };
    server = await startServer(db, env);
    const { admin, unitCode } = await bootstrapAdmin(server);
    await aStaff(admin, 'load-pusher', unitCode, ['publisher']);
    publisher = new ApiClient(server.baseUrl).as(await login(new ApiClient(server.baseUrl), 'load-pusher'));
    noticeId = await aNotice().titled('2026年中考报名须知').inCategory('ZSKS').published().create(admin, admin);
    parents = await bulkParents(server, 'load', 10_000, { subscribe: { kind: 'category', code: 'ZSKS' } });
    // Through the real subscribe flow: every parent accepts one message of each campaign's template.
    await acceptSubscribe(server, parents, TEMPLATES);
    // 10,000 subscribe requests: each a committed transaction (on SQLite one after another).
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  /** The next campaign's template, whose acceptance every parent has (on WeChat's side too); forgets what the fake delivered. */
  async function refill(): Promise<void> {
    wechat.clear();
    const template = TEMPLATES[round++]!;
    for (const p of parents) wechat.grantQuota(p.openid, template, 1);
  }

  const body = () => ({ noticeId, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe'], templateIds: { subscribe: TEMPLATES[round - 1]! }, fieldMapping: MAPPING });
  const create = async (client = publisher): Promise<number> => {
    const res = await client.post('/staff/pushes', body());
    expect(res.status).toBe(201);
    return res.body.id;
  };

  function expectExactlyOnce(): void {
    const delivered = wechat.delivered('subscribe');
    expect(delivered).toHaveLength(parents.length);
    expect(new Set(delivered.map((d) => d.openid)).size).toBe(parents.length);
  }

  it('delivers a campaign to 10,000 parents exactly once despite ~5 % transient faults', async () => {
    await refill();
    // One send in 20 fails: WeChat busy (-1), a 502, or a dropped connection, in turn. The gaps vary
    // (10 to 29 sends, 19 on average): at a fixed gap the first row of every claimed batch would meet them all.
    const faults = [{ errcode: -1 }, { status: 502, body: 'Bad Gateway' }, { drop: true }];
    for (let i = 0; i < 520; i++) wechat.fail(SEND, { times: 10 + ((i * 7) % 20), delayMs: 0 }).fail(SEND, faults[i % 3]!);
    const started = Date.now();
    const id = await create();
    const created = Date.now() - started;
    await campaignSettled(server, id, 90_000);
    const elapsed = Date.now() - started;
    // eslint-disable-next-line no-console
    console.log(`push 10k (${server.config.database.type}): created in ${created} ms, finished in ${elapsed} ms`);
    const report = (await publisher.get(`/staff/pushes/${id}`)).body;
    expect(report.total).toBe(10_000);
    expect(report.byStatus.sent).toBe(10_000);
    expect(report.progress).toBe(1);
    expectExactlyOnce();
    const retried = await server.dataSource.getRepository(PushDelivery).createQueryBuilder('d').where('d.campaign_id = :id AND d.attempts > 1', { id }).getMany();
    expect(retried.length).toBeGreaterThan(300);
    for (const row of retried) expect(['-1', 'http_502', 'network']).toContain(row.lastErrorCode);
  });

  it('finishes a campaign after its instance stops mid-way, on a new instance, without duplicates', async () => {
    await refill();
    wechat.latency(SEND, 3);
    const id = await create();
    // Stop once it is under way (not on a clock: CI machines are slower or busier than this one).
    for (const until = Date.now() + 30_000; wechat.delivered('subscribe').length < 200 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await server.stop();
    const sentBefore = wechat.delivered('subscribe').length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(parents.length);
    wechat.latency(SEND, 0);
    server = await startServer(db, env);
    publisher = new ApiClient(server.baseUrl).as(await login(new ApiClient(server.baseUrl), 'load-pusher'));
    await campaignSettled(server, id, 90_000);
    const report = (await publisher.get(`/staff/pushes/${id}`)).body;
    expect(report.byStatus.sent).toBe(parents.length);
    expectExactlyOnce();
  });

  it('shares the outbox between two instances on one database without sending twice', async () => {
    await refill();
    const second = await startServer(db, env);
    try {
      wechat.latency(SEND, 1);
      const id = await create();
      await campaignSettled(server, id, 90_000);
      const report = (await publisher.get(`/staff/pushes/${id}`)).body;
      expect(report.byStatus.sent).toBe(parents.length);
      expectExactlyOnce();
      // Both workers took part.
      expect(server.app.get(PushWorker).stats.sent).toBeGreaterThan(0);
      expect(second.app.get(PushWorker).stats.sent).toBeGreaterThan(0);
      // PUSH_RATE_PER_SECOND is global: the two live workers take half each (heartbeats every 5 s).
      const shares = () => [server.app.get(PushWorker).ratePerSecond, second.app.get(PushWorker).ratePerSecond];
      for (const until = Date.now() + 15_000; shares().some((r) => r !== 5000) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
      expect(shares()).toEqual([5000, 5000]);
    } finally {
      await second.stop();
    }
    // A worker that stopped leaves: the other takes the whole rate again.
    for (const until = Date.now() + 15_000; server.app.get(PushWorker).ratePerSecond !== 10_000 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(server.app.get(PushWorker).ratePerSecond).toBe(10_000);
  });
});
