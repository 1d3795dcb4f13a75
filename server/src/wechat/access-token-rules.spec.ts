import { refreshLeaseMs, tokenState, tokenTimes, type StoredToken } from './access-token-rules';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 29, 8, 0, 0) + ms);

describe('access token refresh rules', () => {
  it('refreshes a two-hour token five minutes before it expires', () => {
    const { expiresAt, refreshAfter } = tokenTimes(at(0), 7200);
    expect(expiresAt).toEqual(at(7200_000));
    expect(refreshAfter).toEqual(at(7200_000 - 300_000));
  });

  it('refreshes a short-lived token when a tenth of its life is left', () => {
    expect(tokenTimes(at(0), 3).refreshAfter).toEqual(at(2700));
    expect(tokenTimes(at(0), 600).refreshAfter).toEqual(at(540_000));
  });

  it('tells fresh, due and unusable apart', () => {
    const row: StoredToken = { token: 'T', ...tokenTimes(at(0), 3), stale: false };
    expect(tokenState(row, at(1000))).toBe('fresh');
    expect(tokenState(row, at(2700))).toBe('due');
    expect(tokenState(row, at(2999))).toBe('due');
    expect(tokenState(row, at(3000))).toBe('unusable');
    expect(tokenState({ ...row, stale: true }, at(1000))).toBe('unusable');
    expect(tokenState({ ...row, token: null }, at(1000))).toBe('unusable');
    expect(tokenState(null, at(0))).toBe('unusable');
  });

  it('leases long enough for a call and its retry', () => {
    expect(refreshLeaseMs(5000)).toBeGreaterThan(2 * 5000);
  });
});
