import { SettableClock } from '../../../server/src/common/clock/clock';
import { PersonalDataRegistry } from '../../../server/src/privacy/personal-data-registry';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const DAY = 24 * 3600_000;

/** Who read which parent's personal data and why (issue 12 item 6); what was erased (items 4 and 5). */
describe('access records and the erasure log', () => {
  const wechat = new FakeWechat();
  const clock = new SettableClock(new Date('2026-12-07T01:00:00Z'));
  let server: TestServer;
  let admin: ApiClient;
  let admin2: ApiClient;
  let handler: ApiClient;
  let anon: ApiClient;
  let parent: ApiClient;
  let parentId: number;
  let requestId: number;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer(wechat.env(), clock);
    let unitCode: string;
    ({ admin, anonymous: anon, unitCode } = await bootstrapAdmin(server));
    admin2 = await aStaff(admin, 'admin2', unitCode, ['admin']);
    handler = await aStaff(admin, 'handler1', unitCode, ['inquiry_handler', 'unit_head']);
    parent = await aParent(anon, wechat, { openid: 'o-access-parent' });
    parentId = (await parent.get('/parents/me')).body.id;
    requestId = (await parent.post('/parents/me/rights-requests', { kind: 'access', content: '请提供我的全部个人信息副本' })).body.id;
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const parentOf = async (openid: string) => {
    const client = await aParent(anon, wechat, { openid });
    return { client, id: (await client.get('/parents/me')).body.id as number };
  };

  it('records staff opening a rights request as a read of the parent’s personal data, with who, what and why', async () => {
    // The list shows only the content's beginning: not recorded.
    await admin.get('/staff/privacy/rights-requests');
    expect((await admin.get('/staff/privacy/access-log')).body).toEqual({ items: [], nextCursor: null });

    expect((await admin.get(`/staff/privacy/rights-requests/${requestId}`)).body.content).toBe('请提供我的全部个人信息副本');
    expect((await admin2.get(`/staff/privacy/rights-requests/${requestId}`)).status).toBe(200);
    const log = await admin.get('/staff/privacy/access-log');
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([
      {
        id: expect.any(Number),
        actorId: expect.any(Number),
        actorUsername: 'admin2',
        action: 'personal_data.view',
        entityType: 'privacy_rights_request',
        entityId: String(requestId),
        parentId,
        fields: ['content'],
        purpose: '办理个人信息权利申请',
        ip: '127.0.0.1',
        createdAt: expect.any(String),
      },
      expect.objectContaining({ actorUsername: 'root', parentId, fields: ['content'], purpose: '办理个人信息权利申请' }),
    ]);
  });

  it('filters the records by staff member and by parent, and pages them', async () => {
    const byActor = await admin.get('/staff/privacy/access-log?actor=root');
    expect(byActor.body.items.map((i: { actorUsername: string }) => i.actorUsername)).toEqual(['root']);

    const other = await parentOf('o-access-other');
    const otherRequest = (await other.client.post('/parents/me/rights-requests', { kind: 'deletion', content: '请删除我的照片' })).body.id;
    await admin.get(`/staff/privacy/rights-requests/${otherRequest}`);
    const byParent = await admin.get(`/staff/privacy/access-log?parentId=${parentId}`);
    expect(byParent.body.items.map((i: { parentId: number; entityId: string }) => [i.parentId, i.entityId])).toEqual([
      [parentId, String(requestId)],
      [parentId, String(requestId)],
    ]);
    expect((await admin.get(`/staff/privacy/access-log?parentId=${other.id}`)).body.items.map((i: { entityId: string }) => i.entityId)).toEqual([String(otherRequest)]);

    const first = await admin.get('/staff/privacy/access-log?limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await admin.get(`/staff/privacy/access-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ actorUsername: 'root', entityId: String(requestId) })], nextCursor: null });
    expect((await admin.get('/staff/privacy/access-log?parentId=abc')).status).toBe(400);
  });

  it('shows the records and the erasure log to admins only', async () => {
    for (const path of ['/staff/privacy/access-log', '/staff/privacy/erasures']) {
      const res = await handler.get(path);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await parent.get(path)).status).toBe(401);
    }
  });

  it('logs what a cancellation erased, by kind: the rights requests keep their kind, status and dates but lose their words', async () => {
    const res = await parent.delete('/parents/me');
    expect(res.status).toBe(200);
    expect(res.body.cancelledAt).toMatch(/^2026-12-07T01:/);
    expect(res.body.erased).toEqual(expect.arrayContaining([{ key: 'privacy_rights_request', label: '个人信息权利申请的内容', count: 1 }]));

    const log = await admin.get(`/staff/privacy/erasures?parentId=${parentId}`);
    expect(log.body.items).toEqual(expect.arrayContaining([{ id: expect.any(Number), reason: 'cancellation', kind: 'privacy_rights_request', label: '个人信息权利申请的内容', count: 1, parentId, createdAt: res.body.cancelledAt }]));

    const kept = await admin.get(`/staff/privacy/rights-requests/${requestId}`);
    expect(kept.body).toMatchObject({ id: requestId, kind: 'access', content: '（已随账号注销删除）', status: 'pending', dueDate: expect.stringMatching(/^2026-12-/) });
  });

  it('runs each feature’s retention rules with the configured cutoffs, and logs the counts that erased something', async () => {
    const seen: { kind: string; cutoff: string }[] = [];
    server.app.get(PersonalDataRegistry).register({
      key: 'test-retention',
      label: '测试',
      eraseOrder: 20,
      export: async () => [],
      erase: async () => [],
      retention: [
        { kind: 'oa_message', run: async (_m, cutoff) => (seen.push({ kind: 'oa_message', cutoff: cutoff.toISOString() }), 2) },
        { kind: 'push_openid', run: async (_m, cutoff) => (seen.push({ kind: 'push_openid', cutoff: cutoff.toISOString() }), 0) },
      ],
    });
    clock.set(new Date('2027-03-01T00:00:00Z'));
    await server.tasks.run('privacy-retention');
    // PRIVACY_RETAIN_OA_MESSAGE_DAYS 30, PRIVACY_RETAIN_PUSH_OPENID_DAYS 90 (the defaults).
    expect(seen).toEqual([
      { kind: 'oa_message', cutoff: expect.stringMatching(/^2027-01-30T00:00:/) },
      { kind: 'push_openid', cutoff: expect.stringMatching(/^2026-12-01T00:00:/) },
    ]);
    admin = anon.as(await login(anon, 'root'));
    const log = await admin.get('/staff/privacy/erasures?limit=50');
    const retention = log.body.items.filter((i: { reason: string }) => i.reason === 'retention');
    expect(retention).toEqual([{ id: expect.any(Number), reason: 'retention', kind: 'oa_message', label: '公众号收到的消息记录', count: 2, parentId: null, createdAt: expect.stringMatching(/^2027-03-01T00:00:/) }]);
  });

  it('cancels accounts not used for the configured time (3 years by default) as a 注销 would', async () => {
    const idle = await parentOf('o-access-idle');
    await idle.client.post('/parents/me/rights-requests', { kind: 'other', content: '很久以前的申请' });
    const asked: string[] = [];
    server.app.get(PersonalDataRegistry).register({
      key: 'test-inactive',
      label: '测试',
      eraseOrder: 30,
      export: async () => [],
      erase: async () => [],
      inactiveParents: async (_m, cutoff, limit) => {
        asked.push(`${cutoff.toISOString().slice(0, 10)} ${limit}`);
        return asked.length === 1 ? [idle.id] : [];
      },
    });
    clock.advance(1095 * DAY);
    await server.tasks.run('privacy-retention');
    expect(asked).toEqual(['2027-03-01 200']);
    admin = anon.as(await login(anon, 'root'));
    const log = await admin.get(`/staff/privacy/erasures?parentId=${idle.id}`);
    expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'retention', kind: 'privacy_rights_request', count: 1, parentId: idle.id })]));
  });

  it('rolls a cancellation back as a whole when one feature fails: nothing half-erased', async () => {
    const victim = await parentOf('o-access-rollback');
    const id = (await victim.client.post('/parents/me/rights-requests', { kind: 'access', content: '请提供我的信息' })).body.id;
    server.app.get(PersonalDataRegistry).register({
      key: 'test-failing',
      label: '测试',
      // After privacy's own rights requests (90): their erasure has run when this fails.
      eraseOrder: 95,
      export: async () => [],
      erase: async () => {
        throw new Error('disk on fire');
      },
    });
    const res = await victim.client.delete('/parents/me');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect((await admin.get(`/staff/privacy/rights-requests/${id}`)).body.content).toBe('请提供我的信息');
    expect((await admin.get(`/staff/privacy/erasures?parentId=${victim.id}`)).body.items).toEqual([]);
  });
});
