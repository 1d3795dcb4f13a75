import packageData from 'chinese-days/dist/chinese-days.json';
import { shanghaiEndOfDay, shanghaiEndOfDayIso } from './shanghai';

/**
 * Working days on the official calendar (法定节假日 and 调休), for reply deadlines.
 *
 * Dates are `YYYY-MM-DD` calendar days in Asia/Shanghai. A day is a working day when it is
 * Monday to Friday, unless the calendar makes it a holiday, or a weekend day the calendar makes a
 * make-up working day. The calendar comes from the chinese-days package for the years it has
 * data for, with staff entries on top (a staff entry for a date replaces the package's). A year
 * neither the package nor staff know is counted Monday to Friday, and every result that touches it
 * is flagged, since its holidays are announced only late in the year before.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a day off (法定节假日 or a rest day moved by 调休); `workday`: a working day, e.g. a weekend made a make-up day. */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = {
  holiday: '放假',
  workday: '上班',
};

/** A date on which the calendar departs from Monday-to-Friday (or confirms it, to correct the package). */
export interface CalendarDayEntry {
  date: string;
  kind: CalendarDayKind;
  /** Chinese, e.g. 国庆节. */
  name: string;
}

export type CalendarSource = 'package' | 'staff';

export interface CalendarSpecialDay extends CalendarDayEntry {
  source: CalendarSource;
  /** The package's entry a staff entry replaces, if any. */
  replaces: { kind: CalendarDayKind; name: string } | null;
}

export interface SkippedDay {
  date: string;
  /** The holiday's name, or 周六 / 周日 for an ordinary weekend. */
  name: string;
}

export interface WorkingDaysResult {
  from: string;
  workingDays: number;
  /** The Nth working day after `from`. */
  dueDate: string;
  /** Every day passed over on the way, in order. */
  skipped: SkippedDay[];
  /** True when a day counted or skipped lies in a year without calendar data (counted Monday to Friday). */
  flagged: boolean;
  /** Those years, ascending. */
  unknownYears: number[];
}

export interface Deadline extends WorkingDaysResult {
  /** End of the due day: 23:59:59 Asia/Shanghai, as a UTC instant. */
  dueAt: Date;
  /** The same, as `YYYY-MM-DDT23:59:59+08:00`. */
  dueAtIso: string;
}

/** The package's calendar: its entries and the years it has data for. */
export interface BuiltInCalendar {
  entries: ReadonlyMap<string, CalendarDayEntry>;
  years: ReadonlySet<number>;
}

export interface WorkingCalendarOptions {
  /** Defaults to chinese-days' data. */
  builtIn?: BuiltInCalendar;
  /** Staff entries; each replaces the package's entry for its date. */
  overrides?: readonly CalendarDayEntry[];
  /** Years staff have declared complete: known even without package data. */
  completeYears?: Iterable<number>;
}

/** A deadline never looks further than this; only a broken calendar could need more. */
const MAX_SPAN_DAYS = 3660;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKEND_NAMES: Record<number, string> = { 0: '周日', 6: '周六' };

/** chinese-days names are "English,中文" (plus a day count); these are the names the State Council's notices use. */
const HOLIDAY_NAMES: Record<string, string> = {
  "New Year's Day": '元旦',
  'Spring Festival': '春节',
  'Tomb-sweeping Day': '清明节',
  'Labour Day': '劳动节',
  'Dragon Boat Festival': '端午节',
  'Mid-autumn Festival': '中秋节',
  'National Day': '国庆节',
  'Anti-Fascist 70th Day': '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日',
};

/** The Chinese name of a chinese-days entry such as `National Day,国庆节,3`. */
export function chineseHolidayName(packageName: string): string {
  const [english = '', chinese = ''] = packageName.split(',').map((part) => part.trim());
  return HOLIDAY_NAMES[english] ?? (chinese || packageName);
}

/** Whether a value is a real `YYYY-MM-DD` date (not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromUtcMs(toUtcMs(value)) === value;
}

/** `date` plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Builds a built-in calendar from data in chinese-days' format. */
export function calendarFromPackageData(data: PackageData): BuiltInCalendar {
  const entries = new Map<string, CalendarDayEntry>();
  const years = new Set<number>();
  for (const [date, name] of Object.entries(data.holidays)) {
    entries.set(date, { date, kind: 'holiday', name: chineseHolidayName(name) });
    // Every announced year has holidays (元旦 at least); a year with none has no data.
    years.add(yearOf(date));
  }
  for (const [date, name] of Object.entries(data.workdays)) {
    entries.set(date, { date, kind: 'workday', name: chineseHolidayName(name) });
  }
  return { entries, years };
}

let chineseDays: BuiltInCalendar | undefined;

/** chinese-days' calendar, built on first use (the mini-program may never need it). */
export function chineseDaysCalendar(): BuiltInCalendar {
  chineseDays ??= calendarFromPackageData(packageData as PackageData);
  return chineseDays;
}

export class WorkingCalendar {
  private readonly builtIn: BuiltInCalendar;
  private readonly staff = new Map<string, CalendarDayEntry>();
  private readonly complete: ReadonlySet<number>;

  constructor(options: WorkingCalendarOptions = {}) {
    this.builtIn = options.builtIn ?? chineseDaysCalendar();
    for (const entry of options.overrides ?? []) {
      assertDate(entry.date);
      this.staff.set(entry.date, { date: entry.date, kind: entry.kind, name: entry.name });
    }
    this.complete = new Set(options.completeYears ?? []);
  }

  /** Whether deadlines in this year rest on an entered calendar (the package's or staff's). */
  isKnownYear(year: number): boolean {
    return this.builtIn.years.has(year) || this.complete.has(year);
  }

  hasPackageData(year: number): boolean {
    return this.builtIn.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    return this.working(date);
  }

  /** The Nth working day after `from` (counting starts the day after). */
  addWorkingDays(from: string, workingDays: number): WorkingDaysResult {
    assertDate(from);
    if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`workingDays must be a positive integer, got ${workingDays}`);
    const skipped: SkippedDay[] = [];
    const unknown = new Set<number>();
    let date = from;
    let counted = 0;
    for (let span = 1; counted < workingDays; span++) {
      if (span > MAX_SPAN_DAYS) throw new RangeError(`no ${workingDays} working days within ${MAX_SPAN_DAYS} days of ${from}`);
      date = addCalendarDays(date, 1);
      if (!this.isKnownYear(yearOf(date))) unknown.add(yearOf(date));
      if (this.working(date)) counted++;
      else skipped.push({ date, name: this.offDayName(date) });
    }
    const unknownYears = [...unknown].sort((a, b) => a - b);
    return { from, workingDays, dueDate: date, skipped, flagged: unknownYears.length > 0, unknownYears };
  }

  /** `addWorkingDays` with the due instant: the end of the due day in Asia/Shanghai. */
  deadline(from: string, workingDays: number): Deadline {
    const result = this.addWorkingDays(from, workingDays);
    return { ...result, dueAt: shanghaiEndOfDay(result.dueDate), dueAtIso: shanghaiEndOfDayIso(result.dueDate) };
  }

  /**
   * Working days in (a, b]: the days after `a` up to and including `b`, so that
   * `workingDaysBetween(from, addWorkingDays(from, n).dueDate) === n`. Negative when b is before a.
   */
  workingDaysBetween(a: string, b: string): number {
    assertDate(a);
    assertDate(b);
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let date = addCalendarDays(a, 1); date <= b; date = addCalendarDays(date, 1)) {
      if (this.working(date)) count++;
    }
    return count;
  }

  /** The entry in force for a date: staff's, else the package's, else none (an ordinary day). */
  entry(date: string): CalendarSpecialDay | null {
    const own = this.staff.get(date);
    const pkg = this.builtIn.entries.get(date);
    if (own) return { ...own, source: 'staff', replaces: pkg ? { kind: pkg.kind, name: pkg.name } : null };
    return pkg ? { ...pkg, source: 'package', replaces: null } : null;
  }

  /** Every holiday and make-up day of a year in force, by date, each with its source. */
  specialDays(year: number): CalendarSpecialDay[] {
    const dates = new Set<string>();
    for (const date of this.builtIn.entries.keys()) if (yearOf(date) === year) dates.add(date);
    for (const date of this.staff.keys()) if (yearOf(date) === year) dates.add(date);
    return [...dates].sort().map((date) => this.entry(date)!);
  }

  private working(date: string): boolean {
    const entry = this.staff.get(date) ?? this.builtIn.entries.get(date);
    return entry ? entry.kind === 'workday' : !isWeekend(date);
  }

  private offDayName(date: string): string {
    return this.entry(date)?.name ?? WEEKEND_NAMES[dayOfWeek(date)] ?? '休息日';
  }
}

function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

function assertDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${String(date)}`);
}

function toUtcMs(date: string): number {
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return d.getTime();
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
