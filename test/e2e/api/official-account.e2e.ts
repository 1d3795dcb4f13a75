import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { EventBus } from '../../../server/src/common/events/event-bus';
import { OaMessageCrypto, oaSignature } from '../../../server/src/wechat/official-account/crypto';
import { OaCallbackNonce } from '../../../server/src/wechat/official-account/entities/oa-callback-nonce.entity';
import { OaInboundMessage } from '../../../server/src/wechat/official-account/entities/oa-inbound-message.entity';
import { OaTemplateJobResult } from '../../../server/src/wechat/official-account/entities/oa-template-job-result.entity';
import { OaFollowersRepository } from '../../../server/src/wechat/official-account/oa-followers.repository';
import { OaUnionids } from '../../../server/src/wechat/official-account/oa-unionids.service';
import { buildOaXml, parseOaXml } from '../../../server/src/wechat/official-account/xml';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import type { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const TOKEN = 'gongkaiOaToken1';
const APPID = 'wxb11529c136998cb6';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OA = 'gh_gongkai_oa';

describe('WeChat official-account callback (plain mode)', () => {
  // The server looks new followers' unionids up (oa-unionid.e2e.ts): here WeChat knows only those a test makes follow.
  const wechat = new FakeWechat({ appid: APPID, secret: 'oa-secret' });
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;
  let createTime = 1_790_000_000;
  let msgId = 7_000_000_000_000_000;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), WECHAT_OA_APPID: APPID, WECHAT_OA_SECRET: 'oa-secret', WECHAT_OA_TOKEN: TOKEN });
    const boot = await bootstrapAdmin(server);
    admin = boot.admin;
    anon = boot.anonymous;
    editor = await aStaff(admin, 'oa-editor', boot.unitCode, ['editor']);
    const res = await admin.post('/staff/oa/keyword-replies', { keyword: '划片', match: 'exact', reply: '划片范围请看 https://example.gov.cn/#/pages/notice/list?topic=zoning' });
    expect(res.status).toBe(201);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  const url = (query: Record<string, string>) => `${server.baseUrl}/wechat/official-account?${new URLSearchParams(query)}`;
  const signed = (extra: Record<string, string> = {}, timestamp = String(server.clock.nowSeconds())): Record<string, string> => {
    const nonce = String(Math.floor(Math.random() * 1e9));
    return { timestamp, nonce, signature: oaSignature(TOKEN, timestamp, nonce), openid: 'o-any', ...extra };
  };
  const post = async (xml: string, query: Record<string, string> = signed()) => {
    const res = await fetch(url(query), { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const event = (from: string, name: string, extra: [string, string | number][] = [], time = ++createTime) =>
    buildOaXml([['ToUserName', OA], ['FromUserName', from], ['CreateTime', time], ['MsgType', 'event'], ['Event', name], ...extra]);
  const text = (from: string, content: string, id = ++msgId) =>
    buildOaXml([['ToUserName', OA], ['FromUserName', from], ['CreateTime', ++createTime], ['MsgType', 'text'], ['Content', content], ['MsgId', id]]);
  const followers = () => server.app.get(OaFollowersRepository);
  const inboundCount = () => server.dataSource.getRepository(OaInboundMessage).count();

  it('echoes echostr to a correctly signed verification, and refuses a bad signature with 401', async () => {
    const good = await fetch(url({ ...signed(), echostr: 'echo-123' }));
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await good.text()).toBe('echo-123');
    const bad = await fetch(url({ ...signed(), signature: 'f'.repeat(40), echostr: 'echo-123' }));
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain('echo-123');
    expect((await fetch(`${server.baseUrl}/api/v1/wechat/official-account`)).status).toBe(404);
  });

  it('keeps a follower on subscribe and marks them unfollowed on unsubscribe', async () => {
    expect(await post(event('o-follower-1', 'subscribe'))).toMatchObject({ status: 200, text: 'success' });
    const followed = await followers().find('o-follower-1');
    expect(followed).toMatchObject({ followed: true, unfollowedAt: null });
    expect(followed!.followedAt!.getTime()).toBe(createTime * 1000);
    expect((await post(event('o-follower-1', 'unsubscribe'))).text).toBe('success');
    const left = await followers().find('o-follower-1');
    expect(left).toMatchObject({ followed: false });
    expect(left!.unfollowedAt!.getTime()).toBe(createTime * 1000);
    // A late subscribe (older than the unsubscribe) changes nothing.
    await post(event('o-follower-1', 'subscribe', [], createTime - 100));
    expect((await followers().find('o-follower-1'))!.followed).toBe(false);
  });

  it('handles a retried event (same FromUserName and CreateTime) once', async () => {
    const xml = event('o-retry', 'subscribe');
    const before = await inboundCount();
    expect((await post(xml)).text).toBe('success');
    await post(event('o-retry', 'unsubscribe'));
    expect((await post(xml)).text).toBe('success'); // WeChat's retry of the first: must not follow again
    expect(await inboundCount()).toBe(before + 2);
    expect((await followers().find('o-retry'))!.followed).toBe(false);
  });

  it('links a follower to a parent by unionid only', async () => {
    // A parent signed in to the mini-program with the same unionid.
    const parent = (await (await aParent(anon, wechat, { openid: 'mini-o-1', unionid: 'u-linked' })).get('/parents/me')).body as { id: number };
    expect(await followers().followerOpenidForParent(parent.id)).toBeNull();
    wechat.follow('o-linked', 'u-linked');
    await post(event('o-linked', 'subscribe'));
    await server.app.get(OaUnionids).idle();
    expect(await followers().followerOpenidForParent(parent.id)).toBe('o-linked');
    await post(event('o-linked', 'unsubscribe'));
    expect(await followers().followerOpenidForParent(parent.id)).toBeNull();
  });

  it('answers 划片 with the configured reply and unknown text with success', async () => {
    const res = await post(text('o-asker', ' 划片 '));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/xml/);
    expect(parseOaXml(res.text)).toEqual({
      ToUserName: 'o-asker',
      FromUserName: OA,
      CreateTime: expect.stringMatching(/^\d+$/),
      MsgType: 'text',
      Content: '划片范围请看 https://example.gov.cn/#/pages/notice/list?topic=zoning',
    });
    expect(await post(text('o-asker', '你好'))).toMatchObject({ status: 200, text: 'success' });
  });

  it('answers the same MsgId twice identically and keeps one inbound row', async () => {
    const xml = text('o-twice', '划片');
    const before = await inboundCount();
    const first = await post(xml);
    const again = await post(xml);
    expect(again.text).toBe(first.text);
    expect(parseOaXml(first.text)!.Content).toContain('划片范围');
    expect(await inboundCount()).toBe(before + 1);
  });

  it('refuses a badly signed message with 401 and stores nothing', async () => {
    const before = await inboundCount();
    const res = await post(event('o-forged', 'subscribe'), { ...signed(), signature: '0'.repeat(40) });
    expect(res.status).toBe(401);
    expect(await followers().find('o-forged')).toBeNull();
    expect(await inboundCount()).toBe(before);
  });

  it('answers a character reference to no character with 400, never 500, and stores nothing', async () => {
    const before = await inboundCount();
    for (const bad of ['&#1114112;', '&#xD800;', '&#x110000;']) {
      const xml = `<xml><ToUserName>${OA}</ToUserName><FromUserName>o-bad-ref</FromUserName><CreateTime>${++createTime}</CreateTime><MsgType>text</MsgType><Content>a ${bad}</Content><MsgId>${++msgId}</MsgId></xml>`;
      expect(await post(xml)).toMatchObject({ status: 400 });
    }
    expect(await inboundCount()).toBe(before);
  });

  it('refuses a timestamp more than 5 minutes from the clock, also for the URL check', async () => {
    const now = server.clock.nowSeconds();
    const before = await inboundCount();
    expect((await post(text('o-skew', '你好'), signed({}, String(now - 320)))).status).toBe(401);
    expect((await post(text('o-skew', '你好'), signed({}, String(now + 320)))).status).toBe(401);
    expect((await fetch(url({ ...signed({}, String(now - 320)), echostr: 'e' }))).status).toBe(401);
    expect(await inboundCount()).toBe(before);
    expect((await post(text('o-skew', '你好'), signed({}, String(now - 280)))).status).toBe(200);
    // A query signed now is refused once the clock has moved on by more than the window.
    const query = signed();
    server.clock.advance(320_000);
    expect((await post(text('o-skew', '你好'), query)).status).toBe(401);
    expect(await inboundCount()).toBe(before + 1);
  });

  it('accepts a signed query again only for the same message (WeChat retrying it), answered as before', async () => {
    const query = signed();
    const first = text('o-replay', '划片');
    const answer = await post(first, query);
    expect(parseOaXml(answer.text)!.Content).toContain('划片范围');
    const before = await inboundCount();
    // The same query with another message (a new MsgId, or an event) is a replay.
    expect((await post(text('o-replay', '划片'), query)).status).toBe(401);
    expect((await post(event('o-replay-victim', 'subscribe'), query)).status).toBe(401);
    expect(await followers().find('o-replay-victim')).toBeNull();
    expect(await inboundCount()).toBe(before);
    // WeChat's retry of the first message with the same query: the same answer.
    expect(await post(first, query)).toMatchObject({ status: 200, text: answer.text });
    // An event retried (same sender and CreateTime) with the same query, likewise.
    const subscribe = event('o-replay-event', 'subscribe');
    const eventQuery = signed();
    expect((await post(subscribe, eventQuery)).text).toBe('success');
    expect((await post(subscribe, eventQuery)).text).toBe('success');
  });

  it('keeps the used pairs in the database only while their timestamp is inside the window', async () => {
    const nonces = server.dataSource.getRepository(OaCallbackNonce);
    const query = signed();
    expect((await post(text('o-window', '你好'), query)).status).toBe(200);
    expect(await nonces.countBy({ signedPair: `${query.timestamp}:${query.nonce}` })).toBe(1);
    server.clock.advance(6 * 60_000);
    expect((await post(text('o-window', '你好'))).status).toBe(200);
    expect(await nonces.countBy({ signedPair: `${query.timestamp}:${query.nonce}` })).toBe(0);
    expect(await nonces.count()).toBe(1);
  });

  it('records TEMPLATESENDJOBFINISH once and tells the event bus', async () => {
    const seen: { msgId: string; status: string }[] = [];
    const off = server.app.get(EventBus).on('wechat.template_job_finished', (e) => void seen.push(e));
    try {
      const xml = event('o-pushed', 'TEMPLATESENDJOBFINISH', [['MsgID', 200163836], ['Status', 'failed:user block']]);
      expect((await post(xml)).text).toBe('success');
      expect((await post(xml)).text).toBe('success');
      await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([{ msgId: '200163836', status: 'failed:user block' }]);
      expect(await server.dataSource.getRepository(OaTemplateJobResult).findBy({ msgId: '200163836' })).toEqual([
        { msgId: '200163836', status: 'failed:user block', receivedAt: expect.any(Date) },
      ]);
    } finally {
      off();
    }
  });

  describe('keyword replies (admin)', () => {
    it('lets only admins read and change them', async () => {
      expect((await editor.get('/staff/oa/keyword-replies')).status).toBe(403);
      expect((await editor.post('/staff/oa/keyword-replies', { keyword: '中考', match: 'contains', reply: 'x' })).status).toBe(403);
      expect((await admin.as('not-a-token').get('/staff/oa/keyword-replies')).status).toBe(401);
    });

    it('validates with Chinese messages and refuses a keyword that has a reply', async () => {
      const bad = await admin.post('/staff/oa/keyword-replies', { keyword: '  ', match: 'fuzzy', reply: '' });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual(
        expect.arrayContaining([
          { field: 'keyword', message: '关键词不能为空' },
          { field: 'match', message: '匹配方式须为 exact（完全一致）或 contains（包含）' },
          { field: 'reply', message: '回复内容不能为空' },
        ]),
      );
      const taken = await admin.post('/staff/oa/keyword-replies', { keyword: '划片', match: 'contains', reply: 'x' });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('关键词“划片”已有回复');
    });

    it('creates, updates, answers with, deactivates and deletes a reply, each audited', async () => {
      const created = await admin.post('/staff/oa/keyword-replies', { keyword: '中考', match: 'contains', reply: '中考政策见公开目录', sortOrder: 5 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ keyword: '中考', match: 'contains', active: true, sortOrder: 5 });
      const id = created.body.id;
      expect(parseOaXml((await post(text('o-kw', '请问中考什么时候'))).text)!.Content).toBe('中考政策见公开目录');
      const updated = await admin.patch(`/staff/oa/keyword-replies/${id}`, { reply: '中考政策已更新', active: false });
      expect(updated.body).toMatchObject({ reply: '中考政策已更新', active: false });
      expect((await post(text('o-kw', '请问中考什么时候'))).text).toBe('success');
      const list = await admin.get('/staff/oa/keyword-replies');
      expect(list.body.map((r: { keyword: string }) => r.keyword)).toEqual(['划片', '中考']);
      expect((await admin.delete(`/staff/oa/keyword-replies/${id}`)).status).toBe(204);
      expect((await admin.delete(`/staff/oa/keyword-replies/${id}`)).status).toBe(404);
      const audit = await server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'oa_keyword_reply', entityId: String(id) }, order: { id: 'ASC' } });
      expect(audit.map((a) => [a.action, a.actorUsername])).toEqual([
        ['oa_keyword_reply.create', 'root'],
        ['oa_keyword_reply.update', 'root'],
        ['oa_keyword_reply.delete', 'root'],
      ]);
    });
  });
});

describe('WeChat official-account callback in safe mode (WECHAT_OA_AES_KEY set)', () => {
  const crypto = new OaMessageCrypto(AES_KEY, APPID);
  let server: TestServer;
  let createTime = 1_790_000_000;
  let msgId = 7_100_000_000_000_000;

  beforeAll(async () => {
    server = await startTestServer({ WECHAT_OA_APPID: APPID, WECHAT_OA_SECRET: 'oa-secret', WECHAT_OA_TOKEN: TOKEN, WECHAT_OA_AES_KEY: AES_KEY });
    const { admin } = await bootstrapAdmin(server);
    expect((await admin.post('/staff/oa/keyword-replies', { keyword: '划片', match: 'exact', reply: '划片范围请看公开目录' })).status).toBe(201);
  });

  afterAll(async () => server?.destroy());

  const url = (query: Record<string, string>) => `${server.baseUrl}/wechat/official-account?${new URLSearchParams(query)}`;
  const post = async (xml: string, query: Record<string, string>) => {
    const res = await fetch(url(query), { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    return { status: res.status, text: await res.text() };
  };
  const safeQuery = (encrypted: string) => {
    const timestamp = String(server.clock.nowSeconds());
    const nonce = 'n' + Math.floor(Math.random() * 1e9);
    return { timestamp, nonce, signature: oaSignature(TOKEN, timestamp, nonce), encrypt_type: 'aes', msg_signature: oaSignature(TOKEN, timestamp, nonce, encrypted) };
  };
  const envelope = (encrypted: string) => buildOaXml([['ToUserName', OA], ['Encrypt', encrypted]]);
  const event = (from: string, name: string) => buildOaXml([['ToUserName', OA], ['FromUserName', from], ['CreateTime', ++createTime], ['MsgType', 'event'], ['Event', name]]);
  const text = (from: string, content: string) =>
    buildOaXml([['ToUserName', OA], ['FromUserName', from], ['CreateTime', ++createTime], ['MsgType', 'text'], ['Content', content], ['MsgId', ++msgId]]);
  const inboundCount = () => server.dataSource.getRepository(OaInboundMessage).count();
  const followers = () => server.app.get(OaFollowersRepository);

  it('decrypts the request and encrypts the reply, with a msg_signature that verifies and the clock\'s TimeStamp', async () => {
    server.clock.advance(120_000);
    const encrypted = crypto.encrypt(text('o-safe', '划片'));
    const res = await post(envelope(encrypted), safeQuery(encrypted));
    expect(res.status).toBe(200);
    const reply = parseOaXml(res.text)!;
    expect(Object.keys(reply).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp']);
    expect(reply.MsgSignature).toBe(oaSignature(TOKEN, reply.TimeStamp!, reply.Nonce!, reply.Encrypt!));
    expect(Math.abs(Number(reply.TimeStamp) - server.clock.nowSeconds())).toBeLessThanOrEqual(2);
    const inner = parseOaXml(crypto.decrypt(reply.Encrypt!))!;
    expect(inner).toMatchObject({ ToUserName: 'o-safe', FromUserName: OA, MsgType: 'text', Content: '划片范围请看公开目录' });
  });

  it('refuses a bad msg_signature or a message for another AppID with 401, storing nothing', async () => {
    const before = await inboundCount();
    const encrypted = crypto.encrypt(event('o-safe-forged', 'subscribe'));
    const res = await post(envelope(encrypted), { ...safeQuery(encrypted), msg_signature: 'a'.repeat(40) });
    expect(res.status).toBe(401);
    const foreign = new OaMessageCrypto(AES_KEY, 'wx0000000000000000').encrypt(event('o-safe-forged', 'subscribe'));
    expect((await post(envelope(foreign), safeQuery(foreign))).status).toBe(401);
    expect(await followers().find('o-safe-forged')).toBeNull();
    expect(await inboundCount()).toBe(before);
  });

  it('refuses plain-mode messages once an EncodingAESKey is set, and still answers the URL check', async () => {
    const before = await inboundCount();
    const timestamp = String(server.clock.nowSeconds());
    const plain = { timestamp, nonce: '12345', signature: oaSignature(TOKEN, timestamp, '12345') };
    expect((await post(event('o-plain', 'subscribe'), plain)).status).toBe(401);
    expect(await followers().find('o-plain')).toBeNull();
    expect(await inboundCount()).toBe(before);
    const check = await fetch(url({ ...plain, echostr: 'echo-aes' }));
    expect(check.status).toBe(200);
    expect(await check.text()).toBe('echo-aes');
  });

  it('answers a decrypted message with a character reference to no character with 400', async () => {
    const encrypted = crypto.encrypt(`<xml><ToUserName>${OA}</ToUserName><FromUserName>o-safe-ref</FromUserName><CreateTime>${++createTime}</CreateTime><MsgType>text</MsgType><Content>&#1114112;</Content></xml>`);
    expect((await post(envelope(encrypted), safeQuery(encrypted))).status).toBe(400);
  });

  it('refuses the unsigned hostile family up to the 64 KiB cap, the largest within a small multiple of the time of one a tenth its size', async () => {
    // `<xml><Encrypt>` and repeated empty CDATA sections: the old tag regex took seconds at 400 bytes, doubling every 13 more.
    const member = (bytes: number) => {
      const head = '<xml><Encrypt>';
      const unit = ' <![CDATA[]]>';
      return head + unit.repeat(Math.floor((bytes - head.length - '</xml>'.length) / unit.length)) + '</xml>';
    };
    const unsigned = () => ({ ...safeQuery('x'), msg_signature: '0'.repeat(40) });
    const time = async (body: string) => {
      const started = performance.now();
      const res = await post(body, unsigned());
      expect([400, 401]).toContain(res.status);
      return performance.now() - started;
    };
    const median = async (body: string) => {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) times.push(await time(body));
      return times.sort((a, b) => a - b)[2]!;
    };
    for (const bytes of [400, 1024, 4096, 16 * 1024]) await time(member(bytes));
    const cap = 64 * 1024;
    expect(member(cap).length).toBeLessThanOrEqual(cap);
    const tenth = await median(member(cap / 10));
    const full = await median(member(cap));
    // Linear work plus a fixed cost per request is never more than 10× for 10× the size.
    expect(full).toBeLessThan(tenth * 10);
    expect(await inboundCount()).toBe(1);
  });
});

describe('WeChat official-account callback without WECHAT_OA_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(async () => server?.destroy());

  it('answers 503 with a Chinese message', async () => {
    const res = await fetch(`${server.baseUrl}/wechat/official-account?signature=x&timestamp=1&nonce=2&echostr=e`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ statusCode: 503, code: 'WECHAT_NOT_CONFIGURED', message: '公众号消息接口尚未配置' });
  });
});
