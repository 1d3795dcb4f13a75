import { INQUIRY_KINDS, inquiryKind } from '../inquiries/kinds';
import {
  WorkingCalendar,
  addCalendarDays,
  calendarFromPackageData,
  chineseDaysCalendar,
  chineseHolidayName,
  isCalendarDate,
} from './working-days';

const calendar = new WorkingCalendar();

describe('the built-in calendar (chinese-days)', () => {
  it('knows 2004–2026 and no year after', () => {
    const { years } = chineseDaysCalendar();
    expect(Math.min(...years)).toBe(2004);
    expect(Math.max(...years)).toBe(2026);
    expect(years.size).toBe(2026 - 2004 + 1);
    expect(calendar.isKnownYear(2026)).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(false);
    expect(calendar.isKnownYear(2003)).toBe(false);
  });

  it('maps the package names to the Chinese names of the notices', () => {
    expect(chineseHolidayName('National Day,国庆节,3')).toBe('国庆节');
    expect(chineseHolidayName('Tomb-sweeping Day,清明,1')).toBe('清明节');
    expect(chineseHolidayName('Mid-autumn Festival,中秋,1')).toBe('中秋节');
    // A name the table does not know keeps the package's Chinese part.
    expect(chineseHolidayName('Some Day,某节,1')).toBe('某节');
    expect(calendar.entry('2025-10-06')).toMatchObject({ kind: 'holiday', name: '中秋节', source: 'package' });
    expect(calendar.entry('2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节', source: 'package' });
  });

  it('has DOMAIN.md’s 2026 list: these days off, these weekend days working', () => {
    const off = ['01-01', '01-03', '02-15', '02-23', '04-04', '04-06', '05-01', '05-05', '06-19', '06-21', '09-25', '09-27', '10-01', '10-07'];
    const working = ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'];
    for (const d of off) expect([d, calendar.isWorkingDay(`2026-${d}`)]).toEqual([d, false]);
    for (const d of working) expect([d, calendar.isWorkingDay(`2026-${d}`)]).toEqual([d, true]);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true); // an ordinary Thursday
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });
});

describe('deadlines: the Nth working day after receipt', () => {
  // [received, working days, due, what it crosses]
  const cases: [string, number, string, string][] = [
    ['2026-09-30', 3, '2026-10-10', '国庆节 2026, ends on the make-up Saturday'],
    ['2026-09-30', 5, '2026-10-13', '国庆节 2026, then an ordinary Sunday'],
    ['2026-09-24', 5, '2026-10-09', '中秋节 and 国庆节 2026'],
    ['2026-09-18', 3, '2026-09-22', 'the make-up Sunday 2026-09-20 counts'],
    ['2025-12-31', 3, '2026-01-06', '元旦 2026 and the make-up Sunday 2026-01-04'],
    ['2026-02-13', 3, '2026-02-25', 'make-up Saturday 2026-02-14, then 春节 2026'],
    ['2026-02-12', 5, '2026-02-26', '春节 2026 from before the make-up day'],
    ['2026-02-26', 3, '2026-03-02', 'make-up Saturday 2026-02-28'],
    ['2026-04-02', 3, '2026-04-08', '清明节 2026'],
    ['2026-04-30', 5, '2026-05-11', '劳动节 2026 and make-up Saturday 2026-05-09'],
    ['2026-06-18', 3, '2026-06-24', '端午节 2026'],
    ['2025-01-24', 3, '2025-02-05', 'make-up Sunday 2025-01-26, then 春节 2025'],
    ['2025-02-06', 3, '2025-02-10', 'make-up Saturday 2025-02-08'],
    ['2025-04-03', 3, '2025-04-09', '清明节 2025'],
    ['2025-04-25', 5, '2025-05-06', 'make-up Sunday 2025-04-27, then 劳动节 2025'],
    ['2025-05-30', 3, '2025-06-05', '端午节 2025'],
    ['2025-09-26', 3, '2025-09-30', 'make-up Sunday 2025-09-28'],
    ['2025-09-30', 3, '2025-10-11', '国庆节 and 中秋节 2025, ends on the make-up Saturday'],
    ['2026-12-25', 3, '2026-12-30', 'an ordinary weekend at the end of a known year'],
  ];

  it.each(cases)('received %s, %i working days → due %s (%s)', (from, n, due) => {
    const result = calendar.addWorkingDays(from, n);
    expect(result.dueDate).toBe(due);
    expect(result.flagged).toBe(false);
    expect(calendar.workingDaysBetween(from, due)).toBe(n);
  });

  it('lists what it skipped: a 咨询 received Wednesday 2026-09-30 is due at the end of Saturday 2026-10-10', () => {
    const d = calendar.deadline('2026-09-30', inquiryKind('consultation').replyWorkingDays);
    expect(d.dueDate).toBe('2026-10-10');
    expect(d.dueAtIso).toBe('2026-10-10T23:59:59+08:00');
    expect(d.dueAt.toISOString()).toBe('2026-10-10T15:59:59.000Z');
    expect(d.skipped).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((day) => ({ date: `2026-10-${day}`, name: '国庆节' })));
  });

  it('names ordinary weekends 周六 and 周日, and 2025’s 中秋节 inside 国庆节', () => {
    expect(calendar.addWorkingDays('2026-09-30', 5).skipped.slice(-1)).toEqual([{ date: '2026-10-11', name: '周日' }]);
    expect(calendar.addWorkingDays('2026-09-18', 3).skipped).toEqual([{ date: '2026-09-19', name: '周六' }]);
    expect(calendar.addWorkingDays('2025-09-30', 3).skipped).toContainEqual({ date: '2025-10-06', name: '中秋节' });
  });

  it('counts a year without calendar data Monday to Friday, and flags it', () => {
    // 2027-01-01 is surely 元旦, but nobody has entered 2027: counted as a Friday, and flagged.
    const crossing = calendar.addWorkingDays('2026-12-30', 3);
    expect(crossing).toMatchObject({ dueDate: '2027-01-04', flagged: true, unknownYears: [2027] });
    expect(crossing.skipped).toEqual([
      { date: '2027-01-02', name: '周六' },
      { date: '2027-01-03', name: '周日' },
    ]);
    expect(calendar.addWorkingDays('2027-09-30', 3)).toMatchObject({ dueDate: '2027-10-05', flagged: true });
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true);
    expect(calendar.addWorkingDays('2003-12-29', 1)).toMatchObject({ dueDate: '2003-12-30', flagged: true, unknownYears: [2003] });
  });

  it('counts the days between two dates, after the first up to the second', () => {
    expect(calendar.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-09-30')).toBe(0);
    expect(calendar.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    // 2026: 261 weekdays − 19 weekday holidays + 6 make-up weekend days.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('refuses what is not a date or a positive count', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 3)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-09-30', 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-09-30', 1.5)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('20261010')).toThrow(RangeError);
  });
});

describe('staff entries', () => {
  it('take precedence over the package, date by date', () => {
    // Staff correct the package: 2026-10-08 off as well, and the make-up Saturday cancelled.
    const corrected = new WorkingCalendar({
      overrides: [
        { date: '2026-10-08', kind: 'holiday', name: '国庆节（补）' },
        { date: '2026-10-10', kind: 'holiday', name: '周六' },
      ],
    });
    expect(corrected.entry('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '周六', source: 'staff', replaces: { kind: 'workday', name: '国庆节' } });
    const result = corrected.addWorkingDays('2026-09-30', 3);
    expect(result.dueDate).toBe('2026-10-13');
    expect(result.skipped.map((s) => `${s.date.slice(5)} ${s.name}`)).toEqual([
      '10-01 国庆节', '10-02 国庆节', '10-03 国庆节', '10-04 国庆节', '10-05 国庆节', '10-06 国庆节', '10-07 国庆节',
      '10-08 国庆节（补）', '10-10 周六', '10-11 周日',
    ]);
    // A weekday marked workday cancels a package holiday.
    expect(new WorkingCalendar({ overrides: [{ date: '2026-10-01', kind: 'workday', name: '更正' }] }).isWorkingDay('2026-10-01')).toBe(true);
  });

  it('make an unknown year known once it is declared complete, and not before', () => {
    const days = [
      { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      { date: '2027-10-01', kind: 'holiday' as const, name: '国庆节' },
    ];
    const partial = new WorkingCalendar({ overrides: days });
    expect(partial.addWorkingDays('2026-12-31', 1)).toMatchObject({ dueDate: '2027-01-04', flagged: true });
    const entered = new WorkingCalendar({ overrides: days, completeYears: [2027] });
    expect(entered.addWorkingDays('2026-12-31', 1)).toMatchObject({ dueDate: '2027-01-04', flagged: false, unknownYears: [] });
    expect(entered.addWorkingDays('2026-12-30', 3).skipped[0]).toEqual({ date: '2027-01-01', name: '元旦' });
    expect(entered.specialDays(2027).map((d) => [d.date, d.source])).toEqual([
      ['2027-01-01', 'staff'],
      ['2027-10-01', 'staff'],
    ]);
  });

  it('work on any built-in data, e.g. a package that knows one year only', () => {
    const tiny = calendarFromPackageData({ holidays: { '2030-01-01': "New Year's Day,元旦,1" }, workdays: {} });
    const cal = new WorkingCalendar({ builtIn: tiny });
    expect(cal.isKnownYear(2030)).toBe(true);
    expect(cal.isKnownYear(2026)).toBe(false);
    expect(cal.addWorkingDays('2029-12-31', 1)).toMatchObject({ dueDate: '2030-01-02', flagged: false, skipped: [{ date: '2030-01-01', name: '元旦' }] });
  });
});

describe('dates and inquiry kinds', () => {
  it('checks and adds calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-9-30')).toBe(false);
    expect(isCalendarDate(20260930)).toBe(false);
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives 咨询 3 working days and 投诉/建议/反馈 5', () => {
    expect(INQUIRY_KINDS.map((k) => `${k.label}:${k.trackingPrefix}:${k.replyWorkingDays}`)).toEqual(['咨询:ZX:3', '投诉:TS:5', '建议:JY:5', '反馈:FK:5']);
  });
});
