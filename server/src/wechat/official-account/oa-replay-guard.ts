import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OaCallbackNoncesRepository } from './oa-callback-nonces.repository';

/** How often (clock time) an instance deletes the pairs whose window has passed. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Replays of the official-account callback: a signed query (timestamp, nonce, signature) is good
 * only near its timestamp, and only for the message it first came with. WeChat's own retries of a
 * message (the same MsgId, or sender + CreateTime) are let through, and the inbox answers them as
 * before. The pairs live in the database, so every instance sees them.
 */
@Injectable()
export class OaReplayGuard {
  private readonly skewSeconds: number;
  private nextSweepMs = 0;

  constructor(
    private readonly nonces: OaCallbackNoncesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.skewSeconds = config.officialAccount.maxSkewSeconds;
  }

  /** Whether `timestamp` (seconds, as WeChat sends it) is within the allowed skew of the clock. */
  fresh(timestamp: string): boolean {
    if (!/^\d{1,12}$/.test(timestamp)) return false;
    return Math.abs(Number(timestamp) - this.clock.nowSeconds()) <= this.skewSeconds;
  }

  /**
   * Claims the signed (timestamp, nonce) pair for the message `messageKey`, atomically (the insert
   * of a primary key). False when the pair already came with another message.
   */
  async claim(timestamp: string, nonce: string, messageKey: string): Promise<boolean> {
    const signedPair = `${timestamp}:${nonce}`;
    const expiresAt = new Date((Number(timestamp) + this.skewSeconds) * 1000);
    await this.sweep();
    return (await this.nonces.claim(signedPair, messageKey, expiresAt)) === messageKey;
  }

  /** Pairs whose timestamp has left the window can no longer pass `fresh`: forget them. */
  private async sweep(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() < this.nextSweepMs) return;
    this.nextSweepMs = now.getTime() + SWEEP_EVERY_MS;
    await this.nonces.deleteExpired(now);
  }
}
