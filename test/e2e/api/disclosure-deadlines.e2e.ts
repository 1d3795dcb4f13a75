import { SettableClock } from '../../../server/src/common/clock/clock';
import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { DisclosureRequest } from '../../../server/src/disclosure/entities/disclosure-request.entity';
import { ApiClient } from '../../support/api-client';
import { aStaff, bootstrapAdmin, login } from '../../support/builders';
import { entered, staffView, step } from '../../support/disclosure-staff-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const TASK = 'disclosure-deadlines';

/**
 * The deadline task on the 2026 official calendar (中秋 Friday 25 September off; 国庆 1–7 October
 * off; Sunday 20 September and Saturday 10 October make-up working days): a 补正 not supplied by
 * its day closes the request as 其他处理 / 逾期不补正; staff are warned once when a request is due
 * within 3 working days and once when it is overdue. Starts on Friday 18 September 2026; each test
 * moves the clock and runs a round itself (the timer's pause is an hour).
 */
describe('disclosure deadlines', () => {
  const clock = new SettableClock(new Date('2026-09-18T10:00:00+08:00'));
  let server: TestServer;
  let handler: ApiClient;
  const sweep = () => server.tasks.run(TASK);
  const row = (id: number) => server.dataSource.getRepository(DisclosureRequest).findOneByOrFail({ id });
  const warnings = (id: number) => server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'disclosure_request', entityId: String(id) }, order: { id: 'ASC' } }).then((rows) => rows.map((r) => r.action).filter((a) => a.startsWith('disclosure.warning_')));

  beforeAll(async () => {
    server = await startTestServer({ SCHEDULE_POLL_MS: '3600000', TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, clock);
    const { admin, unitCode } = await bootstrapAdmin(server);
    handler = await aStaff(admin, 'dh1', unitCode, ['disclosure_handler']);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('a 补正 not supplied by Thursday 15 October closes the request on the 16th as 逾期不补正', async () => {
    clock.set(new Date('2026-09-18T10:00:00+08:00'));
    const req = await entered(handler);
    const asked = await step(handler, req.id, 'supplement-request', { text: '请补充身份证明' });
    expect(asked.body.supplement.dueDate).toBe('2026-10-15');

    clock.set(new Date('2026-10-15T23:00:00+08:00'));
    await sweep();
    expect((await staffView(handler, req.id)).status).toBe('supplement_requested');

    clock.set(new Date('2026-10-16T00:30:00+08:00'));
    await sweep();
    const closed = await staffView(handler, req.id);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'other_no_supplement', staffActions: [] });
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'supplement_lapsed', label: '逾期未补正', text: '未在 2026年10月15日 前补正，视为放弃申请（其他处理：逾期不补正）', by: null });
    // A second round changes nothing.
    const version = closed.version;
    await sweep();
    expect((await staffView(handler, req.id)).version).toBe(version);
  });

  it('warns once when due within 3 working days and once when overdue', async () => {
    // Received Monday 14 September by post: due Friday 16 October.
    clock.set(new Date('2026-09-18T10:00:00+08:00'));
    const req = await entered(handler);
    expect((await row(req.id)).dueDate).toBe('2026-10-16');

    // Friday 9 October: the third working day after is Tuesday 13 October: not yet.
    clock.set(new Date('2026-10-09T09:00:00+08:00'));
    await sweep();
    expect((await row(req.id)).lastWarning).toBeNull();

    // Monday 12 October: 13, 14, 15 October are the next three working days; the 16th is not among them.
    clock.set(new Date('2026-10-12T09:00:00+08:00'));
    await sweep();
    expect((await row(req.id)).lastWarning).toBeNull();

    // Tuesday 13 October: due within 3 working days (14, 15, 16 October).
    clock.set(new Date('2026-10-13T09:00:00+08:00'));
    await sweep();
    await sweep();
    expect((await row(req.id)).lastWarning).toBe('due_soon');
    expect(await warnings(req.id)).toEqual(['disclosure.warning_due_soon']);
    const alerts = await handler.get('/staff/disclosure/alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body.dueSoon).toBeGreaterThanOrEqual(1);

    // Monday 19 October, the first working day after the due day.
    clock.set(new Date('2026-10-19T09:00:00+08:00'));
    // Signed in on 18 September, the session has run out: sign in again, as on a new morning.
    handler = handler.as(await login(new ApiClient(server.baseUrl), 'dh1'));
    await sweep();
    await sweep();
    expect((await row(req.id)).lastWarning).toBe('overdue');
    expect(await warnings(req.id)).toEqual(['disclosure.warning_due_soon', 'disclosure.warning_overdue']);
    const view = await staffView(handler, req.id);
    expect(view.deadline).toMatchObject({ dueDate: '2026-10-16', overdue: true, remainingWorkingDays: -1 });
  });
});
