import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import { OA_USER_BATCH_MAX, WechatClient, type OaUserInfo } from '../wechat-client';
import { WechatApiError } from '../wechat-errors';
import { OaFollowersRepository } from './oa-followers.repository';

/** Lookups of new followers in flight at once per instance (a QR-code campaign brings bursts). */
const LOOKUP_CONCURRENCY = 4;
/** New followers waiting for a lookup; a burst beyond this is left to the backfill. */
const MAX_WAITING = 1000;
/** About how often each instance runs a backfill round (±25 %, so instances drift apart: jitter 0.5). */
export const BACKFILL_EVERY_MS = 5 * 60_000;
/** batchget calls per round: at most 500 followers a round per instance. */
const BATCHES_PER_ROUND = 5;
/** A follower WeChat answered without a unionid is asked again after this (the account may get bound meanwhile). */
export const RECHECK_AFTER_MS = 24 * 60 * 60_000;

/** WeChat's definite "no" for an openid: 40003 not an openid of this account, 41009 none given. Anything else may pass. */
const refusesOpenid = (error: unknown): boolean => error instanceof WechatApiError && (error.errcode === 40003 || error.errcode === 41009);

export interface BackfillResult {
  /** Followers WeChat answered for. */
  answered: number;
  /** Of them, those whose unionid is now stored. */
  found: number;
}

/**
 * Learns followers' unionids, which subscribe events do not carry (only the openid), so that
 * template messages find the follower of a mini-program parent (the link is a join on unionid).
 * After a subscribe event is answered, the new follower is looked up in the background with
 * `/cgi-bin/user/info` (the callback must answer within 5 s and never waits for it). Followers
 * still without a unionid (WeChat down, the instance stopped first) are filled by the backfill:
 * at start and about every BACKFILL_EVERY_MS (the periodic task 'oa-unionid-backfill'), bounded
 * batches through `/cgi-bin/user/info/batchget`.
 * Only with the official account's AppID and AppSecret configured. Lookups are reads: two
 * instances asking about the same follower at once do no harm.
 */
@Injectable()
export class OaUnionids implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OaUnionid');
  private readonly waiting = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private round: Promise<BackfillResult> | null = null;
  private stopped = false;

  constructor(
    private readonly wechat: WechatClient,
    private readonly followers: OaFollowersRepository,
    private readonly clock: Clock,
    private readonly tasks: PeriodicTasks,
  ) {
    tasks.register('oa-unionid-backfill', { everyMs: BACKFILL_EVERY_MS, jitter: 0.5 }, async () => void (await this.backfill()));
  }

  onApplicationBootstrap(): void {
    if (!this.wechat.oaConfigured) return;
    // A first round at start, not awaited (start-up does not wait on WeChat); a failed round only logs.
    void this.tasks.run('oa-unionid-backfill').catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    // Lookups under way end within WECHAT_TIMEOUT_MS; their followers are otherwise left to the next backfill.
    await Promise.allSettled([...this.inFlight, this.round]);
  }

  /** A subscribe event was handled: look the follower up after the reply is on its way. */
  lookUpSoon(openid: string): void {
    if (this.stopped || !this.wechat.oaConfigured || this.waiting.size >= MAX_WAITING) return;
    this.waiting.add(openid);
    setImmediate(() => this.pump());
  }

  /** Resolves once no new follower waits for a lookup or is in one (for tests). */
  async idle(): Promise<void> {
    while (this.waiting.size > 0 || this.inFlight.size > 0) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** One backfill round now (a round under way is joined, not started twice). */
  backfill(): Promise<BackfillResult> {
    if (this.stopped || !this.wechat.oaConfigured) return Promise.resolve({ answered: 0, found: 0 });
    this.round ??= this.backfillRound().finally(() => (this.round = null));
    return this.round;
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < LOOKUP_CONCURRENCY && this.waiting.size > 0) {
      const openid = this.waiting.values().next().value as string;
      this.waiting.delete(openid);
      const task: Promise<void> = this.lookUp(openid).finally(() => {
        this.inFlight.delete(task);
        this.pump();
      });
      this.inFlight.add(task);
    }
  }

  private async lookUp(openid: string): Promise<void> {
    try {
      let info: OaUserInfo | null = null;
      try {
        info = await this.wechat.getOaUserInfo(openid);
      } catch (error) {
        if (!refusesOpenid(error)) throw error;
      }
      await this.record([openid], info ? [info] : []);
    } catch (error) {
      this.logger.warn(`unionid lookup of a new follower failed, left to the backfill: ${describe(error)}`);
    }
  }

  private async backfillRound(): Promise<BackfillResult> {
    const result: BackfillResult = { answered: 0, found: 0 };
    try {
      for (let batch = 0; batch < BATCHES_PER_ROUND && !this.stopped; batch++) {
        const openids = await this.followers.awaitingUnionid(OA_USER_BATCH_MAX, new Date(this.clock.nowMs() - RECHECK_AFTER_MS));
        if (openids.length === 0) break;
        const { answered, infos, complete } = await this.ask(openids);
        result.answered += answered.length;
        result.found += await this.record(answered, infos);
        // Cut short (WeChat busy or down): the rest waits for the next round, not this one's next batch.
        if (!complete || openids.length < OA_USER_BATCH_MAX) break;
      }
    } catch (error) {
      this.logger.warn(`unionid backfill stopped, the next round goes on: ${describe(error)}`);
    }
    if (result.answered > 0) this.logger.log(`unionid backfill: ${result.found} of ${result.answered} followers answered with a unionid`);
    return result;
  }

  /**
   * Asks WeChat about one batch. batchget fails as a whole (40003) when any openid in it is
   * refused, so then each is asked alone; a failure other than a refusal ends the asking.
   */
  private async ask(openids: string[]): Promise<{ answered: string[]; infos: OaUserInfo[]; complete: boolean }> {
    try {
      return { answered: openids, infos: await this.wechat.batchGetOaUserInfo(openids), complete: true };
    } catch (error) {
      if (!refusesOpenid(error)) throw error;
    }
    const answered: string[] = [];
    const infos: OaUserInfo[] = [];
    for (const openid of openids) {
      if (this.stopped) return { answered, infos, complete: false };
      try {
        infos.push(await this.wechat.getOaUserInfo(openid));
      } catch (error) {
        if (!refusesOpenid(error)) {
          this.logger.warn(`unionid backfill cut short: ${describe(error)}`);
          return { answered, infos, complete: false };
        }
      }
      answered.push(openid);
    }
    return { answered, infos, complete: true };
  }

  /** Stores the unionids WeChat gave for `answered`, and marks the rest answered without one. Returns how many were found. */
  private async record(answered: string[], infos: OaUserInfo[]): Promise<number> {
    const asked = new Set(answered);
    const found = infos.filter((i): i is OaUserInfo & { unionid: string } => i.unionid !== null && asked.has(i.openid));
    const withUnionid = new Set(found.map((i) => i.openid));
    await this.followers.recordLookups(found, answered.filter((openid) => !withUnionid.has(openid)), this.clock.now());
    return found.length;
  }
}

/** Errors name the WeChat path and errcode, never a URL or an openid. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
