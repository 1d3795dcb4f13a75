import { CLIENT_MSG_ID_WINDOW_MS } from '../../fakes/wechat/messages';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';

const SUBSCRIBE = '/cgi-bin/message/subscribe/send';
const TEMPLATE = '/cgi-bin/message/template/send';
const OPENID = 'oFake_parent-0000000000000001';
const OTHER = 'oFake_parent-0000000000000002';
const SUB_ID = 'sub-notice-published';
const TPL_ID = 'tpl-notice-published';

interface Answer {
  errcode: number;
  errmsg: string;
  msgid?: number;
}

/** The fake's own protocol, spoken with fetch: no server under test here. */
describe('fake WeChat: subscribe and template messages', () => {
  const wechat = new FakeWechat();
  let token: string;

  const post = async (path: string, body: unknown, accessToken = token): Promise<Answer> => {
    const res = await fetch(`${wechat.url}${path}?access_token=${encodeURIComponent(accessToken)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Answer;
  };
  const subscribe = (over: Record<string, unknown> = {}, accessToken?: string) =>
    post(SUBSCRIBE, { touser: OPENID, template_id: SUB_ID, page: 'pages/notice/detail?id=1', data: { thing1: { value: '秋季招生通知' }, date2: { value: '2026年9月1日' } }, ...over }, accessToken);
  const template = (over: Record<string, unknown> = {}) =>
    post(TEMPLATE, { touser: OPENID, template_id: TPL_ID, url: 'https://example.org/n/1', data: { keyword1: { value: '秋季招生通知' }, time2: { value: '2026年9月1日 08:00' } }, ...over });

  beforeAll(async () => {
    await wechat.start();
    wechat.registerTemplate('subscribe', SUB_ID, { thing1: 'thing', date2: 'date' });
    wechat.registerTemplate('template', TPL_ID, { keyword1: 'keyword', time2: 'time' });
    wechat.follow(OPENID);
  });

  beforeEach(() => {
    token = (wechat.tokens.issue(false).body as { access_token: string }).access_token;
  });

  afterEach(() => wechat.clear());
  afterAll(() => wechat.stop());

  describe('subscribe/send', () => {
    it('sends once per acceptance, then answers 43101', async () => {
      wechat.grantQuota(OPENID, SUB_ID, 1);
      expect(await subscribe()).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(await subscribe()).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      expect(wechat.messages.quota(OPENID, SUB_ID)).toBe(0);
      wechat.grantQuota(OPENID, SUB_ID, 2);
      expect((await subscribe()).errcode).toBe(0);
      expect((await subscribe()).errcode).toBe(0);
      expect((await subscribe()).errcode).toBe(43101);
      expect(wechat.delivered('subscribe')).toHaveLength(3);
    });

    it('keeps quota per user and template', async () => {
      wechat.registerTemplate('subscribe', 'sub-other', { phrase1: 'phrase' });
      wechat.grantQuota(OPENID, 'sub-other');
      expect((await subscribe()).errcode).toBe(43101);
      expect((await subscribe({ touser: OTHER })).errcode).toBe(43101);
      expect((await subscribe({ template_id: 'sub-other', data: { phrase1: { value: '已发布' } } })).errcode).toBe(0);
    });

    it('records what it delivered', async () => {
      wechat.grantQuota(OPENID, SUB_ID);
      const before = Date.now();
      await subscribe();
      const [d] = wechat.delivered();
      expect(d).toMatchObject({ channel: 'subscribe', openid: OPENID, templateId: SUB_ID, page: 'pages/notice/detail?id=1', url: undefined });
      expect(d!.data).toEqual({ thing1: { value: '秋季招生通知' }, date2: { value: '2026年9月1日' } });
      expect(d!.at).toBeGreaterThanOrEqual(before);
      expect(typeof d!.msgid).toBe('number');
      expect(wechat.deliveredTo(OPENID)).toHaveLength(1);
      expect(wechat.deliveredTo(OTHER)).toHaveLength(0);
    });

    it('answers 40001 to an unknown token and 42001 to an expired one', async () => {
      wechat.grantQuota(OPENID, SUB_ID);
      expect(await subscribe({}, 'not-a-token')).toEqual({ errcode: 40001, errmsg: expect.stringContaining('invalid credential') });
      wechat.tokens.expiresIn = -1;
      const expired = (wechat.tokens.issue(false).body as { access_token: string }).access_token;
      wechat.tokens.expiresIn = 7200;
      expect(await subscribe({}, expired)).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
      expect(wechat.delivered()).toHaveLength(0);
      expect(wechat.messages.quota(OPENID, SUB_ID)).toBe(1); // a refused call uses no quota
    });

    it('answers 40003 to a malformed openid and 40037 to an unknown template', async () => {
      wechat.grantQuota(OPENID, SUB_ID);
      for (const touser of ['', 'o 1', '家长', 42, 'o'.repeat(65)]) expect((await subscribe({ touser })).errcode).toBe(40003);
      expect(await subscribe({ template_id: 'nope' })).toEqual({ errcode: 40037, errmsg: 'invalid template_id' });
      expect(await subscribe({ template_id: TPL_ID })).toMatchObject({ errcode: 40037 }); // a template-message id is not a subscribe one
      expect(wechat.delivered()).toHaveLength(0);
    });

    it('answers 47003 naming the field for a missing or invalid value', async () => {
      wechat.grantQuota(OPENID, SUB_ID);
      expect(await subscribe({ data: { thing1: { value: '秋季招生通知' } } })).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.date2.value is empty' });
      expect(await subscribe({ data: { thing1: { value: '一'.repeat(21) }, date2: { value: '2026年9月1日' } } })).toEqual({
        errcode: 47003,
        errmsg: 'argument invalid! data.thing1.value invalid',
      });
      expect((await subscribe({ data: { thing1: { value: '第一行\n第二行' }, date2: { value: '2026年9月1日' } } })).errmsg).toBe('argument invalid! data.thing1.value invalid');
      expect((await subscribe({ data: { thing1: { value: '通知' }, date2: { value: '九月一日' } } })).errmsg).toBe('argument invalid! data.date2.value invalid');
      expect((await subscribe({ data: { thing1: { value: 5 }, date2: { value: '2026年9月1日' } } })).errcode).toBe(47003);
      expect((await subscribe({ miniprogram_state: 'beta' })).errcode).toBe(47003);
      expect(wechat.messages.quota(OPENID, SUB_ID)).toBe(1);
      expect((await subscribe({ miniprogram_state: 'formal', lang: 'zh_CN' })).errcode).toBe(0);
    });
  });

  describe('template/send', () => {
    it('sends to followers with a msgid, and answers 43004 to others', async () => {
      const sent = await template();
      expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
      expect(await template({ touser: OTHER })).toEqual({ errcode: 43004, errmsg: 'require subscribe' });
      wechat.follow(OTHER);
      expect((await template({ touser: OTHER })).errcode).toBe(0);
      wechat.unfollow(OTHER);
      expect((await template({ touser: OTHER })).errcode).toBe(43004);
      const [d] = wechat.delivered('template');
      expect(d).toMatchObject({ channel: 'template', openid: OPENID, templateId: TPL_ID, url: 'https://example.org/n/1', page: undefined, msgid: sent.msgid });
      expect(d!.data).toEqual({ keyword1: { value: '秋季招生通知' }, time2: { value: '2026年9月1日 08:00' } });
      expect(wechat.delivered('template')).toHaveLength(2);
      expect(wechat.delivered('subscribe')).toHaveLength(0);
    });

    it('records the mini-program page of a template message', async () => {
      await template({ url: undefined, miniprogram: { appid: wechat.appid, pagepath: 'pages/notice/detail?id=2' } });
      expect(wechat.delivered()[0]).toMatchObject({ url: undefined, pagepath: 'pages/notice/detail?id=2' });
      expect((await template({ miniprogram: { pagepath: 'x' } })).errcode).toBe(47003);
    });

    it('holds every field to 20 characters (rules since May 2023)', async () => {
      expect(await template({ data: { keyword1: { value: '一'.repeat(21) }, time2: { value: '08:00' } } })).toEqual({
        errcode: 47003,
        errmsg: 'argument invalid! data.keyword1.value invalid',
      });
      expect((await template({ data: { keyword1: { value: '一'.repeat(20) }, time2: { value: '08:00' } } })).errcode).toBe(0);
    });

    it('answers 40001, 40003, 40037 as subscribe/send does', async () => {
      expect((await post(TEMPLATE, { touser: OPENID, template_id: TPL_ID, data: {} }, 'bad')).errcode).toBe(40001);
      expect((await template({ touser: 'a/b' })).errcode).toBe(40003);
      expect((await template({ template_id: SUB_ID })).errcode).toBe(40037);
      expect(wechat.delivered()).toHaveLength(0);
    });

    it('dedupes client_msg_id per user for 10 minutes', async () => {
      const first = await template({ client_msg_id: 'notice-1' });
      expect(first.errcode).toBe(0);
      expect(await template({ client_msg_id: 'notice-1' })).toEqual(first);
      expect(wechat.delivered()).toHaveLength(1);

      wechat.follow(OTHER);
      const other = await template({ touser: OTHER, client_msg_id: 'notice-1' }); // another user: a new message
      expect(other.msgid).not.toBe(first.msgid);
      const second = await template({ client_msg_id: 'notice-2' });
      expect(second.msgid).not.toBe(first.msgid);
      expect(await template()).not.toEqual(await template()); // no id: no dedupe
      expect(wechat.deliveredTo(OPENID)).toHaveLength(4);

      const realNow = wechat.messages.now;
      try {
        wechat.messages.now = () => realNow() + CLIENT_MSG_ID_WINDOW_MS - 5_000;
        expect((await template({ client_msg_id: 'notice-1' })).msgid).toBe(first.msgid);
        wechat.messages.now = () => realNow() + CLIENT_MSG_ID_WINDOW_MS + 5_000;
        const later = await template({ client_msg_id: 'notice-1' });
        expect(later.errcode).toBe(0);
        expect(later.msgid).not.toBe(first.msgid);
        expect(wechat.deliveredTo(OPENID)).toHaveLength(5);
      } finally {
        wechat.messages.now = realNow;
      }
    });
  });

  describe('shared behaviour', () => {
    it('limits sends per second across both endpoints with 45009', async () => {
      wechat.setRateLimit({ perSecond: 3 });
      wechat.grantQuota(OPENID, SUB_ID, 10);
      const answers = await Promise.all([subscribe(), template(), subscribe(), template(), subscribe()]);
      expect(answers.map((a) => a.errcode).sort()).toEqual([0, 0, 0, 45009, 45009]);
      expect(answers.find((a) => a.errcode === 45009)!.errmsg).toBe('reach max api daily quota limit');
      expect(wechat.delivered()).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect((await subscribe()).errcode).toBe(0);
      wechat.setRateLimit(null);
      const many = await Promise.all(Array.from({ length: 10 }, () => template()));
      expect(many.every((a) => a.errcode === 0)).toBe(true);
    });

    it('adds a latency to every request of an endpoint', async () => {
      wechat.latency(TEMPLATE, 20);
      const started = Date.now();
      for (let i = 0; i < 5; i++) expect((await template()).errcode).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      const quick = Date.now();
      wechat.grantQuota(OPENID, SUB_ID);
      await subscribe(); // other endpoints are not slowed
      expect(Date.now() - quick).toBeLessThan(20 * 5);
      wechat.latency(TEMPLATE, 0);
    });

    it('takes faults on these paths like on the others', async () => {
      wechat.grantQuota(OPENID, SUB_ID);
      wechat.fail(SUBSCRIBE, { errcode: -1 });
      expect(await subscribe()).toEqual({ errcode: -1, errmsg: 'system error' });
      wechat.fail(TEMPLATE, { status: 502, body: 'Bad Gateway' });
      const res = await fetch(`${wechat.url}${TEMPLATE}?access_token=${token}`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(wechat.delivered()).toHaveLength(0);
      expect(wechat.messages.quota(OPENID, SUB_ID)).toBe(1); // the fault answered instead of WeChat
      expect((await subscribe()).errcode).toBe(0);
      expect(wechat.calls(SUBSCRIBE)).toHaveLength(2);
    });

    it('counts 1,000 deliveries exactly without the request log', async () => {
      wechat.logRequests = false;
      try {
        wechat.grantQuota(OPENID, SUB_ID, 500);
        const answers = await Promise.all(
          Array.from({ length: 1000 }, (_, i) => (i % 2 ? subscribe() : template({ data: { keyword1: { value: `通知${i}` }, time2: { value: '08:00' } } }))),
        );
        expect(answers.every((a) => a.errcode === 0)).toBe(true);
        expect(wechat.delivered('subscribe')).toHaveLength(500);
        expect(wechat.delivered('template')).toHaveLength(500);
        expect(new Set(wechat.delivered('template').map((d) => d.data.keyword1!.value)).size).toBe(500);
        expect(wechat.requests).toHaveLength(0);
        expect((await subscribe()).errcode).toBe(43101);
      } finally {
        wechat.logRequests = true;
      }
    });
  });
});
