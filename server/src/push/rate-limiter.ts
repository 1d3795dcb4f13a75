const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket: `rate` sends a second, bursts up to one second's worth. The rate can change
 * while it runs: the push worker gives each live instance its share of the global rate.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  /** `nowMs`: the clock the bucket refills by (the app's Clock). */
  constructor(
    private rate: number,
    private readonly nowMs: () => number,
  ) {
    this.tokens = rate;
    this.last = nowMs();
  }

  get perSecond(): number {
    return this.rate;
  }

  setRate(rate: number): void {
    this.refill();
    this.rate = Math.max(rate, 0.001);
    this.tokens = Math.min(this.tokens, this.rate);
  }

  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }

  private refill(): void {
    const now = this.nowMs();
    // A clock set back (tests) refills nothing rather than draining the bucket.
    this.tokens = Math.min(this.rate, this.tokens + (Math.max(0, now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}
