import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  WorkingCalendar,
  shanghaiDate,
  yearOf,
  type CalendarYearInput,
  type CalendarYearView,
  type DeadlineQuery,
  type DeadlineView,
  type ErrorDetail,
  type SkippedDay,
} from '@gongkai/shared';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { EventBus } from '../common/events/event-bus';
import type { RequestMeta } from '../common/http/request-meta';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db';
import { CalendarRepository, type StaffYear } from './calendar.repository';

/** What the inquiries module stores with an inquiry. */
export interface InquiryDeadline {
  /** 23:59:59 Asia/Shanghai of the due day. */
  dueAt: Date;
  dueDate: string;
  /** Counted Monday to Friday through a year nobody has entered: show it, and recompute once the year is entered. */
  flagged: boolean;
  skipped: SkippedDay[];
}

/**
 * The working-day calendar: the built-in chinese-days data with staff entries on top, held in
 * memory so deadlines cost no query. The instance that changes it reloads on commit; the others
 * notice `calendar_version` on their next poll (the periodic task 'calendar-refresh', every
 * PUBLIC_CACHE_POLL_MS, as the public cache does).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private calendar = new WorkingCalendar();
  private seenVersion: string | null = null;
  /** Reloads run one after another, so an older load never replaces a newer one. */
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: CalendarRepository,
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('calendar-refresh', { everyMs: config.publicCache.versionPollMs }, () => this.poll());
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  /** The calendar in force, e.g. for `workingDaysBetween` (working days overdue). */
  current(): WorkingCalendar {
    return this.calendar;
  }

  /** The reply deadline of something received at `receivedAt`: the end of the Nth working day after its Shanghai date. */
  deadline(receivedAt: Date, workingDays: number): InquiryDeadline {
    const d = this.calendar.deadline(shanghaiDate(receivedAt), workingDays);
    return { dueAt: d.dueAt, dueDate: d.dueDate, flagged: d.flagged, skipped: d.skipped };
  }

  /** The public calculator. */
  calculate(query: DeadlineQuery): DeadlineView {
    const d = this.calendar.deadline(query.from, query.workingDays);
    return { from: d.from, workingDays: d.workingDays, due: d.dueAtIso, skipped: d.skipped, flagged: d.flagged };
  }

  async year(year: number): Promise<CalendarYearView> {
    return view(year, await this.repo.year(year));
  }

  /**
   * Replaces staff's entries of a year in one transaction, audited; then this instance reloads and
   * emits `calendar.changed`, so deadlines flagged in that year can be computed again.
   */
  async replaceYear(staff: StaffPrincipal, year: number, input: CalendarYearInput, meta: RequestMeta): Promise<CalendarYearView> {
    checkDays(year, input);
    const days = input.days.map(({ date, kind, name }) => ({ date, kind, name }));
    const after = await this.db.transaction(async (m) => {
      await this.repo.bumpVersion(m);
      const before = await this.repo.year(year, m);
      await this.repo.replaceYear(m, staff, year, days, input.complete, input.note ?? before.year?.note ?? '');
      const saved = await this.repo.year(year, m);
      await this.audit.record(m, staff, meta, { action: 'calendar_year.replace', entityType: 'calendar_year', entityId: year, before: auditShape(before), after: auditShape(saved) });
      return saved;
    });
    await this.reload();
    this.events.emit('calendar.changed', { year, complete: input.complete });
    return view(year, after);
  }

  reload(): Promise<void> {
    const next = this.loading.then(() => this.load());
    this.loading = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    // Version first: a change committed while loading is then seen again on the next poll.
    const version = await this.repo.version();
    const { days, completeYears } = await this.repo.loadAll();
    this.calendar = new WorkingCalendar({ overrides: days, completeYears });
    this.seenVersion = version;
  }

  /** One poll of the calendar version (a failure is logged by PeriodicTasks; the next round tries again). */
  private async poll(): Promise<void> {
    if ((await this.repo.version()) !== this.seenVersion) await this.reload();
  }
}

/** What class-validator cannot see: every date in the year of the route, none twice. */
function checkDays(year: number, input: CalendarYearInput): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.days.forEach((day, i) => {
    if (yearOf(day.date) !== year) details.push({ field: `days.${i}.date`, message: `日期须在 ${year} 年内：${day.date}` });
    else if (seen.has(day.date)) details.push({ field: `days.${i}.date`, message: `日期重复：${day.date}` });
    seen.add(day.date);
  });
  if (details.length) throw ApiError.validation(details);
}

function view(year: number, staff: StaffYear): CalendarYearView {
  const complete = staff.year?.complete ?? false;
  // Only this year's rows matter for this year's view.
  const calendar = new WorkingCalendar({ overrides: staff.days, completeYears: complete ? [year] : [] });
  return {
    year,
    known: calendar.isKnownYear(year),
    packageData: calendar.hasPackageData(year),
    complete,
    note: staff.year?.note ?? '',
    updatedAt: staff.year?.updatedAt.toISOString() ?? null,
    updatedBy: staff.year?.updatedByUsername ?? null,
    days: calendar.specialDays(year).map(({ date, kind, name, source, replaces }) => ({ date, kind, name, source, replaces })),
  };
}

function auditShape(staff: StaffYear): object {
  return {
    complete: staff.year?.complete ?? false,
    note: staff.year?.note ?? '',
    days: staff.days.map(({ date, kind, name }) => ({ date, kind, name })),
  };
}
