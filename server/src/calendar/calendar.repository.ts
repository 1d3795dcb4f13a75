import { Injectable } from '@nestjs/common';
import type { CalendarDayEntry } from '@gongkai/shared';
import { randomUUID } from 'node:crypto';
import { Between, In, type EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { AppState } from '../database/app-state.entity';
import { Db } from '../database/db';
import { CalendarDay } from './entities/calendar-day.entity';
import { CalendarYear } from './entities/calendar-year.entity';

const VERSION_KEY = 'calendar_version';

export interface StaffCalendar {
  days: CalendarDayEntry[];
  completeYears: number[];
}

export interface StaffYear {
  days: CalendarDay[];
  year: CalendarYear | null;
}

/** The calendar's queries: staff entries, completed years, and the version instances poll. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /** Everything staff entered, for the in-memory calendar (a few dozen rows a year). */
  async loadAll(): Promise<StaffCalendar> {
    await this.db.settled();
    const days = await this.db.dataSource.getRepository(CalendarDay).find({ order: { date: 'ASC' } });
    const years = await this.db.dataSource.getRepository(CalendarYear).find({ where: { complete: true } });
    return { days: days.map(({ date, kind, name }) => ({ date, kind, name })), completeYears: years.map((y) => y.year) };
  }

  async version(): Promise<string | null> {
    await this.db.settled();
    const row = await this.db.dataSource.getRepository(AppState).findOne({ where: { key: VERSION_KEY } });
    return row?.value ?? null;
  }

  /** Pass a transaction's manager to read what it is about to change. */
  async year(year: number, manager?: EntityManager): Promise<StaffYear> {
    if (!manager) await this.db.settled();
    const m = manager ?? this.db.dataSource.manager;
    const days = await m.find(CalendarDay, { where: { date: Between(`${year}-01-01`, `${year}-12-31`) }, order: { date: 'ASC' } });
    return { days, year: await m.findOne(CalendarYear, { where: { year } }) };
  }

  /**
   * Call first in a transaction that changes the calendar: other instances reload when they see the
   * new version, and on MySQL the row lock it takes makes concurrent changes wait for each other,
   * so each reads what the previous one committed.
   */
  async bumpVersion(m: EntityManager): Promise<void> {
    await m.update(AppState, { key: VERSION_KEY }, { value: randomUUID() });
  }

  /**
   * Makes the staff entries of a year exactly `days`: unchanged dates keep their rows (and who
   * entered them), changed ones are updated, the rest deleted or inserted.
   */
  async replaceYear(m: EntityManager, staff: StaffPrincipal, year: number, days: CalendarDayEntry[], complete: boolean, note: string): Promise<void> {
    const current = new Map((await this.year(year, m)).days.map((d) => [d.date, d]));
    const keep = new Set(days.map((d) => d.date));
    const gone = [...current.keys()].filter((date) => !keep.has(date));
    if (gone.length) await m.delete(CalendarDay, { date: In(gone) });
    for (const day of days) {
      const before = current.get(day.date);
      if (!before) {
        await m.insert(CalendarDay, { ...day, createdById: staff.id, createdByUsername: staff.username });
      } else if (before.kind !== day.kind || before.name !== day.name) {
        await m.update(CalendarDay, { date: day.date }, { kind: day.kind, name: day.name });
      }
    }
    const by = { updatedById: staff.id, updatedByUsername: staff.username };
    if (await m.findOne(CalendarYear, { where: { year } })) await m.update(CalendarYear, { year }, { complete, note, ...by });
    else await m.insert(CalendarYear, { year, complete, note, ...by });
  }
}
