import { EventBus } from '../../../server/src/common/events/event-bus';
import { ApiClient } from '../../support/api-client';
import { aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const ENV = { PUBLIC_CACHE_POLL_MS: '100' };

/** 2027 as staff would enter it (the package has no data for 2027). */
const DAYS_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
  { date: '2027-10-09', kind: 'workday', name: '国庆节' },
];

describe('the working-day calendar', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;

  const deadline = (from: string, workingDays: number | string) => anon.get(`/calendar/deadline?from=${from}&workingDays=${workingDays}`);
  const put = (client: ApiClient, year: number | string, body: unknown) => client.request<any>('PUT', `/staff/calendar/${year}`, body);

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startServer(db, ENV);
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'CAL000000000000001', '办公室');
    editor = await aStaff(admin, 'editor1', 'CAL000000000000001', ['editor', 'inquiry_handler']);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('answers the example: a 咨询 received Wednesday 2026-09-30 is due at the end of Saturday 2026-10-10', async () => {
    const res = await deadline('2026-09-30', 3);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-09-30',
      workingDays: 3,
      due: '2026-10-10T23:59:59+08:00',
      skipped: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
      flagged: false,
    });
    const docs = await anon.get('/api/docs/openapi.json');
    expect(docs.body.paths['/api/v1/calendar/deadline'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'workingDays']);
    const five = await deadline('2026-09-30', 5);
    expect(five.body.due).toBe('2026-10-13T23:59:59+08:00');
    expect(five.body.skipped.at(-1)).toEqual({ date: '2026-10-11', name: '周日' });
  });

  it('refuses bad queries with 400, a code and Chinese messages', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30&workingDays=3', 'from'],
      ['from=2026-9-30&workingDays=3', 'from'],
      ['from=1999-12-31&workingDays=3', 'from'],
      ['workingDays=3', 'from'],
      ['from=2026-09-30&workingDays=0', 'workingDays'],
      ['from=2026-09-30&workingDays=61', 'workingDays'],
      ['from=2026-09-30&workingDays=2.5', 'workingDays'],
      ['from=2026-09-30&workingDays=abc', 'workingDays'],
      ['from=2026-09-30', 'workingDays'],
      ['from=2026-09-30&workingDays=3&extra=1', 'extra'],
    ];
    for (const [query, field] of cases) {
      const res = await anon.get(`/calendar/deadline?${query}`);
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toBe('提交的内容有误，请检查后重试');
      expect(res.body.details).toEqual([{ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    }
    expect((await anon.get('/calendar/deadline?from=2026-02-30&workingDays=3')).body.details[0].message).toBe('from 须为 2000–2099 年间的有效日期，格式 YYYY-MM-DD');
    expect((await anon.get('/calendar/deadline?from=2026-09-30&workingDays=61')).body.details[0].message).toBe('workingDays 须为 1–60 的整数');
  });

  it('flags a deadline that reaches a year with no calendar data, counted Monday to Friday', async () => {
    const res = await deadline('2026-12-30', 3);
    expect(res.body).toEqual({
      from: '2026-12-30',
      workingDays: 3,
      due: '2027-01-04T23:59:59+08:00',
      skipped: [
        { date: '2027-01-02', name: '周六' },
        { date: '2027-01-03', name: '周日' },
      ],
      flagged: true,
    });
    expect((await deadline('2026-12-25', 3)).body).toMatchObject({ due: '2026-12-30T23:59:59+08:00', flagged: false });
    const year = await admin.get('/staff/calendar/2027');
    expect(year.status).toBe(200);
    expect(year.body).toEqual({ year: 2027, known: false, packageData: false, complete: false, note: '', updatedAt: null, updatedBy: null, days: [] });
  });

  it('shows a built-in year with the source of every day', async () => {
    const res = await admin.get('/staff/calendar/2026');
    expect(res.body).toMatchObject({ year: 2026, known: true, packageData: true, complete: false });
    expect(res.body.days).toHaveLength(33 + 6);
    expect(res.body.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'package', replaces: null });
    expect(res.body.days).toContainEqual({ date: '2026-04-05', kind: 'holiday', name: '清明节', source: 'package', replaces: null });
  });

  it('lets an admin enter that year: the flag goes off and the answer changes', async () => {
    const changed: unknown[] = [];
    const off = server.app.get(EventBus).on('calendar.changed', (e) => void changed.push(e));
    const res = await put(admin, 2027, { days: DAYS_2027, complete: true, note: '国办发明电〔2026〕号（示例）' });
    off();
    expect(res.status).toBe(200);
    expect(changed).toEqual([{ year: 2027, complete: true }]);
    expect(res.body).toMatchObject({ year: 2027, known: true, packageData: false, complete: true, note: '国办发明电〔2026〕号（示例）', updatedBy: 'root' });
    expect(res.body.days).toHaveLength(DAYS_2027.length);
    expect(res.body.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'staff', replaces: null });

    const after = await deadline('2026-12-30', 3);
    expect(after.body).toEqual({
      from: '2026-12-30',
      workingDays: 3,
      due: '2027-01-05T23:59:59+08:00',
      skipped: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-02', name: '周六' },
        { date: '2027-01-03', name: '周日' },
      ],
      flagged: false,
    });
    // 10-01 … 10-07 off, Saturday 10-09 a make-up day.
    expect((await deadline('2027-09-30', 3)).body).toMatchObject({ due: '2027-10-11T23:59:59+08:00', flagged: false });
    expect((await admin.get('/staff/calendar/2027')).body).toEqual(res.body);

    const audit = await admin.get('/staff/audit?entityType=calendar_year&entityId=2027');
    expect(audit.body.items[0]).toMatchObject({
      action: 'calendar_year.replace',
      actorUsername: 'root',
      before: { complete: false, days: [] },
      after: { complete: true, days: DAYS_2027 },
    });
  });

  it('replaces the staff entries of a year as a whole, and they win over the package', async () => {
    // Cancel 2026's make-up Saturday 10-10 (a correction) and add 10-08 as a day off.
    const corrected = await put(admin, 2026, {
      days: [
        { date: '2026-10-10', kind: 'holiday', name: '周六' },
        { date: '2026-10-08', kind: 'holiday', name: '国庆节（更正）' },
      ],
      complete: false,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.known).toBe(true);
    expect(corrected.body.days).toContainEqual({ date: '2026-10-10', kind: 'holiday', name: '周六', source: 'staff', replaces: { kind: 'workday', name: '国庆节' } });
    expect((await deadline('2026-09-30', 3)).body).toMatchObject({ due: '2026-10-13T23:59:59+08:00', flagged: false });

    // The next PUT replaces those entries: 10-08 is gone, 10-10 keeps its correction.
    await put(admin, 2026, { days: [{ date: '2026-10-10', kind: 'holiday', name: '周六' }], complete: false });
    expect((await deadline('2026-09-30', 3)).body.due).toBe('2026-10-12T23:59:59+08:00');
    // An empty list gives the package back; 2027 is untouched.
    await put(admin, 2026, { days: [], complete: false });
    expect((await deadline('2026-09-30', 3)).body.due).toBe('2026-10-10T23:59:59+08:00');
    expect((await admin.get('/staff/calendar/2027')).body.days).toHaveLength(DAYS_2027.length);
  });

  it('validates the year and the days', async () => {
    const outside = await put(admin, 2027, { days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }], complete: true });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toEqual([{ field: 'days.0.date', message: '日期须在 2027 年内：2026-10-01' }]);
    const twice = await put(admin, 2027, { days: [DAYS_2027[0], DAYS_2027[0]], complete: true });
    expect(twice.body.details).toEqual([{ field: 'days.1.date', message: '日期重复：2027-01-01' }]);
    const bad = await put(admin, 2027, { days: [{ date: '2027-02-30', kind: 'rest', name: ' ' }], complete: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['complete', 'days.0.date', 'days.0.kind', 'days.0.name']);
    expect((await put(admin, 2027, { complete: true })).body.details).toEqual([{ field: 'days', message: 'days 须为列表' }]);
    for (const year of ['abc', '1999', '2100', '20270']) {
      const res = await admin.get(`/staff/calendar/${year}`);
      expect([year, res.status, res.body.details]).toEqual([year, 400, [{ field: 'year', message: '年份须为 2000–2099 之间的四位数字' }]]);
    }
    // Nothing of the refused requests was stored.
    expect((await admin.get('/staff/calendar/2027')).body.days).toHaveLength(DAYS_2027.length);
  });

  it('is for admins: other staff get 403, no token 401; the calculator needs none', async () => {
    expect((await editor.get('/staff/calendar/2027')).status).toBe(403);
    const refused = await put(editor, 2027, { days: [], complete: false });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const anonymous = await anon.get('/staff/calendar/2027');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await put(anon, 2027, { days: [], complete: false })).status).toBe(401);
    expect((await admin.get('/staff/calendar/2027')).body.complete).toBe(true);
    expect((await editor.get('/calendar/deadline?from=2026-09-30&workingDays=3')).status).toBe(200);
  });

  it('reaches another instance on the same database at its next calendar-refresh round', async () => {
    // The other instance's timer waits ten minutes: only the explicit round below brings the change.
    const other = await startServer(db, { ...ENV, PUBLIC_CACHE_POLL_MS: '600000' });
    try {
      const anonOther = new ApiClient(other.baseUrl);
      expect((await anonOther.get('/calendar/deadline?from=2027-12-30&workingDays=1')).body).toMatchObject({ due: '2027-12-31T23:59:59+08:00', flagged: false });
      await put(admin, 2027, { days: [...DAYS_2027, { date: '2027-12-31', kind: 'holiday', name: '调休' }], complete: true });
      expect((await anonOther.get('/calendar/deadline?from=2027-12-30&workingDays=1')).body).toMatchObject({ due: '2027-12-31T23:59:59+08:00', flagged: false });
      await other.tasks.run('calendar-refresh');
      // 2027-12-31 is now off; 2028 is unknown, so the answer is flagged again.
      expect((await anonOther.get('/calendar/deadline?from=2027-12-30&workingDays=1')).body).toMatchObject({
        due: '2028-01-03T23:59:59+08:00',
        skipped: [
          { date: '2027-12-31', name: '调休' },
          { date: '2028-01-01', name: '周六' },
          { date: '2028-01-02', name: '周日' },
        ],
        flagged: true,
      });
    } finally {
      await other.stop();
    }
  });
});
