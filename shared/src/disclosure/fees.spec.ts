import { FEE_MAX_COUNT, FEE_MAX_PRIOR_PIECES, FEE_PAYMENT_WORKING_DAYS, feeQuote, formatFen, pieceFee, pieceUnitFen, volumeFee, type FeeBand } from './fees';

/** 100 元 = 10 000 分. The scale: 国办函〔2020〕109号 第四条 (按件) and 第五条 (按量). */
const band = (from: number, to: number | null, unitFen: number, count: number): FeeBand => ({ from, to, unitFen, count, subtotalFen: unitFen * count });

describe('按件: pieces of the same applicant in a calendar month', () => {
  // [pieces this request, with none earlier in the month] → amount in 分, bands
  const cases: [number, number, FeeBand[]][] = [
    [10, 0, [band(1, 10, 0, 10)]],
    [11, 10_000, [band(1, 10, 0, 10), band(11, 30, 10_000, 1)]],
    [30, 200_000, [band(1, 10, 0, 10), band(11, 30, 10_000, 20)]],
    [31, 220_000, [band(1, 10, 0, 10), band(11, 30, 10_000, 20), band(31, 40, 20_000, 1)]],
    [40, 400_000, [band(1, 10, 0, 10), band(11, 30, 10_000, 20), band(31, 40, 20_000, 10)]],
    [41, 430_000, [band(1, 10, 0, 10), band(11, 30, 10_000, 20), band(31, 40, 20_000, 10), band(41, 50, 30_000, 1)]],
  ];

  it.each(cases)('%i pieces → %i 分', (count, amountFen, bands) => {
    expect(pieceFee(count, 0)).toEqual({ method: 'piece', amountFen, bands });
    expect(feeQuote('piece', count)).toEqual({ method: 'piece', amountFen, bands });
  });

  // [earlier pieces this month, pieces of this request] → amount, bands (only those this request reaches)
  const combined: [number, number, number, FeeBand[]][] = [
    [9, 1, 0, [band(1, 10, 0, 1)]],
    [9, 3, 20_000, [band(1, 10, 0, 1), band(11, 30, 10_000, 2)]],
    [10, 1, 10_000, [band(11, 30, 10_000, 1)]],
    [29, 1, 10_000, [band(11, 30, 10_000, 1)]],
    [29, 3, 50_000, [band(11, 30, 10_000, 1), band(31, 40, 20_000, 2)]],
    [30, 1, 20_000, [band(31, 40, 20_000, 1)]],
    [39, 3, 80_000, [band(31, 40, 20_000, 1), band(41, 50, 30_000, 2)]],
    [40, 1, 30_000, [band(41, 50, 30_000, 1)]],
    // Pieces 6–35: 5 free, 20 at 100 元, 5 at 200 元.
    [5, 30, 300_000, [band(1, 10, 0, 5), band(11, 30, 10_000, 20), band(31, 40, 20_000, 5)]],
    // The 101st piece of a month: 31–40 200 元, … 91–100 800 元, 101–110 900 元.
    [100, 1, 90_000, [band(101, 110, 90_000, 1)]],
  ];

  it.each(combined)('%i earlier + %i now → %i 分', (prior, count, amountFen, bands) => {
    expect(pieceFee(count, prior)).toEqual({ method: 'piece', amountFen, bands });
    expect(feeQuote('piece', count, prior)).toEqual({ method: 'piece', amountFen, bands });
  });

  it('prices each piece by its number in the month', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(pieceUnitFen)).toEqual([0, 0, 10_000, 10_000, 20_000, 20_000, 30_000, 30_000, 40_000]);
  });
});

describe('按量: pages of one request', () => {
  const cases: [number, number, FeeBand[]][] = [
    [1, 0, [band(1, 30, 0, 1)]],
    [30, 0, [band(1, 30, 0, 30)]],
    [31, 1_000, [band(1, 30, 0, 30), band(31, 100, 1_000, 1)]],
    [100, 70_000, [band(1, 30, 0, 30), band(31, 100, 1_000, 70)]],
    [101, 72_000, [band(1, 30, 0, 30), band(31, 100, 1_000, 70), band(101, 200, 2_000, 1)]],
    [200, 270_000, [band(1, 30, 0, 30), band(31, 100, 1_000, 70), band(101, 200, 2_000, 100)]],
    [201, 274_000, [band(1, 30, 0, 30), band(31, 100, 1_000, 70), band(101, 200, 2_000, 100), band(201, null, 4_000, 1)]],
  ];

  it.each(cases)('%i pages → %i 分', (pages, amountFen, bands) => {
    expect(volumeFee(pages)).toEqual({ method: 'volume', amountFen, bands });
    expect(feeQuote('volume', pages)).toEqual({ method: 'volume', amountFen, bands });
  });

  it('ignores the month’s earlier pieces (按量 is per request)', () => {
    expect(feeQuote('volume', 31, 50).amountFen).toBe(1_000);
  });
});

describe('bad input', () => {
  it('throws RangeError for a count that is not a whole number from 1 to the maximum', () => {
    for (const count of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, FEE_MAX_COUNT + 1]) {
      expect(() => pieceFee(count, 0)).toThrow(RangeError);
      expect(() => volumeFee(count)).toThrow(RangeError);
      expect(() => feeQuote('volume', count)).toThrow(RangeError);
    }
    expect(() => volumeFee(FEE_MAX_COUNT)).not.toThrow();
  });

  it('throws RangeError for earlier pieces that are negative, fractional or too many', () => {
    for (const prior of [-1, 0.5, Number.NaN, FEE_MAX_PRIOR_PIECES + 1]) expect(() => pieceFee(1, prior)).toThrow(RangeError);
    expect(() => pieceFee(1, FEE_MAX_PRIOR_PIECES)).not.toThrow();
  });
});

describe('display and payment', () => {
  it('formats 分 as 元', () => {
    expect(formatFen(0)).toBe('0.00 元');
    expect(formatFen(5)).toBe('0.05 元');
    expect(formatFen(1_000)).toBe('10.00 元');
    expect(formatFen(274_000)).toBe('2,740.00 元');
  });

  it('gives 20 working days to pay', () => {
    expect(FEE_PAYMENT_WORKING_DAYS).toBe(20);
  });
});
