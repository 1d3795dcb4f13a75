import {
  DISCLOSURE_ANSWER_WORKING_DAYS,
  DISCLOSURE_MAX_EXTENSION_DAYS,
  DISCLOSURE_OUTCOMES,
  DISCLOSURE_OUTCOME_CODES,
  OUTCOME_GROUPS,
  OUTCOME_GROUP_LABELS,
  addCalendarDays,
  isCalendarDate,
  shanghaiDate,
  type ChallengeKind,
  type ChallengeResult,
  type DisclosureOutcome,
  type DisclosureOutcomeGroup,
  type DisclosureStatus,
  type SkippedDay,
} from '@gongkai/shared';

/** Pure helpers of the staff 依申请公开 pages (no Taro, so jest can load them). */

/** Today's date in Shanghai, `YYYY-MM-DD`. */
export function todayShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

/** Calendar days from `a` to `b` (both `YYYY-MM-DD`); 0 when either is malformed. */
export function calendarDaysBetween(a: string, b: string): number {
  if (!isCalendarDate(a) || !isCalendarDate(b)) return 0;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `3月18日`, with the year when it is not this one. */
export function shortDate(date: string | null | undefined, today: string = todayShanghai()): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!m) return '';
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return m[1] === today.slice(0, 4) ? md : `${m[1]}年${md}`;
}

export type ClockState = 'overdue' | 'due-soon' | 'running' | 'paused' | 'stopped' | 'finished' | 'not-started';

export interface ClockFacts {
  status: DisclosureStatus;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  paused: boolean;
}

/**
 * Where a request's answer clock stands, for a row or the detail: 补正 stops it (it restarts on the
 * day the supplement arrives), a third-party consultation or an unpaid fee pauses it, an answered
 * or closed request has none.
 */
export function clockState(f: ClockFacts): ClockState {
  if (f.status === 'answered' || f.status === 'closed') return 'finished';
  if (f.status === 'supplement_requested') return 'stopped';
  if (f.paused) return 'paused';
  if (f.overdue) return 'overdue';
  if (!f.dueDate) return f.status === 'submitted' ? 'not-started' : 'paused';
  return f.remainingWorkingDays !== null && f.remainingWorkingDays <= 3 ? 'due-soon' : 'running';
}

const PAUSE_WHY: Partial<Record<DisclosureStatus, string>> = {
  consulting: '征求第三方意见期间不计入',
  fee_pending: '缴费期间不计入',
};

/** The row's deadline line: `4月2日前 · 剩余 5 个工作日`, `已超期 3 天`, `已暂停（征求第三方意见期间不计入）`. */
export function clockLine(f: ClockFacts, today: string = todayShanghai()): string {
  const state = clockState(f);
  switch (state) {
    case 'finished':
      return '已办结';
    case 'not-started':
      return '待确认收到，尚未起算';
    case 'stopped':
      return '待补正，答复期限中止（补正到达之日起重新计算）';
    case 'paused':
      return `已暂停${PAUSE_WHY[f.status] ? `（${PAUSE_WHY[f.status]}）` : ''}`;
    case 'overdue': {
      const days = f.dueDate ? calendarDaysBetween(f.dueDate, today) : 0;
      return days > 0 ? `已超期 ${days} 天（期限 ${shortDate(f.dueDate, today)}）` : '已超期';
    }
    default:
      return `${shortDate(f.dueDate, today)}前 · 剩余 ${f.remainingWorkingDays ?? '—'} 个工作日`;
  }
}

/** Consecutive skipped days of one name joined: `10月1日至10月8日 国庆节`, `3月21日 周六`. */
export function skippedRuns(skipped: readonly SkippedDay[] | undefined, today: string = todayShanghai()): string[] {
  const runs: { from: string; to: string; name: string }[] = [];
  for (const d of skipped ?? []) {
    const last = runs[runs.length - 1];
    if (last && last.name === d.name && addCalendarDays(last.to, 1) === d.date) last.to = d.date;
    else runs.push({ from: d.date, to: d.date, name: d.name });
  }
  return runs.map((r) => (r.from === r.to ? `${shortDate(r.from, today)} ${r.name}` : `${shortDate(r.from, today)}至${shortDate(r.to, today)} ${r.name}`));
}

/** Extension days one may still ask for: at most 20 in all, and never more than the answer period itself. */
export function extensionRoom(extensionDaysGranted: number): number {
  return Math.max(0, Math.min(DISCLOSURE_MAX_EXTENSION_DAYS, DISCLOSURE_ANSWER_WORKING_DAYS) - extensionDaysGranted);
}

/** The 21 outcomes grouped as the reply letter and table 三 group them, in the report's order. */
export function outcomeGroups(): { group: DisclosureOutcomeGroup; label: string; outcomes: { code: DisclosureOutcome; label: string }[] }[] {
  return OUTCOME_GROUPS.map((group) => ({
    group,
    label: OUTCOME_GROUP_LABELS[group],
    outcomes: DISCLOSURE_OUTCOME_CODES.filter((code) => DISCLOSURE_OUTCOMES[code].group === group).map((code) => ({ code, label: DISCLOSURE_OUTCOMES[code].label })),
  }));
}

/** What the letter form asks besides the body, by outcome. */
export function letterNeeds(outcome: DisclosureOutcome | ''): { redactions: boolean; otherAgency: boolean; provision: boolean } {
  return {
    redactions: outcome === 'partial',
    otherAgency: outcome === 'unavailable_not_held',
    provision: outcome === 'granted' || outcome === 'partial',
  };
}

/** `元` typed by a person (`12`, `12.5`, `12.50`) → 分; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A positive whole number typed by a person, at most `max`; null otherwise. */
export function wholeNumber(text: string, max: number): number | null {
  if (!/^\s*\d{1,6}\s*$/.test(text)) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= max ? n : null;
}

/** The channel and receipt date: the form's own checks (the server makes them again). */
export function entryProblems(channel: string, receivedDate: string, today: string): { channel?: string; receivedDate?: string } {
  const e: { channel?: string; receivedDate?: string } = {};
  if (!channel) e.channel = '请选择申请方式';
  if (!isCalendarDate(receivedDate)) e.receivedDate = '请选择收到申请的日期';
  else if (receivedDate > today) e.receivedDate = '收到申请的日期不能晚于今天';
  return e;
}

/** The challenge register's form. */
export interface ChallengeDraft {
  kind: ChallengeKind | '';
  about: 'request' | 'notice';
  trackingNo: string;
  noticeId: string;
  caseNo: string;
  body: string;
  filedDate: string;
  decidedDate: string;
  result: ChallengeResult;
  note: string;
}

/** The form's own checks (the server makes them again): a decided case has its date, never before the filing. */
export function challengeProblems(d: ChallengeDraft, today: string): Partial<Record<keyof ChallengeDraft, string>> {
  const e: Partial<Record<keyof ChallengeDraft, string>> = {};
  if (!d.kind) e.kind = '请选择类型';
  if (d.about === 'request' && !d.trackingNo.trim()) e.trackingNo = '请填写申请编号';
  if (d.about === 'notice' && !/^\d{1,12}$/.test(d.noticeId.trim())) e.noticeId = '请填写信息 ID（数字）';
  if (!d.caseNo.trim()) e.caseNo = '请填写案号';
  else if (Array.from(d.caseNo.trim()).length > 100) e.caseNo = '案号不能超过100字';
  if (!d.body.trim()) e.body = '请填写复议机关或法院';
  else if (Array.from(d.body.trim()).length > 100) e.body = '复议机关或法院不能超过100字';
  if (!isCalendarDate(d.filedDate)) e.filedDate = '请选择受理日期';
  else if (d.filedDate > today) e.filedDate = '受理日期不能晚于今天';
  if (d.result !== 'pending') {
    if (!isCalendarDate(d.decidedDate)) e.decidedDate = '已审结的请选择审结日期';
    else if (isCalendarDate(d.filedDate) && d.decidedDate < d.filedDate) e.decidedDate = '审结日期不能早于受理日期';
    else if (d.decidedDate > today) e.decidedDate = '审结日期不能晚于今天';
  }
  if (Array.from(d.note).length > 1000) e.note = '备注不能超过1000字';
  return e;
}
