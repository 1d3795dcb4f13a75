/**
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so calendar arithmetic here
 * is a fixed offset: no time-zone database needed, and it runs the same in the mini-program.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar year a UTC instant falls in, in Asia/Shanghai. */
export function shanghaiYear(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** [start, end) of a Shanghai calendar year as UTC instants. */
export function shanghaiYearRange(year: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS),
  };
}
