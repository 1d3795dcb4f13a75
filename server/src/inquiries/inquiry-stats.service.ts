import { Injectable } from '@nestjs/common';
import {
  INQUIRY_KIND_CODES,
  INQUIRY_RATINGS,
  addCalendarDays,
  isCalendarDate,
  isOpenInquiry,
  shanghaiDate,
  shanghaiStartOfDay,
  type InquiryAlerts,
  type InquiryKindCode,
  type InquiryRating,
  type InquiryStats,
} from '@gongkai/shared';
import { CalendarService } from '../calendar/calendar.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { Db } from '../database/db';
import { InquiriesRepository } from './inquiries.repository';
import { isAdmin } from './inquiry-access';
import { InquiryViews } from './inquiry-views.service';

const ALERT_ITEMS = 20;

/** What the staff home shows (overdue and due-soon inquiries, counts) and the statistics page's figures. */
@Injectable()
export class InquiryStatsService {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly views: InquiryViews,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** Overdue and due-soon (by the end of the next working day) open inquiries of the reader's unit (admin: all), and counts. */
  async alerts(staff: StaffPrincipal): Promise<InquiryAlerts> {
    await this.db.settled();
    const unitId = isAdmin(staff) ? null : staff.unitId;
    const now = this.clock.now();
    const soon = this.calendar.deadline(now, 1).dueAt;
    const [overdue, dueSoon, counts] = await Promise.all([this.repo.openDueBefore(unitId, now, null, ALERT_ITEMS), this.repo.openDueBefore(unitId, soon, now, ALERT_ITEMS), this.repo.openCounts(unitId)]);
    const items = await this.views.listItems([...overdue, ...dueSoon]);
    return {
      overdue: items.slice(0, overdue.length),
      dueSoon: items.slice(overdue.length),
      held: counts.byStatus.get('held') ?? 0,
      pendingReplies: counts.byStatus.get('reply_pending') ?? 0,
      flagged: counts.flagged,
    };
  }

  /** Figures of the inquiries received between two Shanghai dates (inclusive), of the reader's unit (admin: all). */
  async stats(staff: StaffPrincipal, from: string, to: string): Promise<InquiryStats> {
    if (!isCalendarDate(from)) throw ApiError.field('from', '开始日期须为 YYYY-MM-DD');
    if (!isCalendarDate(to)) throw ApiError.field('to', '结束日期须为 YYYY-MM-DD');
    if (to < from) throw ApiError.field('to', '结束日期不能早于开始日期');
    if (to > addCalendarDays(from, 3 * 366)) throw ApiError.field('to', '统计范围最长三年');
    await this.db.settled();
    const unitId = isAdmin(staff) ? null : staff.unitId;
    const rows = await this.repo.receivedBetween(unitId, shanghaiStartOfDay(from), shanghaiStartOfDay(addCalendarDays(to, 1)));
    const units = await this.repo.units(rows.map((r) => r.unitId));
    const now = this.clock.nowMs();
    const byKind = Object.fromEntries(INQUIRY_KIND_CODES.map((k) => [k, 0])) as Record<InquiryKindCode, number>;
    const ratings = Object.fromEntries(INQUIRY_RATINGS.map((r) => [r, 0])) as Record<InquiryRating, number>;
    const byUnit = new Map<number, number>();
    const spans: number[] = [];
    let repliedOnTime = 0;
    let repliedLate = 0;
    let openOverdue = 0;
    let openInTime = 0;
    const working = this.calendar.current();
    for (const r of rows) {
      byKind[r.kind]++;
      byUnit.set(r.unitId, (byUnit.get(r.unitId) ?? 0) + 1);
      if (r.rating) ratings[r.rating]++;
      if (r.repliedAt) {
        if (r.repliedAt.getTime() <= r.dueAt.getTime()) repliedOnTime++;
        else repliedLate++;
        spans.push(working.workingDaysBetween(shanghaiDate(r.receivedAt), shanghaiDate(r.repliedAt)));
      } else if (isOpenInquiry(r.status)) {
        if (r.dueAt.getTime() < now) openOverdue++;
        else openInTime++;
      }
    }
    const rated = INQUIRY_RATINGS.reduce((n, k) => n + ratings[k], 0);
    return {
      from,
      to,
      total: rows.length,
      byKind,
      byUnit: [...byUnit].map(([id, count]) => ({ unitCode: units.get(id)?.code ?? '', unitName: units.get(id)?.name ?? '', count })).sort((a, b) => b.count - a.count || a.unitCode.localeCompare(b.unitCode)),
      repliedOnTime,
      repliedLate,
      openOverdue,
      openInTime,
      medianWorkingDays: median(spans),
      ratings,
      satisfaction: Object.fromEntries(INQUIRY_RATINGS.map((k) => [k, rated ? ratings[k] / rated : 0])) as Record<InquiryRating, number>,
    };
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
