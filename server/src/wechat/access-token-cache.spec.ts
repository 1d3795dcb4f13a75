import { SystemClock } from '../common/clock/clock';
import type { AppConfig } from '../config/app-config';
import { AccessTokenCache } from './access-token-cache';
import { tokenTimes } from './access-token-rules';
import type { AccessTokenRepository } from './access-token.repository';
import type { WechatAccessToken } from './entities/wechat-access-token.entity';
import type { WechatHttp } from './wechat-http';

/** The row in memory; `find` reads it when called and answers when `gate` opens. */
class MemoryTokens {
  row: WechatAccessToken | null = null;
  gate: Promise<void> = Promise.resolve();

  async find(): Promise<WechatAccessToken | null> {
    const snapshot = this.row && { ...this.row };
    await this.gate;
    return snapshot;
  }
  async takeLease(appid: string, now: Date, until: Date): Promise<boolean> {
    if (this.row?.refreshLeaseUntil && this.row.refreshLeaseUntil >= now) return false;
    this.row = { ...(this.row ?? { appid, token: null, expiresAt: null, refreshAfter: null, stale: false }), refreshLeaseUntil: until, updatedAt: now };
    return true;
  }
  async releaseLease(): Promise<void> {
    if (this.row) this.row.refreshLeaseUntil = null;
  }
  async saveToken(_: string, token: string, times: { expiresAt: Date; refreshAfter: Date }, now: Date): Promise<void> {
    this.row = { ...this.row!, token, ...times, stale: false, refreshLeaseUntil: null, updatedAt: now };
  }
  async markStale(_: string, token: string): Promise<void> {
    if (this.row?.token === token) this.row.stale = true;
  }
}

describe('AccessTokenCache', () => {
  const config = { wechat: { timeoutMs: 1000 } } as AppConfig;
  let tokens: MemoryTokens;
  let fetched: { force_refresh: boolean }[];
  let cache: AccessTokenCache;

  beforeEach(() => {
    tokens = new MemoryTokens();
    fetched = [];
    const http = {
      request: async ({ body }: { body: { force_refresh: boolean } }) => {
        fetched.push(body);
        return { access_token: `T${fetched.length}`, expires_in: 7200 };
      },
    };
    cache = new AccessTokenCache(tokens as unknown as AccessTokenRepository, http as unknown as WechatHttp, config, new SystemClock());
  });

  it('fetches once for callers at the same moment', async () => {
    const all = await Promise.all([cache.get('wx1', 's'), cache.get('wx1', 's'), cache.get('wx1', 's')]);
    expect(all).toEqual(['T1', 'T1', 'T1']);
    expect(fetched).toEqual([expect.objectContaining({ force_refresh: false })]);
  });

  it('does not hand out a refused token from a load that read the row before it was marked stale', async () => {
    tokens.row = { appid: 'wx1', token: 'T0', ...tokenTimes(new Date(), 7200), stale: false, refreshLeaseUntil: null, updatedAt: new Date() };
    let open!: () => void;
    tokens.gate = new Promise((resolve) => (open = resolve));
    const early = cache.get('wx1', 's'); // reads T0, answers later
    await cache.invalidate('wx1', 'T0');
    const afterRefusal = cache.get('wx1', 's'); // joins the early load
    open();
    expect(await afterRefusal).toBe('T1');
    expect(await early).toBe('T1');
    expect(fetched).toEqual([expect.objectContaining({ force_refresh: true })]);
  });

  it('keeps one load and one refused token per appid (mini-program and official account)', async () => {
    const rows = new Map<string, MemoryTokens>();
    const of = (appid: string) => rows.get(appid) ?? rows.set(appid, new MemoryTokens()).get(appid)!;
    const keyed = {
      find: (appid: string) => of(appid).find(),
      takeLease: (appid: string, now: Date, until: Date) => of(appid).takeLease(appid, now, until),
      releaseLease: (appid: string) => of(appid).releaseLease(),
      saveToken: (appid: string, token: string, times: { expiresAt: Date; refreshAfter: Date }, now: Date) => of(appid).saveToken(appid, token, times, now),
      markStale: (appid: string, token: string) => of(appid).markStale(appid, token),
    };
    const asked: string[] = [];
    const http = {
      request: async ({ body }: { body: { appid: string } }) => {
        asked.push(body.appid);
        return { access_token: `${body.appid}-T${asked.filter((a) => a === body.appid).length}`, expires_in: 7200 };
      },
    };
    const perApp = new AccessTokenCache(keyed as unknown as AccessTokenRepository, http as unknown as WechatHttp, config, new SystemClock());
    const all = await Promise.all([perApp.get('wxmini', 's'), perApp.get('wxoa', 's2'), perApp.get('wxmini', 's'), perApp.get('wxoa', 's2')]);
    expect(all).toEqual(['wxmini-T1', 'wxoa-T1', 'wxmini-T1', 'wxoa-T1']);
    expect(asked.sort()).toEqual(['wxmini', 'wxoa']);
    await perApp.invalidate('wxmini', 'wxmini-T1');
    expect(await perApp.get('wxmini', 's')).toBe('wxmini-T2');
    // The official account's token is untouched by the mini-program's refusal.
    expect(await perApp.get('wxoa', 's2')).toBe('wxoa-T1');
  });
});
