import { formatFen, type ApplicantDisclosureView, type FeeBand } from '@gongkai/shared';

/** Words the 依申请公开 pages show, from the views the server sends. */

/** `3月5日`, with the year when it is not `sameYearAs`'s. */
export function dayLabel(date: string, sameYearAs?: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  const md = `${Number(m)}月${Number(d)}日`;
  return sameYearAs && y !== sameYearAs.slice(0, 4) ? `${y}年${md}` : md;
}

export type DeadlineState = 'running' | 'overdue' | 'paused' | 'stopped' | 'waiting' | 'finished';

export interface DeadlineText {
  state: DeadlineState;
  /** The main line: the due date, or why there is none just now. */
  headline: string;
  /** Working days left, the rule, the pause. */
  note: string | null;
}

/**
 * The answer deadline as the applicant should read it: a due date while the clock runs; "已暂停计时"
 * with the days left while a third party is consulted or a fee waits (those days do not count);
 * "补正期间停止计时" while a supplement is awaited (the clock restarts when it arrives).
 */
export function deadlineText(view: Pick<ApplicantDisclosureView, 'status' | 'deadline' | 'supplement'>, today: string): DeadlineText {
  const d = view.deadline;
  const left = d?.remainingWorkingDays;
  const leftText = left === null || left === undefined ? null : `剩余 ${left} 个工作日`;
  if (view.status === 'answered' || view.status === 'closed') return { state: 'finished', headline: view.status === 'answered' ? '已答复' : '已终止办理', note: null };
  if (view.status === 'submitted' || !d) return { state: 'waiting', headline: '待工作人员确认收到', note: '网上申请以双方确认之日为收到申请之日，答复期限自收到申请之日的次日起计算。' };
  if (view.status === 'supplement_requested') {
    const due = view.supplement?.dueDate;
    return {
      state: 'stopped',
      headline: '补正期间停止计时',
      note: `请${due ? `在${dayLabel(due, today)}前` : '尽快'}补正；收到补正材料之日起重新计算 ${d.workingDays} 个工作日的答复期限。`,
    };
  }
  if (d.paused || view.status === 'consulting' || view.status === 'fee_pending') {
    const why = view.status === 'consulting' ? '征求第三方意见' : view.status === 'fee_pending' ? '待缴费' : '暂停';
    return {
      state: 'paused',
      headline: `已暂停计时（${why}）`,
      note: [leftText, view.status === 'consulting' ? '征求第三方意见所需时间不计算在答复期限内' : view.status === 'fee_pending' ? '自发出收费通知至缴费之日不计算在答复期限内' : null]
        .filter(Boolean)
        .join('；'),
    };
  }
  if (!d.dueDate) return { state: 'waiting', headline: '答复期限计算中', note: null };
  const extension = d.extensionDays ? `（含延期 ${d.extensionDays} 个工作日）` : '';
  return {
    state: d.overdue ? 'overdue' : 'running',
    headline: `${dayLabel(d.dueDate, today)}前答复`,
    note: `${d.overdue ? '已超过答复期限' : leftText ?? ''}；自${dayLabel(d.from, today)}的次日起算 ${d.workingDays} 个工作日${extension}`.replace(/^；/, ''),
  };
}

/** `11–30 件`, `201 页及以上`. */
export function bandRange(b: Pick<FeeBand, 'from' | 'to'>, unit: '件' | '页'): string {
  if (b.to === null) return `${b.from} ${unit}及以上`;
  return b.from === b.to ? `第 ${b.from} ${unit}` : `${b.from}–${b.to} ${unit}`;
}

/** `免费` or `100.00 元/件`. */
export function unitPrice(unitFen: number, unit: '件' | '页'): string {
  return unitFen === 0 ? '免费' : `${formatFen(unitFen)}/${unit}`;
}

/** `0.00 元` reads as nothing to pay: say 免费. */
export function amountLabel(fen: number): string {
  return fen === 0 ? '免费（0 元）' : formatFen(fen);
}

/** A tracking number as typed: no spaces, upper case. */
export function normalizeTrackingNo(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}
