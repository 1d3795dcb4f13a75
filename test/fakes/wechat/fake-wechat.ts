import { FakeHttpServer, type FakeFault, type FakeReply } from '../fake-http-server';
import { wechatError } from './errors';
import { LoginCodes } from './login-codes';
import { StableTokens } from './stable-tokens';

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
 * Later endpoints take `access_token` in the query and check it with `validToken` (40001 otherwise).
 */
export class FakeWechat extends FakeHttpServer {
  appid: string;
  secret: string;
  readonly codes = new LoginCodes();
  readonly tokens: StableTokens;

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

  private credentialsError(appid: unknown, secret: unknown): FakeReply | null {
    if (appid !== this.appid) return wechatError(40013);
    if (secret !== this.secret) return wechatError(40125);
    return null;
  }
}
