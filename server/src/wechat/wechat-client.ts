import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccessTokenCache } from './access-token-cache';
import { WechatApiError, WechatTransportError, isTokenRejected, sessionError, wechatNotConfigured } from './wechat-errors';
import { WechatHttp } from './wechat-http';

/** What jscode2session tells about the person behind a login code. `sessionKey` never leaves the server. */
export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}

/** What `/cgi-bin/user/info` (or its batch form) tells of one official-account user. */
export interface OaUserInfo {
  openid: string;
  /** subscribe = 1: follows the official account now. Of others WeChat tells nothing more. */
  subscribed: boolean;
  /** Only when the official account is bound to an Open Platform account (and the user follows). */
  unionid: string | null;
}

/** msg_sec_check's verdict: `suggest` decides (errcode is 0 even for bad content); `label` says why (100 = normal). */
export interface ContentVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number | null;
}

/** How long a message send may reuse the access token its process read last (a fan-out sends thousands a second). */
const SEND_TOKEN_REUSE_MS = 1000;

/** Openids per `/cgi-bin/user/info/batchget` call (WeChat answers 40032 beyond). */
export const OA_USER_BATCH_MAX = 100;

/** The server's door to the WeChat API (mini-program credentials). */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('Wechat');

  constructor(
    private readonly http: WechatHttp,
    private readonly tokens: AccessTokenCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return this.config.wechat.mini !== null;
  }

  /** Exchanges a wx.login code. Refusals become ApiErrors a parent can read (401 bad code, 503 WeChat down). */
  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret } = this.credentials();
    try {
      const answer = await this.http.request<{ openid?: unknown; unionid?: unknown; session_key?: unknown }>({
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: appId, secret, js_code: code, grant_type: 'authorization_code' },
        retry: true,
      });
      if (typeof answer.openid !== 'string' || !answer.openid || typeof answer.session_key !== 'string') {
        throw new WechatTransportError('/sns/jscode2session', 'bad-response', 'no openid or session_key');
      }
      const session: WechatSession = { openid: answer.openid, sessionKey: answer.session_key };
      if (typeof answer.unionid === 'string' && answer.unionid) session.unionid = answer.unionid;
      return session;
    } catch (error) {
      if (!(error instanceof WechatApiError || error instanceof WechatTransportError)) throw error;
      const refusal = sessionError(error);
      if (refusal.getStatus() >= 500) this.logger.warn(`code2Session failed: ${error.message}`);
      throw refusal;
    }
  }

  /** A valid access token from the shared cache, fetching (once, across instances) when needed. */
  async getAccessToken(): Promise<string> {
    const { appId, secret } = this.credentials();
    return this.tokens.get(appId, secret);
  }

  /** For a caller WeChat answered 40001/42001: the next getAccessToken fetches a new one with force_refresh. */
  async invalidateAccessToken(token: string): Promise<void> {
    await this.tokens.invalidate(this.credentials().appId, token);
  }

  /**
   * Runs `call` with the access token; if WeChat refuses the token (40001/42001, thrown as a
   * WechatApiError by WechatHttp), invalidates it and runs `call` once more with a new one.
   */
  async callWithToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.getAccessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      await this.invalidateAccessToken(token);
      return call(await this.getAccessToken());
    }
  }

  /**
   * WeChat's content check (`POST /wxa/msg_sec_check`, version 2) of text the user `openid` wrote;
   * scene 2 (评论): text others may read after staff handle it. A read as far as WeChat is
   * concerned, so WechatHttp may repeat it after -1 or a broken connection.
   */
  async msgSecCheck(openid: string, content: string, scene: 1 | 2 | 3 | 4 = 2): Promise<ContentVerdict> {
    const path = '/wxa/msg_sec_check';
    const answer = await this.callWithToken((token) =>
      this.http.request<{ result?: { suggest?: unknown; label?: unknown } }>({ method: 'POST', path, query: { access_token: token }, body: { content, version: 2, scene, openid }, retry: true }),
    );
    const suggest = answer.result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw new WechatTransportError(path, 'bad-response', 'no result.suggest');
    const label = Number(answer.result?.label);
    return { suggest, label: Number.isInteger(label) ? label : null };
  }

  /** Whether the official account's AppID and AppSecret are configured (template messages). */
  get oaConfigured(): boolean {
    return this.config.officialAccount.appId !== null && this.config.officialAccount.secret !== null;
  }

  /** The official account's access token, through the same shared cache (keyed by its AppID). */
  async getOaAccessToken(): Promise<string> {
    const { appId, secret } = this.oaCredentials();
    return this.tokens.get(appId, secret);
  }

  async invalidateOaAccessToken(token: string): Promise<void> {
    await this.tokens.invalidate(this.oaCredentials().appId, token);
  }

  /**
   * One send of a message (never retried by WechatHttp: it may have reached WeChat). A refused
   * token (40001/42001) is invalidated and the send made once more with a fresh one: WeChat did
   * not accept the first, so nothing goes out twice.
   */
  async sendMessage(account: 'mini' | 'oa', path: string, body: object): Promise<Record<string, unknown>> {
    const { appId, secret } = account === 'mini' ? this.credentials() : this.oaCredentials();
    // A send retries once after 40001/42001, so it may reuse a token read a moment ago (see AccessTokenCache.get).
    const get = () => this.tokens.get(appId, secret, SEND_TOKEN_REUSE_MS);
    const send = (token: string) => this.http.request<Record<string, unknown>>({ method: 'POST', path, query: { access_token: token }, body });
    const token = await get();
    try {
      return await send(token);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      await (account === 'mini' ? this.invalidateAccessToken(token) : this.invalidateOaAccessToken(token));
      return send(await get());
    }
  }

  /**
   * One official-account user's subscribe state and unionid (`GET /cgi-bin/user/info`). A read,
   * so WechatHttp may repeat it after -1 or a broken connection; a refused token is replaced once.
   */
  async getOaUserInfo(openid: string): Promise<OaUserInfo> {
    const path = '/cgi-bin/user/info';
    const answer = await this.withOaToken((token) =>
      this.http.request<Record<string, unknown>>({ method: 'GET', path, query: { access_token: token, openid, lang: 'zh_CN' }, retry: true }),
    );
    const info = userInfo(answer);
    if (!info) throw new WechatTransportError(path, 'bad-response', 'no subscribe or openid');
    return info;
  }

  /**
   * Up to OA_USER_BATCH_MAX users in one call (`POST /cgi-bin/user/info/batchget`), in WeChat's
   * order; an openid WeChat leaves out is missing from the answer. WeChat refuses the whole call
   * (40003) when any openid in it is not one of the account's.
   */
  async batchGetOaUserInfo(openids: string[]): Promise<OaUserInfo[]> {
    if (openids.length === 0) return [];
    if (openids.length > OA_USER_BATCH_MAX) throw new RangeError(`at most ${OA_USER_BATCH_MAX} openids per batchget, got ${openids.length}`);
    const path = '/cgi-bin/user/info/batchget';
    const body = { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) };
    const answer = await this.withOaToken((token) => this.http.request<{ user_info_list?: unknown }>({ method: 'POST', path, query: { access_token: token }, body, retry: true }));
    if (!Array.isArray(answer.user_info_list)) throw new WechatTransportError(path, 'bad-response', 'no user_info_list');
    return answer.user_info_list.map(userInfo).filter((info): info is OaUserInfo => info !== null);
  }

  /** As callWithToken, with the official account's token. */
  private async withOaToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.getOaAccessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      await this.invalidateOaAccessToken(token);
      return call(await this.getOaAccessToken());
    }
  }

  private oaCredentials(): { appId: string; secret: string } {
    const { appId, secret } = this.config.officialAccount;
    if (!appId || !secret) throw wechatNotConfigured();
    return { appId, secret };
  }

  private credentials(): { appId: string; secret: string } {
    if (!this.config.wechat.mini) throw wechatNotConfigured();
    return this.config.wechat.mini;
  }
}

/** One entry of a user/info answer; null when it lacks the openid or the subscribe flag. */
function userInfo(entry: unknown): OaUserInfo | null {
  const { openid, subscribe, unionid } = (entry ?? {}) as { openid?: unknown; subscribe?: unknown; unionid?: unknown };
  if (typeof openid !== 'string' || !openid || (subscribe !== 0 && subscribe !== 1)) return null;
  return { openid, subscribed: subscribe === 1, unionid: typeof unionid === 'string' && unionid ? unionid : null };
}
