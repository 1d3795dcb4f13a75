import { validateValue, type PushChannel, type PushFieldType } from '../../../shared/src/push/template-fields';
import type { FakeReply } from '../fake-http-server';
import { wechatError } from './errors';

/** WeChat openids: 28 characters of base64url in practice; the fake accepts 1–64 of them. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
/** How long WeChat remembers a template message's `client_msg_id` per user. */
export const CLIENT_MSG_ID_WINDOW_MS = 10 * 60 * 1000;
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];

interface Template {
  keys: string[];
  types: PushFieldType[];
}

/**
 * One message WeChat accepted. Kept small (a benchmark records 100,000): the values are an array
 * in the template's key order and `data` is rebuilt when read; openids and template ids are shared
 * strings.
 */
export class Delivery {
  constructor(
    readonly channel: PushChannel,
    readonly openid: string,
    readonly templateId: string,
    private readonly keys: string[],
    private readonly values: string[],
    /** `page` of a subscribe message, `url` of a template message. */
    private readonly link: string | undefined,
    /** `miniprogram.pagepath` of a template message. */
    readonly pagepath: string | undefined,
    readonly msgid: number,
    /** The fake's clock (Date.now()) when it was accepted. */
    readonly at: number,
  ) {}

  get data(): Record<string, { value: string }> {
    return Object.fromEntries(this.keys.map((key, i) => [key, { value: this.values[i]! }]));
  }

  get page(): string | undefined {
    return this.channel === 'subscribe' ? this.link : undefined;
  }

  get url(): string | undefined {
    return this.channel === 'template' ? this.link : undefined;
  }
}

type Body = Record<string, unknown>;

/**
 * The state behind `/cgi-bin/message/subscribe/send` and `/cgi-bin/message/template/send`:
 * templates with their field types, one-time subscribe quotas, followers, a rate limit,
 * `client_msg_id` dedupe and the record of delivered messages.
 */
export class Messages {
  /** The fake's clock, replaceable to play time passing (the 10-minute dedupe window). */
  now: () => number = () => Date.now();
  private readonly templates = { subscribe: new Map<string, Template>(), template: new Map<string, Template>() };
  private readonly quotas = new Map<string, number>();
  private readonly followers = new Set<string>();
  private readonly sentIds = new Map<string, { msgid: number; at: number }>();
  private readonly log: Delivery[] = [];
  private readonly interned = new Map<string, string>();
  private perSecond: number | null = null;
  private readonly window: number[] = [];
  private nextMsgid = 2_600_000_001;

  register(channel: PushChannel, templateId: string, fields: Record<string, PushFieldType>): void {
    this.templates[channel].set(templateId, { keys: Object.keys(fields), types: Object.values(fields) });
  }

  /** `n` more acceptances of a one-time subscription (each allows one message). */
  grant(openid: string, templateId: string, n: number): void {
    const key = `${openid}\n${templateId}`;
    this.quotas.set(key, (this.quotas.get(key) ?? 0) + n);
  }

  quota(openid: string, templateId: string): number {
    return this.quotas.get(`${openid}\n${templateId}`) ?? 0;
  }

  follow(openid: string): void {
    this.followers.add(openid);
  }

  unfollow(openid: string): void {
    this.followers.delete(openid);
  }

  /** At most `perSecond` sends (both kinds together) in any second; null lifts the limit. */
  setRateLimit(limit: { perSecond: number } | null): void {
    this.perSecond = limit?.perSecond ?? null;
    this.window.length = 0;
  }

  delivered(channel?: PushChannel): Delivery[] {
    return channel ? this.log.filter((d) => d.channel === channel) : [...this.log];
  }

  deliveredTo(openid: string): Delivery[] {
    return this.log.filter((d) => d.openid === openid);
  }

  /** Forgets deliveries, quotas, remembered client_msg_ids and the rate limit; templates and followers stay. */
  clear(): void {
    this.log.length = 0;
    this.quotas.clear();
    this.sentIds.clear();
    this.setRateLimit(null);
  }

  sendSubscribe(body: Body): FakeReply {
    const refused = this.rateLimited() ?? this.checkCommon('subscribe', body);
    if (refused) return refused;
    if (body.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(body.miniprogram_state as string)) {
      return wechatError(47003, 'argument invalid! miniprogram_state invalid');
    }
    if (body.page !== undefined && typeof body.page !== 'string') return wechatError(41030, 'invalid page');
    const openid = body.touser as string;
    const templateId = body.template_id as string;
    const key = `${openid}\n${templateId}`;
    const left = this.quotas.get(key) ?? 0;
    if (left <= 0) return wechatError(43101);
    if (left === 1) this.quotas.delete(key);
    else this.quotas.set(key, left - 1);
    this.deliver('subscribe', body, body.page as string | undefined, undefined);
    return { body: { errcode: 0, errmsg: 'ok' } };
  }

  sendTemplate(body: Body): FakeReply {
    const refused = this.rateLimited() ?? this.checkCommon('template', body);
    if (refused) return refused;
    const openid = body.touser as string;
    if (!this.followers.has(openid)) return wechatError(43004);
    const miniprogram = body.miniprogram as { appid?: unknown; pagepath?: unknown } | undefined;
    if (miniprogram !== undefined && (typeof miniprogram !== 'object' || typeof miniprogram?.appid !== 'string')) {
      return wechatError(47003, 'argument invalid! miniprogram.appid invalid');
    }
    const clientMsgId = typeof body.client_msg_id === 'string' && body.client_msg_id ? body.client_msg_id : null;
    const now = this.now();
    if (clientMsgId) {
      this.forgetOldIds(now);
      const seen = this.sentIds.get(`${openid}\n${clientMsgId}`);
      if (seen) return { body: { errcode: 0, errmsg: 'ok', msgid: seen.msgid } };
    }
    const msgid = this.deliver('template', body, body.url as string | undefined, miniprogram?.pagepath as string | undefined);
    if (clientMsgId) this.sentIds.set(`${openid}\n${clientMsgId}`, { msgid, at: now });
    return { body: { errcode: 0, errmsg: 'ok', msgid } };
  }

  private checkCommon(channel: PushChannel, body: Body): FakeReply | null {
    if (typeof body.touser !== 'string' || !OPENID.test(body.touser)) return wechatError(40003);
    const template = typeof body.template_id === 'string' ? this.templates[channel].get(body.template_id) : undefined;
    if (!template) return wechatError(40037);
    const data = body.data;
    if (!data || typeof data !== 'object') return wechatError(47003, 'argument invalid! data is empty');
    for (const [i, key] of template.keys.entries()) {
      const entry = (data as Record<string, unknown>)[key] as { value?: unknown } | undefined;
      if (entry?.value === undefined || entry.value === '') return wechatError(47003, `argument invalid! data.${key}.value is empty`);
      if (validateValue(template.types[i]!, entry.value, channel) !== null) return wechatError(47003, `argument invalid! data.${key}.value invalid`);
    }
    return null;
  }

  private rateLimited(): FakeReply | null {
    if (this.perSecond === null) return null;
    const now = this.now();
    while (this.window.length && this.window[0]! <= now - 1000) this.window.shift();
    if (this.window.length >= this.perSecond) return wechatError(45009);
    this.window.push(now);
    return null;
  }

  private forgetOldIds(now: number): void {
    for (const [key, { at }] of this.sentIds) {
      if (at > now - CLIENT_MSG_ID_WINDOW_MS) break; // insertion order is time order
      this.sentIds.delete(key);
    }
  }

  private deliver(channel: PushChannel, body: Body, link: string | undefined, pagepath: string | undefined): number {
    const template = this.templates[channel].get(body.template_id as string)!;
    const data = body.data as Record<string, { value: string }>;
    const msgid = this.nextMsgid++;
    const values = template.keys.map((key) => data[key]!.value);
    this.log.push(
      new Delivery(channel, this.intern(body.touser as string), this.intern(body.template_id as string), template.keys, values, link, pagepath, msgid, this.now()),
    );
    return msgid;
  }

  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  }
}
