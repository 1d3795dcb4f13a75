import { SettableClock, SystemClock } from './clock';

describe('Clock', () => {
  it('the system clock reads the time of day', () => {
    const before = Date.now();
    const now = new SystemClock().nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a settable clock starts where it is set and jumps when advanced', () => {
    const clock = new SettableClock(new Date('2026-03-01T00:00:00Z'));
    expect(Math.abs(clock.nowMs() - Date.parse('2026-03-01T00:00:00Z'))).toBeLessThan(1000);
    clock.advance(5 * 60_000);
    expect(Math.abs(clock.nowMs() - Date.parse('2026-03-01T00:05:00Z'))).toBeLessThan(1000);
    expect(clock.nowSeconds()).toBeGreaterThanOrEqual(1772323500);
  });
});
