import { WechatAccessToken } from '../../../server/src/wechat/entities/wechat-access-token.entity';
import { WechatClient } from '../../../server/src/wechat/wechat-client';
import { WechatHttp } from '../../../server/src/wechat/wechat-http';
import { wechatError } from '../../fakes/wechat/errors';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const TOKEN = '/cgi-bin/stable_token';
/** A stand-in for the endpoints later issues call with the token (subscribe messages …). */
const PING = '/cgi-bin/fake/ping';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The shared access token, with two instances on one database as production runs them. */
describe('WeChat access token', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let clientA: WechatClient;
  let clientB: WechatClient;

  const forced = () => wechat.calls(TOKEN).map((call) => (call.body as { force_refresh: boolean }).force_refresh);
  /** Calls the fake's ping endpoint through the server's HTTP layer, as a message send will. */
  const ping = (server: TestServer) => (accessToken: string) =>
    server.app.get(WechatHttp).request<{ errcode: number }>({ method: 'GET', path: PING, query: { access_token: accessToken } });

  beforeAll(async () => {
    wechat.route('GET', PING, ({ query }) => (wechat.validToken(query.access_token) ? { body: { errcode: 0, errmsg: 'ok' } } : wechatError(40001)));
    await wechat.start();
    db = await freshDatabase();
    const env = { ...wechat.env(), WECHAT_TIMEOUT_MS: '800' };
    [a, b] = await Promise.all([startServer(db, env), startServer(db, env)]);
    clientA = a.app.get(WechatClient);
    clientB = b.app.get(WechatClient);
  });

  afterEach(() => wechat.clear());

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('fetches once for 20 callers at once, then serves from the cache', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => clientA.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(wechat.validToken(tokens[0])).toBe(true);
    expect(wechat.calls(TOKEN)).toHaveLength(1);
    expect(wechat.calls(TOKEN)[0]!.body).toEqual({ grant_type: 'client_credential', appid: wechat.appid, secret: wechat.secret, force_refresh: false });
    expect(await clientA.getAccessToken()).toBe(tokens[0]);
    expect(wechat.calls(TOKEN)).toHaveLength(1);
  });

  it('shares the token with the other instance, which fetches nothing', async () => {
    expect(await clientB.getAccessToken()).toBe(await clientA.getAccessToken());
    expect(wechat.calls(TOKEN)).toHaveLength(0);
  });

  it('replaces an invalidated token once, with force_refresh, for every caller on both instances', async () => {
    const old = await clientA.getAccessToken();
    await clientA.invalidateAccessToken(old);
    await clientB.invalidateAccessToken(old); // both saw the refusal: still one refresh
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? clientA : clientB).getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(old);
    expect(forced()).toEqual([true]);
    expect(wechat.validToken(old)).toBe(false);
    // A late report about the old token changes nothing.
    await clientA.invalidateAccessToken(old);
    expect(await clientB.getAccessToken()).toBe(tokens[0]);
    expect(wechat.calls(TOKEN)).toHaveLength(1);
  });

  it('makes the other instance wait for the one refreshing, then read its token', async () => {
    await clientA.invalidateAccessToken(await clientA.getAccessToken());
    wechat.fail(TOKEN, { delayMs: 250 }); // the winner's fetch takes a while
    const started = Date.now();
    const [fromA, fromB] = await Promise.all([clientA.getAccessToken(), clientB.getAccessToken()]);
    expect(fromB).toBe(fromA);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(wechat.calls(TOKEN)).toHaveLength(1);
  });

  it('takes over the refresh when the instance holding the lease has died', async () => {
    const old = await clientA.getAccessToken();
    await clientA.invalidateAccessToken(old);
    // As a crashed refresher leaves it: the lease taken for a while, no new token.
    await a.dataSource.getRepository(WechatAccessToken).update({ appid: wechat.appid }, { refreshLeaseUntil: new Date(Date.now() + 500) });
    const started = Date.now();
    const next = await clientB.getAccessToken();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(next).not.toBe(old);
    expect(forced()).toEqual([true]);
  });

  it('retries calls refused with 40001 once, after one forced refresh; the other instance then uses the new token', async () => {
    const old = await clientA.getAccessToken();
    expect(await clientB.getAccessToken()).toBe(old);
    wechat.tokens.revokeAll(); // WeChat stops accepting it, e.g. after a refresh by another system
    // Ten sends at once, as a push worker makes them: all refused, one refresh, all retried.
    const results = await Promise.all(Array.from({ length: 10 }, () => clientA.callWithToken(ping(a))));
    expect(results.map((r) => r.errcode)).toEqual(Array(10).fill(0));
    expect(forced()).toEqual([true]);
    expect(await clientB.callWithToken(ping(b))).toMatchObject({ errcode: 0 });
    expect(wechat.calls(TOKEN)).toHaveLength(1);
    const accepted = wechat.calls(PING).map((call) => wechat.validToken(call.query.access_token));
    expect([accepted.filter((ok) => !ok).length, accepted.filter((ok) => ok).length]).toEqual([10, 11]);
  });

  it('passes on other errors of the call without refreshing', async () => {
    wechat.fail(PING, { errcode: 40003, errmsg: 'invalid openid' });
    await expect(clientA.callWithToken(ping(a))).rejects.toMatchObject({ errcode: 40003 });
    expect(wechat.calls(TOKEN)).toHaveLength(0);
    expect(wechat.calls(PING)).toHaveLength(1);
  });

  it('refreshes a short-lived token ahead of its expiry, serving the old one while WeChat fails', async () => {
    wechat.tokens.expiresIn = 3;
    const old = await clientA.getAccessToken();
    await clientA.invalidateAccessToken(old);
    const short = await clientA.getAccessToken(); // lives 3 s: due for refresh after 2.7 s
    wechat.tokens.expiresIn = 7200;
    wechat.clear();
    await sleep(1000);
    expect(await clientB.getAccessToken()).toBe(short);
    expect(wechat.calls(TOKEN)).toHaveLength(0);
    await sleep(1750);
    // Due but still accepted: a failed refresh leaves the old token in service (and the lease free).
    wechat.fail(TOKEN, { times: 2, errcode: -1 });
    expect(await clientA.getAccessToken()).toBe(short);
    expect(wechat.calls(TOKEN)).toHaveLength(2);
    const next = await clientA.getAccessToken();
    expect(next).not.toBe(short);
    expect(wechat.calls(TOKEN)).toHaveLength(3);
    expect(forced()).toEqual([false, false, false]);
    expect(await clientB.getAccessToken()).toBe(next);
    expect(wechat.calls(TOKEN)).toHaveLength(3);
  });

  it('answers 503 WECHAT_UNAVAILABLE when there is no token and WeChat fails, and recovers', async () => {
    const old = await clientA.getAccessToken();
    await clientA.invalidateAccessToken(old);
    wechat.fail(TOKEN, { times: 2, status: 502 });
    await expect(clientA.getAccessToken()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' });
    wechat.fail(TOKEN, { delayMs: 1600 });
    await expect(clientB.getAccessToken()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    expect(wechat.calls(TOKEN)).toHaveLength(3); // a timeout is not retried
    const next = await clientB.getAccessToken();
    expect(wechat.validToken(next)).toBe(true);
    expect(forced()).toEqual([true, true, true, true]);
  });
});
