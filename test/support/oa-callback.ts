import { oaSignature } from '../../server/src/wechat/official-account/crypto';
import { buildOaXml, parseOaXml } from '../../server/src/wechat/official-account/xml';

/**
 * Sends what WeChat sends to the official-account callback (plain mode, correctly signed), as a
 * follower of the official account `oa` would: text messages and events. Timestamps come from
 * `clock` (pass the test server's, so they stay inside the callback's skew window when it moves).
 */
export class OaCallbackClient {
  private createTime = 1_790_000_000;
  private msgId = 8_000_000_000_000_000;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly oa = 'gh_gongkai_oa',
    private readonly clock: { nowSeconds(): number } = { nowSeconds: () => Math.floor(Date.now() / 1000) },
  ) {}

  /** Posts a text message from `from`; answers the reply's Content, or null for `success`. */
  async text(from: string, content: string): Promise<string | null> {
    const xml = buildOaXml([['ToUserName', this.oa], ['FromUserName', from], ['CreateTime', ++this.createTime], ['MsgType', 'text'], ['Content', content], ['MsgId', ++this.msgId]]);
    return this.post(xml);
  }

  /** Posts an event from `from` (subscribe, unsubscribe, TEMPLATESENDJOBFINISH with its MsgID and Status in `fields` …). */
  async event(from: string, event: string, fields: [string, string | number][] = []): Promise<string | null> {
    return this.post(buildOaXml([['ToUserName', this.oa], ['FromUserName', from], ['CreateTime', ++this.createTime], ['MsgType', 'event'], ['Event', event], ...fields]));
  }

  private async post(xml: string): Promise<string | null> {
    const timestamp = String(this.clock.nowSeconds());
    const nonce = String(Math.floor(Math.random() * 1e9));
    const query = new URLSearchParams({ timestamp, nonce, signature: oaSignature(this.token, timestamp, nonce) });
    const res = await fetch(`${this.baseUrl}/wechat/official-account?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${text}`);
    if (text === 'success') return null;
    return parseOaXml(text)?.Content ?? null;
  }
}
