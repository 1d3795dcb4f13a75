import { WorkingCalendar } from '../calendar/working-days';
import {
  DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS,
  consultationDeadline,
  disclosureDeadline,
  feePaymentDeadline,
  supplementDueDate,
  supplementNoticeDeadline,
  type DisclosureClockInput,
} from './disclosure-deadlines';

/**
 * Every expected date below was counted by hand on the official 2026 calendar (DOMAIN.md): off
 * 1–3 Jan, 15–23 Feb, 4–6 Apr, 1–5 May, 19–21 Jun, 25–27 Sep, 1–7 Oct; working weekend days 4 Jan,
 * 14 Feb, 28 Feb, 9 May, 20 Sep, 10 Oct. 2026-03-02 is a Monday. Counting starts the day after.
 */
const calendar = new WorkingCalendar();

function due(input: DisclosureClockInput, today: string): string | null {
  return disclosureDeadline(calendar, input, today).due?.dueDate ?? null;
}

describe('the answer deadline: 20 working days from the day after receipt', () => {
  it('received Monday 2026-03-02 (a month without holidays) → due Monday 2026-03-30, end of day Shanghai', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02' }, '2026-03-02');
    expect(d).toMatchObject({ workingDays: 20, usedWorkingDays: 0, remainingWorkingDays: 20, paused: false, flagged: false });
    expect(d.due).toMatchObject({ from: '2026-03-02', workingDays: 20, dueDate: '2026-03-30', dueAtIso: '2026-03-30T23:59:59+08:00', flagged: false, unknownYears: [] });
    expect(d.due!.dueAt.toISOString()).toBe('2026-03-30T15:59:59.000Z');
    // Four ordinary weekends passed over.
    expect(d.due!.skipped.map((s) => s.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15', '2026-03-21', '2026-03-22', '2026-03-28', '2026-03-29']);
  });

  it('received Friday 2026-04-03, before 清明节 (4–6 Apr) and 劳动节 (1–5 May) → due Thursday 2026-05-07', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-04-03' }, '2026-04-03');
    expect(d.due!.dueDate).toBe('2026-05-07');
    expect(d.due!.skipped.slice(0, 3)).toEqual([
      { date: '2026-04-04', name: '清明节' },
      { date: '2026-04-05', name: '清明节' },
      { date: '2026-04-06', name: '清明节' },
    ]);
    expect(d.due!.skipped.filter((s) => s.name === '劳动节').map((s) => s.date)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
  });

  it('received Friday 2026-02-13, before 春节: the make-up Saturdays 14 and 28 Feb count → due Thursday 2026-03-19', () => {
    expect(due({ receivedDate: '2026-02-13' }, '2026-02-13')).toBe('2026-03-19');
  });

  it('received Wednesday 2026-09-30, before 国庆节: the make-up Saturday 10 Oct counts → due Tuesday 2026-11-03', () => {
    expect(due({ receivedDate: '2026-09-30' }, '2026-09-30')).toBe('2026-11-03');
  });

  it('reports the working days used and left as of today, negative when overdue', () => {
    const input = { receivedDate: '2026-03-02' };
    // 3–6, 9–13 Mar and Monday 16 Mar: 10 used.
    expect(disclosureDeadline(calendar, input, '2026-03-16')).toMatchObject({ usedWorkingDays: 10, remainingWorkingDays: 10 });
    // Saturday 2026-03-14 counts as nothing: 9 used after Friday 13 Mar.
    expect(disclosureDeadline(calendar, input, '2026-03-14')).toMatchObject({ usedWorkingDays: 9, remainingWorkingDays: 11 });
    expect(disclosureDeadline(calendar, input, '2026-03-30')).toMatchObject({ usedWorkingDays: 20, remainingWorkingDays: 0 });
    // Two working days past the due day (31 Mar, 1 Apr): used stays at 20, 2 days overdue.
    const late = disclosureDeadline(calendar, input, '2026-04-01');
    expect(late).toMatchObject({ usedWorkingDays: 20, remainingWorkingDays: -2, paused: false });
    expect(late.due!.dueDate).toBe('2026-03-30');
    // Years overdue is still an answer, not an error.
    expect(disclosureDeadline(calendar, input, '2036-03-02').due!.dueDate).toBe('2026-03-30');
    // Before the receipt date nothing is used yet.
    expect(disclosureDeadline(calendar, input, '2026-02-27')).toMatchObject({ usedWorkingDays: 0, remainingWorkingDays: 20 });
  });
});

describe('补正', () => {
  it('the notice is due within 7 working days of receipt', () => {
    // 3–6, 9–11 Mar.
    expect(supplementNoticeDeadline(calendar, '2026-03-02').dueDate).toBe('2026-03-11');
    // After 清明节: 7–10, 13–15 Apr.
    expect(supplementNoticeDeadline(calendar, '2026-04-03').dueDate).toBe('2026-04-15');
    // Across 国庆节: 8, 9, Saturday 10, 12, 13, 14, 15 Oct.
    const d = supplementNoticeDeadline(calendar, '2026-09-30');
    expect(d.dueDate).toBe('2026-10-15');
    expect(d.dueAtIso).toBe('2026-10-15T23:59:59+08:00');
  });

  it('the applicant has 15 working days by default, or what the handler sets', () => {
    expect(DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS).toBe(15);
    // Notice 2026-03-05: 6, 9–13, 16–20, 23–26 Mar.
    expect(supplementDueDate(calendar, '2026-03-05', DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS).dueDate).toBe('2026-03-26');
    // Notice Thursday 2026-04-30, 5 working days: 劳动节, then 6, 7, 8, Saturday 9, 11 May.
    expect(supplementDueDate(calendar, '2026-04-30', 5).dueDate).toBe('2026-05-11');
  });

  it('the supplement restarts the count: the days before it no longer count', () => {
    // Received 2026-03-02, supplement arrived Monday 2026-03-16: 17–20, 23–27 Mar, 30 Mar–3 Apr,
    // 清明节, 7–10, 13, 14 Apr.
    const input = { receivedDate: '2026-03-02', supplementedDate: '2026-03-16' };
    const d = disclosureDeadline(calendar, input, '2026-03-16');
    expect(d).toMatchObject({ workingDays: 20, usedWorkingDays: 0, remainingWorkingDays: 20, paused: false });
    expect(d.due).toMatchObject({ from: '2026-03-16', dueDate: '2026-04-14' });
    // By Friday 2026-03-20: 4 used (17–20 Mar); 3–13 Mar before the supplement do not count.
    expect(disclosureDeadline(calendar, input, '2026-03-20')).toMatchObject({ usedWorkingDays: 4, remainingWorkingDays: 16 });
  });
});

describe('extension', () => {
  it('+20 working days: received 2026-03-02 → due Tuesday 2026-04-28 (清明节 in between)', () => {
    // After 30 Mar (20): 31 Mar, 1–3 Apr (24), 7–10 (28), 13–17 (33), 20–24 (38), 27, 28 Apr (40).
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02', extensionDays: 20 }, '2026-03-02');
    expect(d.workingDays).toBe(40);
    expect(d.due!.dueDate).toBe('2026-04-28');
  });

  it('+5 working days: received 2026-03-02 → 31 Mar, 1–3 Apr, 清明节, due Tuesday 2026-04-07', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02', extensionDays: 5 }, '2026-04-01');
    expect(d).toMatchObject({ workingDays: 25, usedWorkingDays: 22, remainingWorkingDays: 3 });
    expect(d.due!.dueDate).toBe('2026-04-07');
  });

  it('refuses an extension over 20 working days, negative or fractional', () => {
    for (const extensionDays of [21, -1, 1.5, Number.NaN]) {
      expect(() => disclosureDeadline(calendar, { receivedDate: '2026-03-02', extensionDays }, '2026-03-02')).toThrow(RangeError);
    }
  });
});

describe('third-party consultation (art. 32)', () => {
  it('the third party has 15 working days from the day after the letter: sent Monday 2026-06-15 → due Tuesday 2026-07-07 (端午节 in between)', () => {
    // 16–18 Jun, 端午节 19–21, 22–26 Jun, 29 Jun–3 Jul, 6, 7 Jul.
    const d = consultationDeadline(calendar, '2026-06-15');
    expect(d.dueDate).toBe('2026-07-07');
    expect(d.skipped.filter((s) => s.name === '端午节').map((s) => s.date)).toEqual(['2026-06-19', '2026-06-20', '2026-06-21']);
  });

  it('its time does not count: a pause 10–13 Mar (Tue–Fri) moves the due day 3 working days, 30 Mar → 2 Apr', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02', pauses: [{ kind: 'consultation', from: '2026-03-10', to: '2026-03-13' }] }, '2026-03-13');
    // 3–6, 9 and 10 Mar (the day the letter went out still counts): 6 used.
    expect(d).toMatchObject({ usedWorkingDays: 6, remainingWorkingDays: 14, paused: false });
    expect(d.due!.dueDate).toBe('2026-04-02');
    expect(d.due!.skipped.slice(0, 3)).toEqual([
      { date: '2026-03-07', name: '周六' },
      { date: '2026-03-08', name: '周日' },
      { date: '2026-03-11', name: '征求第三方意见（不计入）' },
    ]);
  });

  it('while the consultation is open there is no due day, only the working days left', () => {
    const input: DisclosureClockInput = { receivedDate: '2026-03-02', pauses: [{ kind: 'consultation', from: '2026-03-10', to: null }] };
    // Used 3–6, 9, 10 Mar; nothing after, however long it stays open.
    expect(disclosureDeadline(calendar, input, '2026-03-20')).toEqual({ workingDays: 20, usedWorkingDays: 6, remainingWorkingDays: 14, paused: true, due: null, flagged: false });
    expect(disclosureDeadline(calendar, input, '2026-06-01')).toMatchObject({ usedWorkingDays: 6, remainingWorkingDays: 14, paused: true, due: null });
    // Closed on Friday 20 Mar: 23 Mar onwards counts again (7 working days 11–19 Mar and Friday 20 Mar left out: 8).
    const closed = disclosureDeadline(calendar, { ...input, pauses: [{ kind: 'consultation', from: '2026-03-10', to: '2026-03-20' }] }, '2026-03-20');
    expect(closed.paused).toBe(false);
    // 30 Mar + 8 working days: 31 Mar, 1–3 Apr, 清明节, 7–10 Apr.
    expect(closed.due!.dueDate).toBe('2026-04-10');
  });
});

describe('fee (国办函〔2020〕109号 第七条)', () => {
  it('the applicant has 20 working days from the day after receiving the notice: received Thursday 2026-04-30 → Monday 2026-06-01', () => {
    // 劳动节 1–5 May, 6–8 May, Saturday 9 May, 11–15, 18–22, 25–29 May, 1 Jun.
    expect(feePaymentDeadline(calendar, '2026-04-30').dueDate).toBe('2026-06-01');
    // 11–13, 16–20, 23–27 Mar, 30 Mar–3 Apr, 清明节, 7, 8 Apr.
    expect(feePaymentDeadline(calendar, '2026-03-10').dueDate).toBe('2026-04-08');
  });

  it('the days from the notice to the payment do not count: notice Tuesday 10 Mar, paid Friday 13 Mar → due 30 Mar + 3 = 2 Apr', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02', pauses: [{ kind: 'fee', from: '2026-03-10', to: '2026-03-13' }] }, '2026-03-16');
    expect(d.due!.dueDate).toBe('2026-04-02');
    // 3–6, 9, 10 and 16 Mar.
    expect(d).toMatchObject({ usedWorkingDays: 7, remainingWorkingDays: 13 });
    expect(d.due!.skipped.filter((s) => s.name === '缴纳信息处理费（不计入）').map((s) => s.date)).toEqual(['2026-03-11', '2026-03-12', '2026-03-13']);
  });

  it('a notice not yet paid leaves the request without a due day', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-03-02', pauses: [{ kind: 'fee', from: '2026-03-10', to: null }] }, '2026-03-25');
    expect(d).toMatchObject({ paused: true, due: null, usedWorkingDays: 6, remainingWorkingDays: 14 });
  });

  it('a pause that starts and ends on a weekend day changes nothing', () => {
    expect(due({ receivedDate: '2026-03-02', pauses: [{ kind: 'fee', from: '2026-03-07', to: '2026-03-08' }] }, '2026-03-09')).toBe('2026-03-30');
  });
});

describe('the whole way: receipt → 补正 → supplement → extension → consultation → due', () => {
  // Received Monday 2026-03-02. 补正 notice Thursday 2026-03-05 (by 2026-03-11 at the latest);
  // the applicant has until 2026-03-26 and supplies on Monday 2026-03-16. The count restarts:
  // 17 Mar … 14 Apr is 20. An extension of 20 is approved: 15 Apr … 14 May is 40 (劳动节 off,
  // Saturday 9 May working). A consultation goes out Monday 20 Apr (third party until 13 May) and
  // is answered Wednesday 29 Apr: 21–24, 27–29 Apr (7 working days) do not count → due Monday 2026-05-25.
  const received = '2026-03-02';
  const supplemented = '2026-03-16';

  it('each step with its date', () => {
    expect(supplementNoticeDeadline(calendar, received).dueDate).toBe('2026-03-11');
    expect(supplementDueDate(calendar, '2026-03-05', 15).dueDate).toBe('2026-03-26');
    expect(due({ receivedDate: received }, '2026-03-05')).toBe('2026-03-30');
    expect(due({ receivedDate: received, supplementedDate: supplemented }, supplemented)).toBe('2026-04-14');
    expect(due({ receivedDate: received, supplementedDate: supplemented, extensionDays: 20 }, '2026-04-10')).toBe('2026-05-14');
    expect(consultationDeadline(calendar, '2026-04-20').dueDate).toBe('2026-05-13');

    const consulting = disclosureDeadline(calendar, { receivedDate: received, supplementedDate: supplemented, extensionDays: 20, pauses: [{ kind: 'consultation', from: '2026-04-20', to: null }] }, '2026-04-24');
    // 17 Mar … 20 Apr: 4 + 5 + 5 + 4 + 5 + 1 = 24 used.
    expect(consulting).toMatchObject({ workingDays: 40, usedWorkingDays: 24, remainingWorkingDays: 16, paused: true, due: null });

    const answered = disclosureDeadline(calendar, { receivedDate: received, supplementedDate: supplemented, extensionDays: 20, pauses: [{ kind: 'consultation', from: '2026-04-20', to: '2026-04-29' }] }, '2026-04-30');
    expect(answered).toMatchObject({ workingDays: 40, usedWorkingDays: 25, remainingWorkingDays: 15, paused: false, flagged: false });
    expect(answered.due).toMatchObject({ from: '2026-03-16', dueDate: '2026-05-25', dueAtIso: '2026-05-25T23:59:59+08:00' });
  });

  it('a fee paid after the consultation moves it again: notice Wednesday 6 May, paid Friday 8 May → 7, 8 May out → due Wednesday 2026-05-27', () => {
    const d = disclosureDeadline(
      calendar,
      {
        receivedDate: received,
        supplementedDate: supplemented,
        extensionDays: 20,
        pauses: [
          { kind: 'consultation', from: '2026-04-20', to: '2026-04-29' },
          { kind: 'fee', from: '2026-05-06', to: '2026-05-08' },
        ],
      },
      '2026-05-08',
    );
    expect(d.due!.dueDate).toBe('2026-05-27');
    // 24 before the consultation, 30 Apr, 6 May: 26.
    expect(d).toMatchObject({ usedWorkingDays: 26, remainingWorkingDays: 14 });
  });
});

describe('a year without calendar data', () => {
  it('the package knows 2026 but not 2027', () => {
    expect(calendar.isKnownYear(2026)).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(false);
  });

  it('received 2026-12-10 → counted Monday to Friday into 2027, due 2027-01-07, flagged', () => {
    // 11, 14–18, 21–25, 28–31 Dec (15), then 1 Jan 2027 (a Friday, counted as working since 2027 is unknown), 4–7 Jan.
    const d = disclosureDeadline(calendar, { receivedDate: '2026-12-10' }, '2026-12-10');
    expect(d.flagged).toBe(true);
    expect(d.due).toMatchObject({ dueDate: '2027-01-07', flagged: true, unknownYears: [2027] });
  });

  it('a due day still in 2026 is not flagged, even when today is in 2027', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-11-02' }, '2027-01-05');
    // 3–6, 9–13, 16–20, 23–27, 30 Nov: due Monday 30 Nov.
    expect(d.due!.dueDate).toBe('2026-11-30');
    expect(d.flagged).toBe(false);
  });

  it('a paused request counting into 2027 is flagged', () => {
    const d = disclosureDeadline(calendar, { receivedDate: '2026-12-28', pauses: [{ kind: 'consultation', from: '2027-01-05', to: null }] }, '2027-01-08');
    // 29–31 Dec, 1, 4, 5 Jan 2027 (Monday to Friday).
    expect(d).toMatchObject({ paused: true, due: null, usedWorkingDays: 6, flagged: true });
  });

  it('is not flagged once staff declare 2027 complete', () => {
    const known = new WorkingCalendar({ completeYears: [2027] });
    const d = disclosureDeadline(known, { receivedDate: '2026-12-10' }, '2026-12-10');
    expect(d.flagged).toBe(false);
    expect(d.due!.dueDate).toBe('2027-01-07');
  });
});

describe('bad input', () => {
  it('throws RangeError', () => {
    const bad: DisclosureClockInput[] = [
      { receivedDate: '2026-02-30' },
      { receivedDate: '2026-03-02', supplementedDate: '2026-02-27' },
      { receivedDate: '2026-03-02', supplementedDate: '16 Mar' },
      { receivedDate: '2026-03-02', pauses: [{ kind: 'fee', from: '2026-03-10', to: '2026-03-09' }] },
      // Overlapping.
      { receivedDate: '2026-03-02', pauses: [{ kind: 'consultation', from: '2026-03-10', to: '2026-03-20' }, { kind: 'fee', from: '2026-03-15', to: '2026-03-18' }] },
      // An open pause that is not the last.
      { receivedDate: '2026-03-02', pauses: [{ kind: 'consultation', from: '2026-03-10', to: null }, { kind: 'fee', from: '2026-03-15', to: '2026-03-18' }] },
    ];
    for (const input of bad) expect(() => disclosureDeadline(calendar, input, '2026-03-20')).toThrow(RangeError);
    expect(() => disclosureDeadline(calendar, { receivedDate: '2026-03-02' }, 'today')).toThrow(RangeError);
    expect(() => supplementNoticeDeadline(calendar, '2026-13-01')).toThrow(RangeError);
    expect(() => supplementDueDate(calendar, '2026-03-05', 0)).toThrow(RangeError);
  });

  it('takes pauses in any order', () => {
    const pauses = [
      { kind: 'fee' as const, from: '2026-03-17', to: '2026-03-18' },
      { kind: 'consultation' as const, from: '2026-03-10', to: '2026-03-13' },
    ];
    // 3 + 1 working days out: 30 Mar → 3 Apr.
    expect(due({ receivedDate: '2026-03-02', pauses }, '2026-03-20')).toBe('2026-04-03');
  });
});
