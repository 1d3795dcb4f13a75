import type { Deadline, WorkingCalendar } from '../calendar/working-days';

/**
 * The answer deadline of a 依申请公开 request (2019 Regulation arts. 30, 32, 33; 国办函〔2020〕109号),
 * in working days of the official calendar, each period counted from the day after it starts:
 *
 * - 20 working days from the receipt date; after a 补正 the count restarts from the day the
 *   supplement arrived (the days before it no longer count);
 * - plus an approved extension (≤ 20 working days);
 * - periods that do not count (`pauses`): a third-party consultation, and the time from the fee
 *   notice to the payment (109号, cited at the rule's implementation). A pause from P to Q stops
 *   the count after day P (P's working day counts if it was one) and resumes it on the day after
 *   Q; while a pause is open there is no due date, only the working days left.
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

/** The request's answer deadline as of `today` (`YYYY-MM-DD` Shanghai). */
export function disclosureDeadline(calendar: WorkingCalendar, input: DisclosureClockInput, today: string): DisclosureDeadline {
  void calendar;
  void input;
  void today;
  throw new Error('not implemented');
}

/** The last day to send the 补正 notice: 7 working days after the receipt date (art. 30). */
export function supplementNoticeDeadline(calendar: WorkingCalendar, receivedDate: string): Deadline {
  void calendar;
  void receivedDate;
  throw new Error('not implemented');
}

/** Working days an applicant is given to supply what a 补正 notice asks for, unless the handler sets another. */
export const DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS = 15;

/** The last day to supply: `workingDays` after the notice was received (online: the day it was sent). */
export function supplementDueDate(calendar: WorkingCalendar, noticeDate: string, workingDays: number): Deadline {
  void calendar;
  void noticeDate;
  void workingDays;
  throw new Error('not implemented');
}

/** The last day to pay a fee: 20 working days from the day after the fee notice was received (109号). */
export function feePaymentDeadline(calendar: WorkingCalendar, noticeReceivedDate: string): Deadline {
  void calendar;
  void noticeReceivedDate;
  throw new Error('not implemented');
}

/** The third party's time to answer a consultation: 15 working days from the day after it receives the letter (art. 32). */
export function consultationDeadline(calendar: WorkingCalendar, sentDate: string): Deadline {
  void calendar;
  void sentDate;
  throw new Error('not implemented');
}
