import { shanghaiDate, shanghaiYear, shanghaiYearRange } from './shanghai';

describe('Asia/Shanghai dates', () => {
  it('puts 31 Dec 16:00 UTC in the next Shanghai year', () => {
    expect(shanghaiYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(shanghaiYear(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
  });

  it('gives a year as a UTC range starting at Shanghai midnight', () => {
    const { start, end } = shanghaiYearRange(2026);
    expect(start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
