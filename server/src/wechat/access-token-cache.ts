import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { refreshLeaseMs, tokenState, tokenTimes } from './access-token-rules';
import { AccessTokenRepository } from './access-token.repository';
import { WechatApiError, WechatTransportError, wechatUnavailable } from './wechat-errors';
import { WechatHttp } from './wechat-http';

/** How often an instance waiting for another one's refresh reads the row again. */
const LEASE_POLL_MS = 50;

/**
 * The central access-token cache. The token lives in `wechat_access_token`, shared by every
 * instance, and is read from there on each use (one primary-key read, shared by the callers of
 * the moment) so that a token replaced by another instance is never handed out again. One
 * refresher at a time: callers in one process share one promise, and across instances the one
 * that takes the row's lease fetches while the others go on with the old token (if it still
 * works) or wait for the new one. `force_refresh` is used only to replace a token WeChat refused.
 */
@Injectable()
export class AccessTokenCache {
  private readonly logger = new Logger('WechatToken');
  /** One in-flight load per appid (the mini-program and the official account have tokens of their own). */
  private readonly loading = new Map<string, Promise<string>>();
  /** Per appid, the last token a caller in this process reported refused. */
  private readonly rejected = new Map<string, string>();
  /** Per appid, until when the token last read stays fresh (refreshAfter), and the token. */
  private readonly recent = new Map<string, { token: string; freshUntil: number; readAt: number }>();

  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly http: WechatHttp,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * `reuseMs`: a caller that retries once with a new token after 40001/42001 (a message send) may
   * take the token this process read that long ago, while it is fresh, without reading the row
   * again: a fan-out of thousands of sends a second then reads it a few times a second.
   */
  async get(appid: string, secret: string, reuseMs = 0): Promise<string> {
    const recent = this.recent.get(appid);
    const now = this.clock.nowMs();
    if (reuseMs > 0 && recent && now - recent.readAt < reuseMs && now < recent.freshUntil && recent.token !== this.rejected.get(appid)) return recent.token;
    const token = await this.shared(appid, secret);
    // A load that began before the token was marked stale may still bring it: load once more.
    return token === this.rejected.get(appid) ? this.shared(appid, secret) : token;
  }

  async invalidate(appid: string, token: string): Promise<void> {
    this.rejected.set(appid, token);
    this.recent.delete(appid);
    await this.tokens.markStale(appid, token, this.clock.now());
  }

  /** Callers at the same moment share one load. */
  private shared(appid: string, secret: string): Promise<string> {
    let loading = this.loading.get(appid);
    if (!loading) {
      loading = this.load(appid, secret).finally(() => this.loading.delete(appid));
      this.loading.set(appid, loading);
    }
    return loading;
  }

  private async load(appid: string, secret: string): Promise<string> {
    const leaseMs = refreshLeaseMs(this.config.wechat.timeoutMs);
    const giveUpAt = this.clock.nowMs() + leaseMs + 1000;
    for (;;) {
      const now = this.clock.now();
      const row = await this.tokens.find(appid);
      const state = tokenState(row, now);
      if (state === 'fresh') return this.remember(appid, row!.token!, row!.refreshAfter!);
      const current = state === 'due' ? row!.token! : null;
      if (await this.tokens.takeLease(appid, now, new Date(now.getTime() + leaseMs))) return this.refresh(appid, secret, current);
      // Another instance is refreshing: the old token still works, or wait for the new one.
      if (current) return current;
      if (this.clock.nowMs() >= giveUpAt) {
        this.logger.warn('gave up waiting for another instance to refresh the access token');
        throw wechatUnavailable();
      }
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    }
  }

  private remember(appid: string, token: string, refreshAfter: Date): string {
    this.recent.set(appid, { token, freshUntil: refreshAfter.getTime(), readAt: this.clock.nowMs() });
    return token;
  }

  /** Holding the lease: fetch, store, release. If WeChat fails, a token still accepted (`current`) serves on. */
  private async refresh(appid: string, secret: string, current: string | null): Promise<string> {
    try {
      // Someone may have stored a new one between our read and taking the lease.
      const row = await this.tokens.find(appid);
      if (tokenState(row, this.clock.now()) === 'fresh') {
        await this.tokens.releaseLease(appid);
        return row!.token!;
      }
      const obtainedAt = this.clock.now();
      const answer = await this.http.request<{ access_token?: unknown; expires_in?: unknown }>({
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid, secret, force_refresh: row?.stale === true },
        retry: true,
      });
      if (typeof answer.access_token !== 'string' || !answer.access_token || typeof answer.expires_in !== 'number' || answer.expires_in <= 0) {
        throw new WechatTransportError('/cgi-bin/stable_token', 'bad-response', 'no access_token or expires_in');
      }
      const times = tokenTimes(obtainedAt, answer.expires_in);
      await this.tokens.saveToken(appid, answer.access_token, times, this.clock.now());
      return this.remember(appid, answer.access_token, times.refreshAfter);
    } catch (error) {
      await this.tokens.releaseLease(appid).catch(() => undefined);
      if (!(error instanceof WechatApiError || error instanceof WechatTransportError)) throw error;
      this.logger.warn(`access token refresh failed: ${error.message}${current ? '; the current token serves until it expires' : ''}`);
      if (current) return current;
      throw wechatUnavailable();
    }
  }
}
