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

/** The last second of a Shanghai calendar day (`YYYY-MM-DD`), written as Shanghai time: `2026-10-10T23:59:59+08:00`. */
export function shanghaiEndOfDayIso(date: string): string {
  return `${date}T23:59:59+08:00`;
}

/** The same instant as a Date (2026-10-10T15:59:59.000Z for the example above). */
export function shanghaiEndOfDay(date: string): Date {
  return new Date(shanghaiEndOfDayIso(date));
}

/** 00:00 of a Shanghai calendar day (`YYYY-MM-DD`) as a Date: 2026-10-09 → 2026-10-08T16:00:00.000Z. */
export function shanghaiStartOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
