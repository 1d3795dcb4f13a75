import { PRIVACY_NOTICE } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { PersonalDataRegistry } from '../../../server/src/privacy/personal-data-registry';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, bootstrapAdmin } from '../../support/builders';
import { PUSH_ENV } from '../../support/push-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The privacy notice and the consent records (issue 12 items 2 and 3). */
describe('privacy notice and consents', () => {
  const wechat = new FakeWechat();
  const clock = new SettableClock(new Date('2026-12-07T01:00:00Z'));
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  /** What the test provider saw withdrawn: the registry calls every provider inside the withdrawal's transaction. */
  const withdrawn: { parentId: number; kind: string }[] = [];

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), ...PUSH_ENV }, clock);
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    // A feature reacting to withdrawn consents, as push does for subscribe_messages.
    server.app.get(PersonalDataRegistry).register({
      key: 'test-reactions',
      label: '测试',
      eraseOrder: 10,
      export: async () => [],
      erase: async () => [],
      consentWithdrawn: async (_m, parentId, kind) => {
        withdrawn.push({ parentId, kind });
        return kind === 'subscribe_messages' ? [{ kind: 'test_subscription', label: '测试订阅', count: 3 }] : [];
      },
    });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const me = async (parent: ApiClient) => (await parent.get('/parents/me')).body.id as number;

  it('publishes the notice without sign-in: its version, the controller and contact of the configuration, the retention periods', async () => {
    const res = await anon.get('/privacy/notice');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: '2026-12-06.3',
      effectiveDate: '2026-12-06',
      title: '教育公开个人信息保护政策',
      controller: '测试县教育局',
      contact: '测试县教育局办公室 0536-0000000',
    });
    expect(res.body.version).toBe(PRIVACY_NOTICE.version);
    expect(res.body.items.find((i: { kind: string }) => i.kind === 'phone').retention).toBe('办结后 180 天删除；账号注销时删除');
    expect(res.body.sections[0].paragraphs[0]).toBe('本政策中的个人信息处理者是测试县教育局。个人信息保护事务联系方式：测试县教育局办公室 0536-0000000。');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await anon.get('/privacy/notice', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('asks a new parent to agree; agreeing records the version, the time and the channel the app names', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-new' }, { agree: false });
    const before = await parent.get('/parents/me/consents');
    expect(before.status).toBe(200);
    expect(before.body.notice).toEqual({ currentVersion: '2026-12-06.3', agreedVersion: null, agreedAt: null, needsAgreement: true });
    expect(before.body.current.map((c: { kind: string; granted: boolean }) => [c.kind, c.granted])).toEqual([
      ['privacy_notice', false],
      ['subscribe_messages', false],
      ['public_qa', false],
      ['child_information', false],
    ]);
    expect(before.body.current[1]).toMatchObject({ label: '接收订阅消息', withdrawal: '撤回后将删除您的全部订阅，不再向您发送订阅消息。', at: null, channel: null });
    expect(before.body.history).toEqual([]);

    clock.set(new Date('2026-12-07T02:30:00Z'));
    const agreed = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, version: '2026-12-06.3', channel: 'h5' });
    expect(agreed.status).toBe(200);
    expect(agreed.body.notice).toMatchObject({ currentVersion: '2026-12-06.3', agreedVersion: '2026-12-06.3', needsAgreement: false });
    expect(agreed.body.notice.agreedAt).toMatch(/^2026-12-07T02:30:/);
    expect(agreed.body.history).toEqual([{ id: expect.any(Number), kind: 'privacy_notice', granted: true, version: '2026-12-06.3', channel: 'h5', subject: null, at: agreed.body.notice.agreedAt }]);
    expect(agreed.body.current[0]).toMatchObject({ kind: 'privacy_notice', label: '个人信息保护政策', granted: true, version: '2026-12-06.3', channel: 'h5' });

    // Agreeing again (the H5 app on another device) changes nothing and writes nothing.
    const twice = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, version: '2026-12-06.3', channel: 'weapp' });
    expect(twice.body.history).toHaveLength(1);

    // The export carries the records (kept as evidence, with nothing personal in them).
    const data = await parent.get('/parents/me/data?download=1');
    expect(data.status).toBe(200);
    expect(data.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''%E6%88%91%E7%9A%84%E4%BF%A1%E6%81%AF-20261207.json`);
    expect(data.body).toMatchObject({ parentId: await me(parent), noticeVersion: '2026-12-06.3', generatedAt: expect.stringMatching(/^2026-12-07T02:30:/) });
    expect(data.body.sections.find((x: { key: string }) => x.key === 'consents')).toEqual({
      key: 'consents',
      label: '同意记录',
      records: [{ id: agreed.body.history[0].id, kind: 'privacy_notice', kindLabel: '个人信息保护政策', granted: true, version: '2026-12-06.3', channel: 'h5', subject: null, at: agreed.body.notice.agreedAt }],
    });
    expect((await parent.get('/parents/me/data')).headers.get('content-disposition')).toBeNull();
  });

  it('refuses agreeing to an old version of the notice with 409, and an agreement without a version with 400', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-old' }, { agree: false });
    const old = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, version: '2026-01-01', channel: 'weapp' });
    expect(old.status).toBe(409);
    expect(old.body).toEqual({ statusCode: 409, code: 'NOTICE_VERSION_OUTDATED', message: '隐私政策已更新，请阅读最新版本后再同意' });
    const none = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, channel: 'weapp' });
    expect(none.status).toBe(400);
    expect(none.body.details).toEqual([{ field: 'version', message: '请提供您所同意的个人信息保护政策版本' }]);
    expect((await parent.get('/parents/me/consents')).body.notice.needsAgreement).toBe(true);
  });

  it('refuses bad requests in Chinese, and strangers with 401', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-bad' });
    const res = await parent.post('/parents/me/consents', { kind: 'marketing', granted: 'yes', channel: 'fax' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'kind', message: '同意事项有误' },
        { field: 'granted', message: '须说明同意还是撤回' },
        { field: 'channel', message: '渠道须为 weapp、h5 或 api' },
      ]),
    );
    expect((await anon.get('/parents/me/consents')).status).toBe(401);
    expect((await admin.get('/parents/me/consents')).status).toBe(401);
  });

  it('withdraws as easily as it gives: the record, every feature told in the same step, the counts in the erasure log', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-withdraw' });
    const parentId = await me(parent);

    // Withdrawing what was never given: nothing to record, nobody told.
    const noop = await parent.post('/parents/me/consents', { kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(noop.status).toBe(200);
    expect(noop.body.history.map((h: { kind: string }) => h.kind)).toEqual(['privacy_notice']);
    expect(withdrawn).toEqual([]);

    await parent.post('/parents/me/consents', { kind: 'subscribe_messages', granted: true, channel: 'weapp' });
    const res = await parent.post('/parents/me/consents', { kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(res.status).toBe(200);
    expect(res.body.history.map((h: { kind: string; granted: boolean; version: string | null }) => [h.kind, h.granted, h.version])).toEqual([
      ['subscribe_messages', false, null],
      ['subscribe_messages', true, null],
      ['privacy_notice', true, '2026-12-06.3'],
    ]);
    expect(res.body.current[1]).toMatchObject({ kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(withdrawn).toEqual([{ parentId, kind: 'subscribe_messages' }]);

    const log = await admin.get(`/staff/privacy/erasures?parentId=${parentId}`);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([{ id: expect.any(Number), reason: 'consent_withdrawn', kind: 'test_subscription', label: '测试订阅', count: 3, parentId, createdAt: expect.any(String) }]);

    // Withdrawing again: no second record, nobody told again.
    const again = await parent.post('/parents/me/consents', { kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(again.body.history).toHaveLength(3);
    expect(withdrawn).toHaveLength(1);
  });

  it('withdrawing subscribe messages ends the subscriptions and the remaining quotas (push, in the same step)', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-push' });
    const parentId = await me(parent);
    const channel = { 'x-client-channel': 'weapp' };
    expect((await parent.request('PUT', '/parents/me/subscriptions', { items: [{ kind: 'category', code: 'JCJY' }] }, channel)).status).toBe(200);
    expect((await parent.post('/parents/me/subscribe-results', { results: { SUB_NOTICE: 'accept' } }, channel)).body.items).toEqual([{ templateId: 'SUB_NOTICE', remaining: 1 }]);
    // Subscribing is the consent, recorded once (the second step changed nothing).
    const given = await parent.get('/parents/me/consents');
    expect(given.body.history.map((h: { kind: string; granted: boolean; channel: string }) => [h.kind, h.granted, h.channel])).toEqual([
      ['subscribe_messages', true, 'weapp'],
      ['privacy_notice', true, 'weapp'],
    ]);

    const res = await parent.post('/parents/me/consents', { kind: 'subscribe_messages', granted: false, channel: 'weapp' });
    expect(res.status).toBe(200);
    expect((await parent.get('/parents/me/subscriptions')).body).toEqual({ items: [] });
    expect((await parent.get('/parents/me/quotas')).body).toEqual({ items: [{ templateId: 'SUB_NOTICE', remaining: 0 }] });
    const log = await admin.get(`/staff/privacy/erasures?parentId=${parentId}`);
    expect(log.body.items.map((i: { reason: string; kind: string; count: number }) => [i.reason, i.kind, i.count]).sort()).toEqual([
      ['consent_withdrawn', 'push_quota', 1],
      ['consent_withdrawn', 'push_subscription', 1],
      ['consent_withdrawn', 'test_subscription', 3],
    ]);
  });

  it('asks again after the notice was withdrawn', async () => {
    const parent = await aParent(anon, wechat, { openid: 'o-consent-notice' });
    const res = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: false, channel: 'api' });
    expect(res.body.notice).toEqual({ currentVersion: '2026-12-06.3', agreedVersion: null, agreedAt: null, needsAgreement: true });
    expect(res.body.history.map((h: { granted: boolean; channel: string }) => [h.granted, h.channel])).toEqual([
      [false, 'api'],
      [true, 'weapp'],
    ]);
    expect(withdrawn.at(-1)).toEqual({ parentId: await me(parent), kind: 'privacy_notice' });
  });
});
