import {
  INQUIRY_KINDS,
  INQUIRY_LIMITS,
  inquiryReplyTemplate,
  shanghaiDate,
  type InquiryKindCode,
  type PushTemplateView,
  type SkippedDay,
} from '@gongkai/shared';

/** Pure helpers of the inquiry pages (deadline explanation, counters, validation). */

export const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? NaN : Math.round(t / DAY_MS);
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 周六 for `2026-10-10` (a calendar date; no time zone involved). */
export function weekdayOf(date: string): string {
  const n = dayNumber(date);
  // Day 0 of the epoch (1970-01-01) was a Thursday.
  return Number.isNaN(n) ? '' : WEEKDAYS[(((n + 4) % 7) + 7) % 7]!;
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === '周六' || w === '周日';
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
  const w = weekdayOf(date);
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
  const start = dayNumber(from);
  const end = dayNumber(dueDate);
  if (!Number.isNaN(start) && !Number.isNaN(end) && end - start <= 400) {
    for (let n = start + 1; n <= end; n++) {
      const date = fromDayNumber(n);
      if (!skippedDates.has(date)) counted.push({ date, label: workingDayLabel(date, from), makeUp: isWeekend(date) });
    }
  }
  const runs: SkippedRun[] = [];
  for (const s of skipped) {
    const last = runs[runs.length - 1];
    if (last && last.name === s.name && dayNumber(s.date) === dayNumber(last.to) + 1) {
      last.to = s.date;
      last.days++;
    } else {
      runs.push({ from: s.date, to: s.date, name: s.name, days: 1 });
    }
  }
  return { counted, skipped: runs, dueLabel: workingDayLabel(dueDate, from) };
}

export function skippedRunLabel(run: SkippedRun, sameYearAs?: string): string {
  const weekday = weekdayOf(run.from);
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

/** Mainland mobile or landline (with optional dash and extension): the server's rule, checked here first. */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

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
  if (phone && !PHONE_PATTERN.test(phone)) errors.phone = '请填写正确的手机号或固定电话（如 13812345678、0536-6212345）';
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
