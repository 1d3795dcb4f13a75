import { FakeHttpServer, type FakeFault, type FakeReply } from '../fake-http-server';
import type { PushChannel, PushFieldType } from '../../../shared/src/push/template-fields';
import { ContentChecks, type ContentSuggest } from './content-checks';
import { wechatError } from './errors';
import { LoginCodes } from './login-codes';
import { type Delivery, Messages } from './messages';
import { StableTokens } from './stable-tokens';
import { Users } from './users';

export interface FakeWechatOptions {
  /** The AppID and AppSecret it accepts (WeChat answers 40013 / 40125 to others). */
  appid?: string;
  secret?: string;
  /** `expires_in` of the access tokens it hands out, in seconds (WeChat: 7200). */
  tokenExpiresIn?: number;
}

/** A fault in WeChat's own terms: `errcode` (with `errmsg`) answers HTTP 200 with that error. */
export type WechatFault = FakeFault & { errcode?: number; errmsg?: string };

/**
 * The WeChat API as far as the server uses it, on a local port. Endpoints:
 * - `GET /sns/jscode2session`: codes come from `issueCode`; single use.
 * - `POST /cgi-bin/stable_token`: a new random token per call; `force_refresh:true` revokes the earlier ones.
 * - `POST /cgi-bin/message/subscribe/send`, `POST /cgi-bin/message/template/send`: templates,
 *   quotas and followers set up by the test (`registerTemplate`, `grantQuota`, `follow`); accepted
 *   messages are recorded (`delivered`, `deliveredTo`).
 * - `GET /cgi-bin/user/info`, `POST /cgi-bin/user/info/batchget`: the official account's users
 *   declared by `follow` / `unfollow` (with a unionid when the account plays one bound to an Open
 *   Platform account); an openid never declared gets 40003, and so does a batch holding one.
 * - `POST /wxa/msg_sec_check`: verdicts scripted with `contentVerdict` / `nextContentVerdict` (default pass).
 * Endpoints taking `access_token` in the query check it with `tokenError` (40001 / 42001).
 */
export class FakeWechat extends FakeHttpServer {
  appid: string;
  secret: string;
  readonly codes = new LoginCodes();
  readonly tokens: StableTokens;
  readonly messages = new Messages();
  readonly users = new Users();
  readonly contentChecks = new ContentChecks();

  constructor(options: FakeWechatOptions = {}) {
    super();
    this.appid = options.appid ?? 'wxfake0000000001';
    this.secret = options.secret ?? 'fake-app-secret-0123456789abcdef';
    this.tokens = new StableTokens(options.tokenExpiresIn ?? 7200);
    this.route('GET', '/sns/jscode2session', ({ query }) => {
      if (query.grant_type !== 'authorization_code') return wechatError(40002);
      return this.credentialsError(query.appid, query.secret) ?? this.codes.exchange(query.js_code);
    });
    this.route('POST', '/cgi-bin/stable_token', ({ body }) => {
      const b = (body ?? {}) as { grant_type?: unknown; appid?: unknown; secret?: unknown; force_refresh?: unknown };
      if (b.grant_type !== 'client_credential') return wechatError(40002);
      return this.credentialsError(b.appid, b.secret) ?? this.tokens.issue(b.force_refresh === true);
    });
    this.route('POST', '/cgi-bin/message/subscribe/send', ({ query, body }) => this.tokenError(query.access_token) ?? this.messages.sendSubscribe(asObject(body)));
    this.route('POST', '/cgi-bin/message/template/send', ({ query, body }) => this.tokenError(query.access_token) ?? this.messages.sendTemplate(asObject(body)));
    this.route('GET', '/cgi-bin/user/info', ({ query }) => this.tokenError(query.access_token) ?? this.users.info(query.openid));
    this.route('POST', '/wxa/msg_sec_check', ({ query, body }) => this.tokenError(query.access_token) ?? this.contentChecks.check(body));
    this.route('POST', '/cgi-bin/user/info/batchget', ({ query, body }) => this.tokenError(query.access_token) ?? this.users.batch(body));
  }

  /** Declares a template of the account with its field types, e.g. `{ thing1: 'thing', time2: 'time' }`. */
  registerTemplate(channel: PushChannel, templateId: string, fields: Record<string, PushFieldType>): this {
    this.messages.register(channel, templateId, fields);
    return this;
  }

  /** The user accepted a one-time subscription `n` times (each allows one subscribe message). */
  grantQuota(openid: string, templateId: string, n = 1): this {
    this.messages.grant(openid, templateId, n);
    return this;
  }

  /**
   * The user follows the official account (template messages need it: 43004 otherwise), and
   * user/info answers subscribe 1 with `unionid` when given (leave it out for an account not
   * bound to an Open Platform account). A unionid given earlier is kept.
   */
  follow(openid: string, unionid?: string): this {
    this.messages.follow(openid);
    this.users.follow(openid, unionid);
    return this;
  }

  /** The user stops following: 43004 for template messages, subscribe 0 from user/info. */
  unfollow(openid: string): this {
    this.messages.unfollow(openid);
    this.users.unfollow(openid);
    return this;
  }

  /** At most `perSecond` message sends in any second, 45009 beyond; `null` lifts it. */
  setRateLimit(limit: { perSecond: number } | null): this {
    this.messages.setRateLimit(limit);
    return this;
  }

  /** Content containing `substring` gets this verdict from msg_sec_check (until the fake is discarded). */
  contentVerdict(substring: string, suggest: ContentSuggest, label?: number): this {
    this.contentChecks.whenContains(substring, suggest, label);
    return this;
  }

  /** The next msg_sec_check call gets this verdict, whatever its content (queued in order). */
  nextContentVerdict(suggest: ContentSuggest, label?: number): this {
    this.contentChecks.next(suggest, label);
    return this;
  }

  /** Messages WeChat accepted, oldest first (of one channel if given). */
  delivered(channel?: PushChannel): Delivery[] {
    return this.messages.delivered(channel);
  }

  deliveredTo(openid: string): Delivery[] {
    return this.messages.deliveredTo(openid);
  }

  /** Also forgets delivered messages, quotas, remembered client_msg_ids and the rate limit (templates and followers stay). */
  override clear(): void {
    super.clear();
    this.messages.clear();
    this.contentChecks.clear();
  }

  /** Environment for startTestServer: the server talks to this fake with its credentials. */
  env(): Record<string, string> {
    return { WECHAT_API_BASE: this.url, WECHAT_MINI_APPID: this.appid, WECHAT_MINI_SECRET: this.secret };
  }

  /** Queues a fault on `path`, e.g. `fail('/sns/jscode2session', { times: 2, errcode: -1 })`. */
  fail(path: string, { errcode, errmsg, ...fault }: WechatFault): this {
    return this.fault(path, errcode === undefined ? fault : { ...fault, body: wechatError(errcode, errmsg).body });
  }

  /** A code as wx.login would give the mini-program of this user. */
  issueCode(user: { openid: string; unionid?: string }): string {
    return this.codes.issue(user);
  }

  /** Whether an access token it handed out is still accepted (for endpoints that take one). */
  validToken(token: string | undefined): boolean {
    return this.tokens.valid(token);
  }

  /** WeChat's answer to a bad access token: 40001 (unknown or revoked), 42001 (expired); null when accepted. */
  tokenError(token: string | undefined): FakeReply | null {
    const state = this.tokens.check(token);
    return state === 'ok' ? null : wechatError(state === 'expired' ? 42001 : 40001);
  }

  private credentialsError(appid: unknown, secret: unknown): FakeReply | null {
    if (appid !== this.appid) return wechatError(40013);
    if (secret !== this.secret) return wechatError(40125);
    return null;
  }
}

const asObject = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});
