import { SettableClock } from '../../../server/src/common/clock/clock';
import { WechatClient } from '../../../server/src/wechat/wechat-client';
import { WechatHttp } from '../../../server/src/wechat/wechat-http';
import { wechatError } from '../../fakes/wechat/errors';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const TOKEN = '/cgi-bin/stable_token';
/** A stand-in for the endpoints later issues call with the token (subscribe messages …). */
const PING = '/cgi-bin/fake/ping';

/** The shared access token, with two instances on one database as production runs them. */
describe('WeChat access token', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let clientA: WechatClient;
  let clientB: WechatClient;
  let env: Record<string, string>;
  /** One clock for every instance, as they share the time of day. */
  const clock = new SettableClock();

  const forced = () => wechat.calls(TOKEN).map((call) => (call.body as { force_refresh: boolean }).force_refresh);
  /** Calls the fake's ping endpoint through the server's HTTP layer, as a message send will. */
  const ping = (server: TestServer) => (accessToken: string) =>
    server.app.get(WechatHttp).request<{ errcode: number }>({ method: 'GET', path: PING, query: { access_token: accessToken } });

  beforeAll(async () => {
    wechat.route('GET', PING, ({ query }) => (wechat.validToken(query.access_token) ? { body: { errcode: 0, errmsg: 'ok' } } : wechatError(40001)));
    await wechat.start();
    db = await freshDatabase();
    env = { ...wechat.env(), WECHAT_TIMEOUT_MS: '800' };
    [a, b] = await Promise.all([startServer(db, env, clock), startServer(db, env, clock)]);
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

  it('takes over the refresh when the instance holding the lease has hung', async () => {
    const old = await clientA.getAccessToken();
    await clientA.invalidateAccessToken(old);
    // A third instance takes the lease (12 s, with its 5 s timeout) and hangs: WeChat does not answer it in time.
    const c = await startServer(db, { ...env, WECHAT_TIMEOUT_MS: '5000' }, clock);
    wechat.fail(TOKEN, { delayMs: 8000 }); // well past its timeout (undici's timers are coarse)
    const hung = c.app.get(WechatClient).getAccessToken().catch((error: { code?: string }) => error.code);
    while (wechat.calls(TOKEN).length === 0) await new Promise((resolve) => setImmediate(resolve));
    // 9 s later B comes, finds the lease taken and no token to go on with, and waits (it would give
    // up after 4.6 s); 3.1 s on the lease has passed, and B takes the refresh over.
    clock.advance(9_000);
    const next = clientB.getAccessToken();
    clock.advance(3_100);
    expect(await next).not.toBe(old);
    expect(wechat.validToken(await next)).toBe(true);
    expect(forced()).toEqual([true, true]); // the hung one's call, then B's
    // The hung instance times out, gets nothing (WeChat minted nothing for it), and B's token stays.
    expect(await hung).toBe('WECHAT_UNAVAILABLE');
    await c.stop();
    expect(await clientA.getAccessToken()).toBe(await next);
    expect(wechat.calls(TOKEN)).toHaveLength(2);
  }, 20_000);

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
    clock.advance(1000);
    expect(await clientB.getAccessToken()).toBe(short);
    expect(wechat.calls(TOKEN)).toHaveLength(0);
    clock.advance(1750); // 2.75 s after it was fetched: due (after 2.7 s), still accepted (until 3 s)
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
