/**
 * 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号): free by default; when
 * charged, by piece (按件, counted per applicant per calendar month) or by volume (按量, pages of
 * one request), never both, each progressive (超额累进: each band's rate applies only to the part
 * within the band). Amounts are integers in 分.
 */

export const FEE_METHODS = ['piece', 'volume'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];
export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { piece: '按件计收', volume: '按量计收' };

/** One band of the progressive scale as it applies to a request. `to` is inclusive; `count` is how many of this request's pieces or pages fall in it. */
export interface FeeBand {
  from: number;
  to: number | null;
  unitFen: number;
  count: number;
  subtotalFen: number;
}

export interface FeeQuote {
  method: FeeMethod;
  amountFen: number;
  bands: FeeBand[];
}

/** Largest count the calculator takes (pieces or pages of one request); far above any real request. */
export const FEE_MAX_COUNT = 100_000;
/** Largest number of the applicant's earlier pieces in the month the calculator takes. */
export const FEE_MAX_PRIOR_PIECES = 100_000;

/** 按量: ≤ 30 pages free; 31–100 at 10 元; 101–200 at 20 元; 201 and over at 40 元 a page. */
export const VOLUME_BANDS: readonly { from: number; to: number | null; unitFen: number }[] = [
  { from: 1, to: 30, unitFen: 0 },
  { from: 31, to: 100, unitFen: 1000 },
  { from: 101, to: 200, unitFen: 2000 },
  { from: 201, to: null, unitFen: 4000 },
];

/**
 * 按件: the unit price of the applicant's nth piece in a calendar month: ≤ 10 free, 11–30 at
 * 100 元, then each further band of 10 pieces 100 元 more (31–40 at 200 元, 41–50 at 300 元, …).
 */
export function pieceUnitFen(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 10_000;
  return 10_000 * (1 + Math.ceil((n - 30) / 10));
}

/** The band (from, to) of the nth piece of a month. */
function pieceBand(n: number): { from: number; to: number } {
  if (n <= 10) return { from: 1, to: 10 };
  if (n <= 30) return { from: 11, to: 30 };
  const k = Math.ceil((n - 30) / 10);
  return { from: 30 + (k - 1) * 10 + 1, to: 30 + k * 10 };
}

/**
 * The fee of a request of `count` pieces when the applicant already had `priorPieces` pieces this
 * calendar month: its pieces are numbers priorPieces+1 … priorPieces+count of the month, each at
 * its band's price. Only bands this request reaches are listed.
 */
export function pieceFee(count: number, priorPieces: number): FeeQuote {
  assertCount(count, 'count');
  assertCount(priorPieces, 'priorPieces', true);
  const bands: FeeBand[] = [];
  let n = priorPieces + 1;
  const last = priorPieces + count;
  while (n <= last) {
    const band = pieceBand(n);
    const upto = Math.min(band.to, last);
    const unitFen = pieceUnitFen(n);
    const inBand = upto - n + 1;
    bands.push({ from: band.from, to: band.to, unitFen, count: inBand, subtotalFen: unitFen * inBand });
    n = upto + 1;
  }
  return { method: 'piece', amountFen: sum(bands), bands };
}

/** The fee of a request of `pages` pages (按量, per request). */
export function volumeFee(pages: number): FeeQuote {
  assertCount(pages, 'count');
  const bands: FeeBand[] = [];
  for (const band of VOLUME_BANDS) {
    if (pages < band.from) break;
    const upto = band.to === null ? pages : Math.min(band.to, pages);
    const inBand = upto - band.from + 1;
    bands.push({ ...band, count: inBand, subtotalFen: band.unitFen * inBand });
  }
  return { method: 'volume', amountFen: sum(bands), bands };
}

/** The fee by either method. */
export function feeQuote(method: FeeMethod, count: number, priorPieces = 0): FeeQuote {
  return method === 'piece' ? pieceFee(count, priorPieces) : volumeFee(count);
}

/** `1,234.50 元` → for letters and pages: 分 as 元 with two decimals. */
export function formatFen(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${yuan.toLocaleString('en-US')}.${cents} 元`;
}

/** Working days the applicant has to pay, counted from the day after the fee notice is received (109号 第七条). */
export const FEE_PAYMENT_WORKING_DAYS = 20;

function sum(bands: FeeBand[]): number {
  return bands.reduce((total, b) => total + b.subtotalFen, 0);
}

function assertCount(value: number, name: string, zeroAllowed = false): void {
  const max = name === 'priorPieces' ? FEE_MAX_PRIOR_PIECES : FEE_MAX_COUNT;
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1) || value > max) throw new RangeError(`${name} out of range`);
}
