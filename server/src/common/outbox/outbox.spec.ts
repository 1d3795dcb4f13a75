import { errorText, leaseOwner, retryDelayMs } from './outbox';

describe('outbox mechanics', () => {
  it('doubles the wait per failed attempt up to the cap, then spreads it by ±50 %', () => {
    const backoff = { baseMs: 10_000, maxMs: 3600_000 };
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 9, 10, 30].map((n) => retryDelayMs(n, backoff, middle))).toEqual([10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000]);
    expect(retryDelayMs(1, backoff, () => 0)).toBe(5_000);
    expect(retryDelayMs(30, backoff, () => 0.999)).toBeCloseTo(5_396_400);
    // Attempt 0 (a hand-back) waits as the first.
    expect(retryDelayMs(0, backoff, middle)).toBe(10_000);
  });

  it('names a worker by host and process, new on every start', () => {
    expect(leaseOwner()).toMatch(new RegExp(`^.{1,30}:${process.pid}:[0-9a-f]{8}$`));
    expect(leaseOwner()).not.toBe(leaseOwner());
    expect(leaseOwner().length).toBeLessThanOrEqual(64);
  });

  it('keeps an error short enough for its column', () => {
    expect(errorText('门户返回 HTTP 500')).toBe('门户返回 HTTP 500');
    expect(errorText('x'.repeat(400))).toHaveLength(300);
  });
});
