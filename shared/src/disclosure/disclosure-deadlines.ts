import { shanghaiEndOfDay, shanghaiEndOfDayIso } from '../calendar/shanghai';
import { addCalendarDays, dayOfWeek, isCalendarDate, yearOf, type Deadline, type SkippedDay, type WorkingCalendar } from '../calendar/working-days';
import { DISCLOSURE_ANSWER_WORKING_DAYS, DISCLOSURE_MAX_EXTENSION_DAYS } from './disclosure-flow';

/**
 * The answer deadline of a 依申请公开 request (2019 Regulation arts. 30, 32, 33; 国办函〔2020〕109号),
 * in working days of the official calendar, each period counted from the day after it starts:
 *
 * - 20 working days from the receipt date; after a 补正 the count restarts from the day the
 *   supplement arrived (the days before it no longer count);
 * - plus an approved extension (≤ 20 working days);
 * - periods that do not count (`pauses`): a third-party consultation, and the time from the fee
 *   notice to the payment (see `fee` below). A pause from P to Q stops the count after day P (P's
 *   working day counts if it was one) and resumes it on the day after Q; while a pause is open
 *   there is no due date, only the working days left.
 *
 * Every period is counted by `disclosureDeadline` in one walk over the calendar, so a year
 * without calendar data anywhere on the way to the due day flags the result.
 *
 * The pause kinds:
 * - `consultation`: art. 32 — the third party has 15 working days; art. 33 第三款: “行政机关征求第三方
 *   和其他机关意见所需时间不计算在前款规定的期限内”. From the day the letter went out to the day
 *   the answer came (or its time ran out).
 * - `fee`: 国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条. Its first paragraph (as restated
 *   in the provinces' implementing notices, e.g. 四川省财政厅、发展改革委's of 2021-01-18:
 *   “申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请”) gives the payment period; the same article excludes the
 *   time from the fee notice to the payment from the art. 33 answer period, which is why it is a
 *   pause from the day the notice was issued to the day the payment arrived. (The stored copies
 *   searched while writing this showed only arts. 1–5 verbatim; check art. 7's second paragraph
 *   against the text on www.gov.cn before quoting it in a letter.)
 */
export type DisclosurePauseKind = 'consultation' | 'fee';

export interface DisclosurePause {
  kind: DisclosurePauseKind;
  /** The day the pause began (consultation letter sent / fee notice issued), `YYYY-MM-DD` Shanghai. */
  from: string;
  /** The day it ended (the third party answered or its time ran out / the fee was paid); null while open. */
  to: string | null;
}

export interface DisclosureClockInput {
  /** The receipt date (art. 31), `YYYY-MM-DD` Shanghai. */
  receivedDate: string;
  /** The day the supplemented request arrived, if there was a 补正: the 20 days count from it. */
  supplementedDate?: string | null;
  /** Approved extension, in working days (0–20). */
  extensionDays?: number;
  /** Periods that do not count, in order, none overlapping; at most the last one open. */
  pauses?: readonly DisclosurePause[];
}

export interface DisclosureDeadline {
  /** 20 + the extension. */
  workingDays: number;
  /** Working days used so far by `today` (after the clock start, outside pauses), capped at workingDays. */
  usedWorkingDays: number;
  /** Working days left after `today` (negative when overdue). */
  remainingWorkingDays: number;
  /** Whether a pause is open now (no due date while it is). */
  paused: boolean;
  /** The due day and instant (end of the day, Asia/Shanghai); null while paused. */
  due: Deadline | null;
  /** True when a day counted lies in a year without calendar data. */
  flagged: boolean;
}

/** A clock never runs further than this; only a broken calendar or input could need more. */
const MAX_SPAN_DAYS = 3660;

const PAUSE_DAY_NAMES: Record<DisclosurePauseKind, string> = {
  consultation: '征求第三方意见（不计入）',
  fee: '缴纳信息处理费（不计入）',
};

/** The request's answer deadline as of `today` (`YYYY-MM-DD` Shanghai). */
export function disclosureDeadline(calendar: WorkingCalendar, input: DisclosureClockInput, today: string): DisclosureDeadline {
  assertDate(input.receivedDate, 'receivedDate');
  assertDate(today, 'today');
  const clockFrom = input.supplementedDate ?? input.receivedDate;
  assertDate(clockFrom, 'supplementedDate');
  if (clockFrom < input.receivedDate) throw new RangeError(`supplementedDate ${clockFrom} is before receivedDate ${input.receivedDate}`);
  const extension = input.extensionDays ?? 0;
  if (!Number.isInteger(extension) || extension < 0 || extension > DISCLOSURE_MAX_EXTENSION_DAYS) {
    throw new RangeError(`extensionDays must be an integer 0–${DISCLOSURE_MAX_EXTENSION_DAYS}, got ${extension}`);
  }
  const pauses = checkedPauses(input.pauses ?? []);
  const open = pauses.find((p) => p.to === null) ?? null;
  const workingDays = DISCLOSURE_ANSWER_WORKING_DAYS + extension;

  // Walk the days after the clock start. Stop once the due day is found and `today` is passed
  // (the used / remaining counts need both); with an open pause every day after its start is
  // paused, so the walk stops at that start or at today, whichever is later.
  const stop = open ? maxDate(today, open.from) : null;
  const skipped: SkippedDay[] = [];
  const unknown = new Set<number>();
  let counted = 0;
  let countedByToday = 0;
  let dueDate: string | null = null;
  let date = clockFrom;
  for (let span = 1; ; span++) {
    if (stop !== null ? date >= stop : dueDate !== null && date >= today) break;
    // Only the search for the due day is bounded; walking on to a late `today` is not an error.
    if (span > MAX_SPAN_DAYS && dueDate === null && stop === null) throw new RangeError(`no ${workingDays} working days within ${MAX_SPAN_DAYS} days of ${clockFrom}`);
    date = addCalendarDays(date, 1);
    // Flag the years the due date rests on; while paused, the years of the days counted so far.
    if ((dueDate === null || date <= dueDate) && !calendar.isKnownYear(yearOf(date))) unknown.add(yearOf(date));
    const pause = pauses.find((p) => p.from < date && (p.to === null || date <= p.to));
    const working = calendar.isWorkingDay(date);
    if (pause === undefined && working) {
      counted++;
      if (date <= today) countedByToday++;
      if (counted === workingDays) dueDate = date;
    } else if (dueDate === null) {
      skipped.push({ date, name: pause ? PAUSE_DAY_NAMES[pause.kind] : offDayName(calendar, date) });
    }
  }
  const unknownYears = [...unknown].sort((a, b) => a - b);
  const flagged = unknownYears.length > 0;
  const due: Deadline | null =
    open === null && dueDate !== null
      ? { from: clockFrom, workingDays, dueDate, skipped, flagged, unknownYears, dueAt: shanghaiEndOfDay(dueDate), dueAtIso: shanghaiEndOfDayIso(dueDate) }
      : null;
  return {
    workingDays,
    usedWorkingDays: Math.min(countedByToday, workingDays),
    remainingWorkingDays: workingDays - countedByToday,
    paused: open !== null,
    due,
    flagged,
  };
}

/** The last day to send the 补正 notice: 7 working days after the receipt date (art. 30). */
export function supplementNoticeDeadline(calendar: WorkingCalendar, receivedDate: string): Deadline {
  return calendar.deadline(receivedDate, 7);
}

/** Working days an applicant is given to supply what a 补正 notice asks for, unless the handler sets another. */
export const DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS = 15;

/** The last day to supply: `workingDays` after the notice was received (online: the day it was sent). */
export function supplementDueDate(calendar: WorkingCalendar, noticeDate: string, workingDays: number): Deadline {
  return calendar.deadline(noticeDate, workingDays);
}

/**
 * The last day to pay a fee: 20 working days from the day after the fee notice was received —
 * 国办函〔2020〕109号 第七条: “申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为
 * 放弃申请” (unpaid by then → 其他处理 / 逾期未缴费, `fee_lapsed`). The days from the notice to the
 * payment do not count toward the answer deadline: a `fee` pause.
 */
export function feePaymentDeadline(calendar: WorkingCalendar, noticeReceivedDate: string): Deadline {
  return calendar.deadline(noticeReceivedDate, 20);
}

/** The third party's time to answer a consultation: 15 working days from the day after it receives the letter (art. 32). */
export function consultationDeadline(calendar: WorkingCalendar, sentDate: string): Deadline {
  return calendar.deadline(sentDate, 15);
}

/** Sorted copies of the pauses, checked: real dates, each ending on or after its start, none overlapping, only the last open. */
function checkedPauses(pauses: readonly DisclosurePause[]): DisclosurePause[] {
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  sorted.forEach((p, i) => {
    assertDate(p.from, 'pause.from');
    if (p.to !== null) {
      assertDate(p.to, 'pause.to');
      if (p.to < p.from) throw new RangeError(`pause ends ${p.to} before it begins ${p.from}`);
    } else if (i !== sorted.length - 1) {
      throw new RangeError(`only the last pause may be open, but the one from ${p.from} is followed by another`);
    }
    const next = sorted[i + 1];
    if (next && p.to !== null && next.from < p.to) throw new RangeError(`pauses overlap: ${p.from}–${p.to} and ${next.from}`);
  });
  return sorted;
}

function offDayName(calendar: WorkingCalendar, date: string): string {
  return calendar.entry(date)?.name ?? (dayOfWeek(date) === 0 ? '周日' : dayOfWeek(date) === 6 ? '周六' : '休息日');
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function assertDate(date: unknown, what: string): asserts date is string {
  if (!isCalendarDate(date)) throw new RangeError(`${what} is not a YYYY-MM-DD date: ${String(date)}`);
}
