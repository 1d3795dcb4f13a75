import { ParentAccount } from '../../../server/src/identity/entities/parent-account.entity';
import { WechatClient } from '../../../server/src/wechat/wechat-client';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { aParent, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const SESSION = '/sns/jscode2session';
const UNAVAILABLE = { statusCode: 503, code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' };

describe('parent sign-in with WeChat', () => {
  const wechat = new FakeWechat();
  const responses: ApiResponse[] = [];
  let server: TestServer;
  let anon: ApiClient;

  const signIn = (user: { openid: string; unionid?: string }) => anon.post('/auth/wechat', { code: wechat.issueCode(user) });

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), WECHAT_TIMEOUT_MS: '400' });
    anon = new ApiClient(server.baseUrl, undefined, (res) => responses.push(res));
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('exchanges a good code for a parent token that /parents/me accepts', async () => {
    const res = await signIn({ openid: 'o-parent-1' });
    expect(res.status).toBe(200);
    expect(res.body.token.split('.')).toHaveLength(3);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await anon.as(res.body.token).get('/parents/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(Number), displayName: '微信用户', demo: false, createdAt: expect.any(String) });
    expect(me.text).not.toContain('o-parent-1');
    const [call] = wechat.calls(SESSION);
    expect(call!.query).toEqual({ appid: wechat.appid, secret: wechat.secret, js_code: expect.any(String), grant_type: 'authorization_code' });
  });

  it('finds the same parent again by openid', async () => {
    const first = await aParent(anon, wechat, { openid: 'o-parent-2' });
    const again = await aParent(anon, wechat, { openid: 'o-parent-2' });
    const other = await aParent(anon, wechat, { openid: 'o-parent-3' });
    const id = (client: ApiClient) => client.get('/parents/me').then((r) => r.body.id as number);
    expect(await id(again)).toBe(await id(first));
    expect(await id(other)).not.toBe(await id(first));
  });

  it('creates one parent when the same new openid signs in twice at once', async () => {
    const codes = [wechat.issueCode({ openid: 'o-twice' }), wechat.issueCode({ openid: 'o-twice' })];
    const results = await Promise.all(codes.map((code) => anon.post('/auth/wechat', { code })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const ids = await Promise.all(results.map((r) => anon.as(r.body.token).get('/parents/me').then((me) => me.body.id)));
    expect(ids[1]).toBe(ids[0]);
    expect(await server.dataSource.getRepository(ParentAccount).countBy({ openid: 'o-twice' })).toBe(1);
  });

  it('keeps the unionid when a later sign-in comes without one, and stores one that appears later', async () => {
    const stored = (openid: string) => server.dataSource.getRepository(ParentAccount).findOneByOrFail({ openid });
    await aParent(anon, wechat, { openid: 'o-union-1', unionid: 'u-union-1' });
    await aParent(anon, wechat, { openid: 'o-union-1' });
    expect((await stored('o-union-1')).unionid).toBe('u-union-1');
    await aParent(anon, wechat, { openid: 'o-union-2' });
    expect((await stored('o-union-2')).unionid).toBeNull();
    await aParent(anon, wechat, { openid: 'o-union-2', unionid: 'u-union-2' });
    expect((await stored('o-union-2')).unionid).toBe('u-union-2');
  });

  it('refuses a code used before and an unknown code with 401', async () => {
    const code = wechat.issueCode({ openid: 'o-reuse' });
    expect((await anon.post('/auth/wechat', { code })).status).toBe(200);
    const reused = await anon.post('/auth/wechat', { code });
    expect(reused.body).toEqual({ statusCode: 401, code: 'WECHAT_CODE_INVALID', message: '登录凭证已使用，请重新登录' });
    const unknown = await anon.post('/auth/wechat', { code: 'never-issued-0123456789' });
    expect(unknown.body).toEqual({ statusCode: 401, code: 'WECHAT_CODE_INVALID', message: '登录凭证无效，请重新进入小程序后再试' });
    expect(wechat.calls(SESSION)).toHaveLength(3); // refusals are not retried
  });

  it('retries a single busy answer (-1) or a dropped connection, and signs in', async () => {
    wechat.fail(SESSION, { errcode: -1 });
    expect((await signIn({ openid: 'o-retry-1' })).status).toBe(200);
    expect(wechat.calls(SESSION)).toHaveLength(2);
    wechat.clear();
    wechat.fail(SESSION, { drop: true });
    expect((await signIn({ openid: 'o-retry-2' })).status).toBe(200);
    expect(wechat.calls(SESSION)).toHaveLength(2);
  });

  it.each([
    ['stays busy (-1)', { times: 2, errcode: -1 }, 2],
    ['answers HTTP 500', { times: 2, status: 500, body: 'Internal Server Error' }, 2],
    ['limits the rate (45011)', { errcode: 45011 }, 1],
    ['answers later than WECHAT_TIMEOUT_MS', { delayMs: 1500 }, 1],
  ])('answers 503 WECHAT_UNAVAILABLE when WeChat %s, after at most two tries', async (_, fault, tries) => {
    wechat.fail(SESSION, fault);
    const started = Date.now();
    const res = await signIn({ openid: 'o-down' });
    expect(res.body).toEqual(UNAVAILABLE);
    expect(wechat.calls(SESSION)).toHaveLength(tries);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers 503 when WeChat cannot be reached, and works again when it is back', async () => {
    await wechat.stop();
    try {
      expect((await signIn({ openid: 'o-unreachable' })).body).toEqual(UNAVAILABLE);
    } finally {
      await wechat.start();
    }
    expect((await signIn({ openid: 'o-unreachable' })).status).toBe(200);
  });

  it('answers 503 when WeChat refuses the AppSecret (a configuration fault, not the parent\'s)', async () => {
    const secret = wechat.secret;
    wechat.secret = 'rotated-secret';
    try {
      expect((await signIn({ openid: 'o-secret' })).body).toEqual(UNAVAILABLE);
    } finally {
      wechat.secret = secret;
    }
  });

  it('validates the body: a code is required and unknown fields are refused', async () => {
    const extra = await anon.post('/auth/wechat', { code: wechat.issueCode({ openid: 'o-extra' }), openid: 'o-forged' });
    expect(extra.status).toBe(400);
    expect(extra.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'openid', message: '不支持的字段：openid' }] });
    const missing = await anon.post('/auth/wechat', {});
    expect(missing.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'code', message: '缺少登录凭证' }] });
    const odd = await anon.post('/auth/wechat', { code: 'a&secret=x' });
    expect(odd.body.details).toEqual([{ field: 'code', message: '登录凭证格式不正确' }]);
    expect(wechat.calls(SESSION)).toHaveLength(0);
  });

  it('keeps parent and staff tokens apart', async () => {
    const { admin } = await bootstrapAdmin(server);
    const parent = await aParent(anon, wechat, { openid: 'o-kinds' });
    for (const path of ['/auth/me', '/staff/accounts', '/staff/notices']) {
      const res = await parent.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
    }
    const staffOnParent = await admin.get('/parents/me');
    expect(staffOnParent.status).toBe(401);
    expect(staffOnParent.body.code).toBe('UNAUTHENTICATED');
    expect((await anon.get('/parents/me')).status).toBe(401);
    // Parent sign-ins leave no audit entries; only the admin's own sign-in is there.
    const audit = await admin.get('/staff/audit?limit=50');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['auth.staff_login']);
  });

  it('offers WeChat and not the demo, and refuses the demo sign-in', async () => {
    expect((await anon.get('/auth/options')).body).toEqual({ wechat: true, demo: false });
    expect((await anon.post('/auth/demo')).body).toEqual({ statusCode: 403, code: 'DEMO_DISABLED', message: '当前环境未开放演示登录' });
  });

  it('never lets a session_key out in any response', () => {
    expect(wechat.codes.sessionKeys.length).toBeGreaterThan(5);
    expect(responses.length).toBeGreaterThan(20);
    const leaks = responses.filter((r) => /session_?key/i.test(r.text) || wechat.codes.sessionKeys.some((key) => r.text.includes(key)));
    expect(leaks).toEqual([]);
  });
});

describe('parent sign-in without WeChat, in the demo', () => {
  let server: TestServer;
  let anon: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: 'demo-password-1' });
    anon = new ApiClient(server.baseUrl);
  });

  afterAll(() => server?.destroy());

  it('offers only the demo sign-in', async () => {
    expect((await anon.get('/auth/options')).body).toEqual({ wechat: false, demo: true });
    const res = await anon.post('/auth/wechat', { code: 'any-code-0123456789' });
    expect(res.body).toEqual({ statusCode: 503, code: 'WECHAT_NOT_CONFIGURED', message: '小程序登录尚未配置' });
    await expect(server.app.get(WechatClient).getAccessToken()).rejects.toMatchObject({ code: 'WECHAT_NOT_CONFIGURED' });
  });

  it('signs in a new demo parent each time', async () => {
    const first = await anon.post('/auth/demo');
    const second = await anon.post('/auth/demo', {}); // the mini-program's request wrapper sends {}
    expect(first.status).toBe(200);
    const me1 = await anon.as(first.body.token).get('/parents/me');
    const me2 = await anon.as(second.body.token).get('/parents/me');
    expect(me1.body).toEqual({ id: expect.any(Number), displayName: '演示家长', demo: true, createdAt: expect.any(String) });
    expect(me2.body.id).not.toBe(me1.body.id);
    expect((await anon.as(first.body.token).get('/auth/me')).status).toBe(401);
  });
});
