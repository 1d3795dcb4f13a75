import {
  INQUIRY_KINDS,
  INQUIRY_LIMITS,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  addCalendarDays,
  dayOfWeek,
  inquiryReplyTemplate,
  isCalendarDate,
  shanghaiDate,
  type InquiryKindCode,
  type PushTemplateView,
  type SkippedDay,
} from '@gongkai/shared';

/** Pure helpers of the inquiry pages (deadline explanation, counters, validation). */

export const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** 周六 for `2026-10-10` (shared's calendar arithmetic; no time zone involved). */
function weekdayLabel(date: string): string {
  return isCalendarDate(date) ? WEEKDAYS[dayOfWeek(date)]! : '';
}

function isWeekend(date: string): boolean {
  const d = isCalendarDate(date) ? dayOfWeek(date) : -1;
  return d === 0 || d === 6;
}

/** `10月10日` (and `2027年1月4日` when the year differs from `sameYearAs`). */
export function monthDay(date: string, sameYearAs?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return sameYearAs && sameYearAs.slice(0, 4) !== m[1] ? `${m[1]}年${md}` : md;
}

/** `10月10日（周六，调休上班）` or `10月9日（周五）`: a counted working day on a weekend is a make-up day. */
export function workingDayLabel(date: string, sameYearAs?: string): string {
  const w = weekdayLabel(date);
  return `${monthDay(date, sameYearAs)}（${w}${isWeekend(date) ? '，调休上班' : ''}）`;
}

export interface SkippedRun {
  from: string;
  to: string;
  name: string;
  days: number;
}

export interface DeadlineExplanation {
  /** The working days counted, in order, each labelled; the last is the due day. */
  counted: { date: string; label: string; makeUp: boolean }[];
  /** The days passed over, consecutive days of one name joined: 10月1日至10月8日 国庆节（8天）. */
  skipped: SkippedRun[];
  dueLabel: string;
}

/**
 * Why the due date is that day: counting starts the day after `from` (receipt); every day up to
 * the due date that the server did not list as skipped was a working day.
 */
export function explainDeadline(from: string, dueDate: string, skipped: readonly SkippedDay[]): DeadlineExplanation {
  const skippedDates = new Set(skipped.map((s) => s.date));
  const counted: DeadlineExplanation['counted'] = [];
  if (isCalendarDate(from) && isCalendarDate(dueDate)) {
    // At most a good year of days: a guard against a malformed answer, not a rule.
    for (let date = addCalendarDays(from, 1), n = 0; date <= dueDate && n < 400; date = addCalendarDays(date, 1), n++) {
      if (!skippedDates.has(date)) counted.push({ date, label: workingDayLabel(date, from), makeUp: isWeekend(date) });
    }
  }
  const runs: SkippedRun[] = [];
  for (const s of skipped) {
    const last = runs[runs.length - 1];
    if (last && last.name === s.name && s.date === addCalendarDays(last.to, 1)) {
      last.to = s.date;
      last.days++;
    } else {
      runs.push({ from: s.date, to: s.date, name: s.name, days: 1 });
    }
  }
  return { counted, skipped: runs, dueLabel: workingDayLabel(dueDate, from) };
}

export function skippedRunLabel(run: SkippedRun, sameYearAs?: string): string {
  const weekday = weekdayLabel(run.from);
  // A plain weekend day is named by its weekday already: 12月5日（周六）, not 12月5日（周六） 周六.
  if (run.days === 1 && run.name === weekday) return `${monthDay(run.from, sameYearAs)}（${weekday}）`;
  const when = run.days === 1 ? `${monthDay(run.from, sameYearAs)}（${weekday}）` : `${monthDay(run.from, sameYearAs)}至${monthDay(run.to, sameYearAs)}`;
  return `${when} ${run.name}${run.days > 1 ? `（${run.days}天）` : ''}`;
}

/** Characters as the counters show them (an emoji is one). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export function kindLabel(code: InquiryKindCode): string {
  return INQUIRY_KINDS.find((k) => k.code === code)?.label ?? code;
}

export function replyTimeLabel(code: InquiryKindCode): string {
  const kind = INQUIRY_KINDS.find((k) => k.code === code);
  return kind ? `${kind.replyWorkingDays}个工作日内答复` : '';
}

export interface InquiryForm {
  kind: InquiryKindCode | '';
  subject: string;
  content: string;
  phone: string;
  photoIds: string[];
}

export type InquiryFormErrors = Partial<Record<'kind' | 'subject' | 'content' | 'phone' | 'photos', string>>;

/** The phone as sent: without the spaces people type inside numbers. */
export function compactPhone(phone: string): string {
  return phone.replace(/\s/g, '');
}

export function validateInquiry(form: InquiryForm): InquiryFormErrors {
  const errors: InquiryFormErrors = {};
  if (!form.kind) errors.kind = '请选择类型';
  const subject = form.subject.trim();
  if (!subject) errors.subject = '请填写标题';
  else if (charCount(subject) > INQUIRY_LIMITS.subjectMax) errors.subject = `标题不能超过${INQUIRY_LIMITS.subjectMax}字`;
  const content = form.content.trim();
  if (!content) errors.content = '请填写内容';
  else if (charCount(content) > INQUIRY_LIMITS.contentMax) errors.content = `内容不能超过${INQUIRY_LIMITS.contentMax}字`;
  const phone = compactPhone(form.phone);
  // The server's rule (shared), checked here first.
  if (phone && !PHONE_PATTERN.test(phone)) errors.phone = PHONE_MESSAGE;
  if (form.photoIds.length > INQUIRY_LIMITS.photosMax) errors.photos = `最多${INQUIRY_LIMITS.photosMax}张图片`;
  return errors;
}

/** The subscribe template for 答复 notices: the one the server sends them with (shared rule). */
export function replyTemplate(templates: readonly PushTemplateView[]): PushTemplateView | null {
  return inquiryReplyTemplate(templates);
}

/** The Shanghai month so far: from its first day to today. */
export function monthToDate(now: Date = new Date()): { from: string; to: string } {
  const to = shanghaiDate(now);
  return { from: `${to.slice(0, 8)}01`, to };
}

/** 0.456 → `46%`. */
export function percent(share: number): string {
  return Number.isFinite(share) ? `${Math.round(share * 100)}%` : '0%';
}
