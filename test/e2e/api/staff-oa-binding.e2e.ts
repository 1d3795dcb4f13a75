import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { OaBindThrottle } from '../../../server/src/wechat/official-account/entities/oa-bind-throttle.entity';
import { StaffOaBindings } from '../../../server/src/wechat/official-account/staff-oa-bindings.service';
import type { ApiClient } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { OaCallbackClient } from '../../support/oa-callback';
import { startTestServer, type TestServer } from '../../support/test-server';

const TOKEN = 'gongkaiOaToken2';

/** Staff link themselves to the official account (绑定 + code), so deadline reminders can reach them there. */
describe('staff linking the official account for reminders', () => {
  let server: TestServer;
  let handler: ApiClient;
  let colleague: ApiClient;
  let oa: OaCallbackClient;

  beforeAll(async () => {
    server = await startTestServer({ WECHAT_OA_TOKEN: TOKEN });
    const { admin, unitCode } = await bootstrapAdmin(server);
    handler = await aStaff(admin, 'oa-handler', unitCode, ['inquiry_handler']);
    colleague = await aStaff(admin, 'oa-colleague', unitCode, ['inquiry_handler']);
    oa = new OaCallbackClient(server.baseUrl, TOKEN, undefined, server.clock);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('links the follower who sends a fresh code, once, and tells them so', async () => {
    expect((await handler.get('/staff/me/oa-binding')).body).toMatchObject({ bound: false, code: null });
    const issued = await handler.post('/staff/me/oa-binding', {});
    expect(issued.status).toBe(200);
    expect(issued.body.code).toMatch(/^\d{6}$/);
    expect(issued.body.instruction).toContain(`绑定 ${issued.body.code}`);

    expect(await oa.text('o-staff-1', `绑定 ${issued.body.code}`)).toContain('已绑定工作人员账号');
    const view = (await handler.get('/staff/me/oa-binding')).body;
    expect(view).toMatchObject({ bound: true, code: null });
    const links = await server.app.get(StaffOaBindings).openids([(await handler.get('/auth/me')).body.id]);
    expect([...links.values()]).toEqual(['o-staff-1']);
    // The code is spent: sending it again (or from someone else) links nothing.
    expect(await oa.text('o-stranger', `绑定${issued.body.code}`)).toContain('无效或已过期');
    expect(await server.dataSource.getRepository(AuditLog).countBy({ action: 'staff.oa_bind' })).toBe(1);
  });

  it('refuses a code after its 10 minutes or an unknown one, and leaves other text to the keyword replies', async () => {
    const issued = (await colleague.post('/staff/me/oa-binding', {})).body;
    server.clock.advance(9 * 60_000);
    expect((await colleague.get('/staff/me/oa-binding')).body.code).toBe(issued.code);
    server.clock.advance(60_000 + 1000);
    expect((await colleague.get('/staff/me/oa-binding')).body.code).toBeNull();
    expect(await oa.text('o-staff-2', `绑定 ${issued.code}`)).toContain('无效或已过期');
    expect(await oa.text('o-staff-2', '绑定 000000')).toContain('无效或已过期');
    expect(await oa.text('o-staff-2', '你好')).toBeNull();
    expect((await colleague.get('/staff/me/oa-binding')).body.bound).toBe(false);
  });

  it('moves a follower to the account that links it last, and unlinks on request', async () => {
    const code = (await colleague.post('/staff/me/oa-binding', {})).body.code;
    expect(await oa.text('o-staff-1', `绑定 ${code}`)).toContain('oa-colleague');
    expect((await handler.get('/staff/me/oa-binding')).body.bound).toBe(false);
    expect((await colleague.get('/staff/me/oa-binding')).body.bound).toBe(true);
    const off = await colleague.delete('/staff/me/oa-binding');
    expect(off.status).toBe(200);
    expect(off.body.bound).toBe(false);
    expect(await server.dataSource.getRepository(AuditLog).countBy({ action: 'staff.oa_unbind' })).toBe(1);
  });

  it('lets one follower send at most 5 wrong codes an hour, however many arrive at once, then makes it wait', async () => {
    // Twelve guesses at the same moment (none of them a code in use: all codes issued so far are spent or expired).
    const guesses = Array.from({ length: 12 }, (_, i) => oa.text('o-guesser', `绑定 ${String(900_000 + i)}`));
    const replies = (await Promise.all(guesses)).map((r) => r ?? '');
    expect(replies.filter((r) => r.includes('无效或已过期'))).toHaveLength(5);
    expect(replies.filter((r) => r.includes('错误次数过多'))).toHaveLength(7);
    expect(await server.dataSource.getRepository(OaBindThrottle).findOneBy({ openid: 'o-guesser' })).toMatchObject({ failures: 5 });

    // Even the right code waits until the hour is over; another follower is not held up.
    const code = (await handler.post('/staff/me/oa-binding', {})).body.code;
    expect(await oa.text('o-guesser', `绑定 ${code}`)).toMatch(/错误次数过多，请约 \d+ 分钟后再试/);
    expect((await handler.get('/staff/me/oa-binding')).body.bound).toBe(false);
    expect(await oa.text('o-other-guesser', '绑定 123450')).toContain('无效或已过期');
    server.clock.advance(60 * 60_000 + 1000);
    const fresh = (await handler.post('/staff/me/oa-binding', {})).body.code;
    expect(await oa.text('o-guesser', `绑定 ${fresh}`)).toContain('已绑定工作人员账号：');
    // The right code is not counted as a wrong one.
    expect(await server.dataSource.getRepository(OaBindThrottle).findOneBy({ openid: 'o-guesser' })).toMatchObject({ failures: 0 });
  });

  it('spends a code on the one follower that sends it first, when several send it at once', async () => {
    const code = (await colleague.post('/staff/me/oa-binding', {})).body.code;
    const senders = ['o-race-1', 'o-race-2', 'o-race-3', 'o-race-4', 'o-race-5', 'o-race-6'];
    const replies = (await Promise.all(senders.map((from) => oa.text(from, `绑定 ${code}`)))).map((r) => r ?? '');
    expect(replies.filter((r) => r.includes('已绑定'))).toHaveLength(1);
    expect(replies.filter((r) => r.includes('无效或已过期'))).toHaveLength(5);
    const winner = senders[replies.findIndex((r) => r.includes('已绑定'))]!;
    const links = await server.app.get(StaffOaBindings).openids([(await colleague.get('/auth/me')).body.id]);
    expect([...links.values()]).toEqual([winner]);
  });

  it('answers only signed-in staff', async () => {
    const anonymous = await fetch(`${server.baseUrl}/api/v1/staff/me/oa-binding`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
