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
    const get = () => (account === 'mini' ? this.getAccessToken() : this.getOaAccessToken());
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
