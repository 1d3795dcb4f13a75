import type { CalendarDayKind, CalendarSource, SkippedDay } from '../calendar/working-days';

/** Years the calendar routes accept (receipt dates and staff-entered years). */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2099;
/** The longest count the public calculator answers (依申请公开: 20 + 20 working days, with room). */
export const DEADLINE_MAX_WORKING_DAYS = 60;

/** Query of GET /calendar/deadline. */
export interface DeadlineQuery {
  /** Day of receipt, `YYYY-MM-DD` (Asia/Shanghai); counting starts the day after. */
  from: string;
  /** 1–60. */
  workingDays: number;
}

/** Answer of GET /calendar/deadline. */
export interface DeadlineView {
  from: string;
  workingDays: number;
  /** End of the Nth working day: `YYYY-MM-DDT23:59:59+08:00`. */
  due: string;
  /** Holidays and weekends passed over, in order. */
  skipped: SkippedDay[];
  /** The count reached a year with no calendar data and used Monday to Friday there. */
  flagged: boolean;
}

/** One staff entry of a year. */
export interface CalendarDayInput {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** Body of PUT /staff/calendar/:year: replaces every staff entry of that year. */
export interface CalendarYearInput {
  days: CalendarDayInput[];
  /** The year's holidays and make-up days are all entered: its deadlines are no longer flagged. */
  complete: boolean;
  /** E.g. the State Council notice the entries come from; omitted: kept as it was. */
  note?: string;
}

export interface CalendarYearDayView {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: CalendarSource;
  /** The package's entry a staff entry replaces. */
  replaces: { kind: CalendarDayKind; name: string } | null;
}

/** Answer of GET and PUT /staff/calendar/:year. */
export interface CalendarYearView {
  year: number;
  /** Deadlines in this year are computed on its calendar (not flagged). */
  known: boolean;
  /** chinese-days has this year. */
  packageData: boolean;
  /** Staff declared the year complete. */
  complete: boolean;
  note: string;
  /** Of the staff entries; null when staff never entered the year. */
  updatedAt: string | null;
  updatedBy: string | null;
  /** Every holiday and make-up day in force, by date. */
  days: CalendarYearDayView[];
}
