import { join } from 'node:path';
import { PushDelivery } from '../../../server/src/push/entities/push-delivery.entity';
import { PushWorkerHeartbeat } from '../../../server/src/push/entities/push-worker-heartbeat.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { MAPPING, PUSH_ENV, SUB_FIELDS, TPL_FIELDS, bulkParents, campaignSettled, type BulkParent } from '../../support/push-builders';
import { Cleanup, freePort, spawnChild, waitFor200, type ManagedChild } from '../../support/processes';
import { TEST_ENV, freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const ROOT = join(__dirname, '../../..');
const SUBSCRIBE = '/cgi-bin/message/subscribe/send';
const TEMPLATE = '/cgi-bin/message/template/send';
const PARENTS = 2000;
/** Large claims: what a crashed worker had claimed but not started must go back to the queue, not be given up. */
const BATCH = 500;
const CONCURRENCY = 16;

jest.setTimeout(240_000);

/**
 * A server process doing nothing but push work, started as a deployment starts it (its own
 * process, the real entry point); SIGKILL gives it no chance to finish or hand anything back.
 */
async function startWorkerProcess(cleanup: Cleanup, name: string, env: Record<string, string>): Promise<ManagedChild> {
  const port = await freePort();
  const child = spawnChild(cleanup, name, ['-r', '@swc-node/register', join(ROOT, 'server/src/main.ts')], {
    ...process.env,
    ...TEST_ENV,
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SWC_NODE_PROJECT: join(ROOT, 'test/tsconfig.json'),
  }, ROOT);
  await waitFor200(`http://127.0.0.1:${port}/api/v1/categories`, child, 120_000);
  return child;
}

describe('a push worker process killed mid-campaign (SIGKILL), two processes taking over', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let api: TestServer;
  let workerEnv: Record<string, string>;
  let publisher: ApiClient;
  let noticeId: number;
  let parents: BulkParent[];
  const cleanup = new Cleanup();

  beforeAll(async () => {
    await wechat.start();
    wechat.logRequests = false;
    wechat.registerTemplate('subscribe', 'SUB_NOTICE', SUB_FIELDS);
    wechat.registerTemplate('template', 'TPL_NOTICE', TPL_FIELDS);
    db = await freshDatabase();
    const wechatEnv = { ...wechat.env(), WECHAT_OA_APPID: wechat.appid, WECHAT_OA_SECRET: wechat.secret, ...PUSH_ENV };
    // The API instance only takes the campaign; the worker processes send it.
    api = await startServer(db, { ...wechatEnv, PUSH_WORKER_ENABLED: 'false' });
    workerEnv = { ...db.env, ...wechatEnv, PUSH_LEASE_MS: '2000', PUSH_BATCH_SIZE: String(BATCH), PUSH_CONCURRENCY: String(CONCURRENCY), PUSH_RATE_PER_SECOND: '5000', LOG_JSON: 'true' };
    const { admin, unitCode } = await bootstrapAdmin(api);
    await aStaff(admin, 'crash-pusher', unitCode, ['publisher']);
    publisher = new ApiClient(api.baseUrl).as(await login(new ApiClient(api.baseUrl), 'crash-pusher'));
    noticeId = await aNotice().titled('2026年秋季学期开学通知').inCategory('ZSKS').published().create(admin, admin);
    parents = await bulkParents(api, 'kill', PARENTS, { subscribe: { kind: 'category', code: 'ZSKS' }, quota: { templateId: 'SUB_NOTICE', remaining: 1 }, follow: true });
    for (const p of parents) {
      wechat.grantQuota(p.openid, 'SUB_NOTICE', 1);
      wechat.follow(`oa-${p.openid}`);
    }
  });

  afterAll(async () => {
    await cleanup.runAll();
    await api?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('finishes on two new processes: template messages exactly once, subscribe messages at most once, every row settled', async () => {
    wechat.latency(SUBSCRIBE, 5).latency(TEMPLATE, 5);
    const first = await startWorkerProcess(cleanup, 'worker 1', workerEnv);
    const res = await publisher.post('/staff/pushes', {
      noticeId,
      audience: { kind: 'category', code: 'ZSKS' },
      channels: ['subscribe', 'template'],
      templateIds: { subscribe: 'SUB_NOTICE', template: 'TPL_NOTICE' },
      fieldMapping: MAPPING,
    });
    expect(res.status).toBe(201);
    const id: number = res.body.id;
    expect(res.body.total).toBe(2 * PARENTS);

    // Kill it once it is well under way (not on a clock: CI machines are slower or busier).
    const sent = () => wechat.delivered('subscribe').length + wechat.delivered('template').length;
    for (const until = Date.now() + 60_000; sent() < 800 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
    first.process.kill('SIGKILL');
    await first.exited;
    const beforeRestart = sent();
    expect(beforeRestart).toBeGreaterThanOrEqual(800);
    expect(beforeRestart).toBeLessThan(2 * PARENTS);

    wechat.latency(SUBSCRIBE, 10).latency(TEMPLATE, 10);
    // Two worker processes take over together: they share the rest without sending anything twice.
    const [second, third] = await Promise.all([startWorkerProcess(cleanup, 'worker 2', workerEnv), startWorkerProcess(cleanup, 'worker 3', workerEnv)]);
    // A new process answers HTTP before its first heartbeat has committed: wait for both (bounded).
    let live = await api.dataSource.getRepository(PushWorkerHeartbeat).find();
    for (const until = Date.now() + 15_000; live.length < 3 && Date.now() < until; live = await api.dataSource.getRepository(PushWorkerHeartbeat).find()) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await campaignSettled(api, id, 120_000);
    await Promise.all([second.stop(), third.stop()]);
    // Both heartbeats were there (the killed worker's is stale, never removed).
    expect(live.length).toBeGreaterThanOrEqual(3);

    const rows = await api.dataSource.getRepository(PushDelivery).find({ where: { campaignId: id }, select: { id: true, channel: true, openid: true, status: true, reason: true, lastErrorCode: true } });
    const template = rows.filter((r) => r.channel === 'template');
    const subscribe = rows.filter((r) => r.channel === 'subscribe');

    // Template messages: the killed worker's unacknowledged sends were resent after the lease, and
    // WeChat dropped the repeats by client_msg_id: every follower has exactly one.
    expect(template.every((r) => r.status === 'sent')).toBe(true);
    const tpl = wechat.delivered('template').map((d) => d.openid);
    expect(tpl).toHaveLength(PARENTS);
    expect(new Set(tpl).size).toBe(PARENTS);

    // Subscribe messages: never twice; what the killed worker held is outcome_unknown, not resent.
    const sub = wechat.delivered('subscribe').map((d) => d.openid);
    expect(new Set(sub).size).toBe(sub.length);
    const unknown = subscribe.filter((r) => r.status === 'failed' && r.reason === 'outcome_unknown');
    // Every other row is settled as sent or outcome_unknown; any other end is named in the failure.
    const others: Record<string, number> = {};
    for (const r of subscribe) {
      const end = `${r.status}:${r.reason ?? ''}:${r.lastErrorCode ?? ''}`;
      if (r.status !== 'sent' && !(r.status === 'failed' && r.reason === 'outcome_unknown')) others[end] = (others[end] ?? 0) + 1;
    }
    expect(others).toEqual({});
    expect(subscribe.filter((r) => r.status === 'sent').length + unknown.length).toBe(PARENTS);
    // Only what was being sent: a lane's worth marked started, the sends in flight and the outcomes
    // not yet written (at most 200 a write); never the rest of the claimed batch.
    expect(unknown.length).toBeLessThanOrEqual(2 * CONCURRENCY + 200);
    expect(unknown.length).toBeLessThan(BATCH);
    // Every row marked sent reached WeChat.
    const delivered = new Set(sub);
    expect(subscribe.filter((r) => r.status === 'sent').every((r) => delivered.has(r.openid!))).toBe(true);
  });
});
