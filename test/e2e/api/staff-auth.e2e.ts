import { ApiClient } from '../../support/api-client';
import { PASSWORD, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('staff sign-in', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_LOCK_SECONDS: '2', TOKEN_TTL_SECONDS: '60' });
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'AUTH00000000000001', '办公室');
    await aStaff(admin, 'wang', 'AUTH00000000000001', ['editor', 'unit_head']);
    await aStaff(admin, 'lisi', 'AUTH00000000000001', ['editor']);
    await aStaff(admin, 'zhao', 'AUTH00000000000001', ['editor']);
  });

  afterAll(() => server?.destroy());

  it('gives a bearer token that /auth/me accepts', async () => {
    const res = await anon.post('/auth/staff', { username: 'wang', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.token.split('.')).toHaveLength(3);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await anon.as(res.body.token).get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'wang', roles: ['editor', 'unit_head'], unit: { code: 'AUTH00000000000001', name: '办公室' } });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await anon.post('/auth/staff', { username: 'lisi', password: 'not-the-password' });
    const unknown = await anon.post('/auth/staff', { username: 'nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(unknown.body).toEqual(wrong.body);
    expect(await login(anon, 'lisi')).toBeTruthy(); // a success clears the account's count
  });

  it('locks an account after repeated failures, even for the right password, then lets it in again', async () => {
    for (let i = 0; i < 2; i++) expect((await anon.post('/auth/staff', { username: 'zhao', password: 'wrong-password' })).status).toBe(401);
    const third = await anon.post('/auth/staff', { username: 'zhao', password: 'wrong-password' });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('LOGIN_LOCKED');
    expect(third.body.message).toMatch(/锁定.*分钟后再试/);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await anon.post('/auth/staff', { username: 'zhao', password: PASSWORD });
    expect(right.status).toBe(429);
    server.clock.advance(2_100); // past LOGIN_LOCK_SECONDS
    expect((await anon.post('/auth/staff', { username: 'zhao', password: PASSWORD })).status).toBe(200);
  });

  it('locks an address that tries many accounts', async () => {
    let last = 0;
    for (let i = 0; i < 8; i++) last = (await anon.post('/auth/staff', { username: `guess${i}`, password: 'x' })).status;
    expect(last).toBe(429);
    const other = await anon.post('/auth/staff', { username: 'wang', password: PASSWORD });
    expect(other.status).toBe(429);
    expect(other.body.code).toBe('LOGIN_LOCKED');
    server.clock.advance(2_100); // past LOGIN_LOCK_SECONDS
  });

  it('refuses missing, malformed, forged and expired tokens with 401', async () => {
    const none = await anon.get('/auth/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    expect((await anon.as('not.a.token').get('/auth/me')).status).toBe(401);
    const token = await login(anon, 'wang');
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.from('forged-signature').toString('base64url')}`;
    expect((await anon.as(forged).get('/auth/me')).body.code).toBe('UNAUTHENTICATED');
    const { JwtService } = await import('@nestjs/jwt');
    const expired = new JwtService({ secret: server.config.auth.jwtSecret }).sign(
      { sub: '1', kind: 'staff' },
      { expiresIn: -10, issuer: 'gongkai', algorithm: 'HS256' },
    );
    const res = await anon.as(expired).get('/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
  });

  it('stops a deactivated account at once, token or not', async () => {
    const token = await login(anon, 'lisi');
    const accounts = (await admin.get('/staff/accounts')).body as { id: number; username: string }[];
    const lisi = accounts.find((a) => a.username === 'lisi')!;
    expect((await admin.patch(`/staff/accounts/${lisi.id}`, { active: false })).status).toBe(200);
    expect((await anon.as(token).get('/auth/me')).status).toBe(401);
    expect((await anon.post('/auth/staff', { username: 'lisi', password: PASSWORD })).status).toBe(401);
  });

  it('lets only admins manage accounts and never shows password hashes', async () => {
    const wang = anon.as(await login(anon, 'wang'));
    const denied = await wang.post('/staff/accounts', { username: 'sneaky', displayName: 'x', password: 'long-enough-pass', unitCode: 'AUTH00000000000001', roles: ['admin'] });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const list = await admin.get('/staff/accounts');
    expect(list.text).not.toMatch(/argon2|passwordHash/);
    const taken = await admin.post('/staff/accounts', { username: 'wang', displayName: 'x', password: 'long-enough-pass', unitCode: 'AUTH00000000000001', roles: ['editor'] });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('USERNAME_TAKEN');
    const weak = await admin.post('/staff/accounts', { username: 'new1', displayName: 'x', password: 'short', unitCode: 'NOPE', roles: ['boss'] });
    expect(weak.status).toBe(400);
    expect(weak.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'roles']);
    const audit = await admin.get('/staff/audit?entityType=staff_account');
    expect(audit.text).not.toMatch(/argon2/);
    expect(audit.body.items.some((e: { action: string }) => e.action === 'staff_account.update')).toBe(true);
  });

  it('records sign-ins in the audit log', async () => {
    const audit = await admin.get('/staff/audit?entityType=staff_account&limit=50');
    const logins = audit.body.items.filter((e: { action: string }) => e.action === 'auth.staff_login');
    expect(logins.length).toBeGreaterThan(3);
    expect(logins[0]).toMatchObject({ actorUsername: expect.any(String), ip: expect.any(String), createdAt: expect.any(String) });
  });

  // Last: moving the clock past TOKEN_TTL_SECONDS ends every session of this file, the admin's too.
  it('ends a token when the clock passes its lifetime (TOKEN_TTL_SECONDS 60), and says so', async () => {
    const signedAt = server.clock.nowMs();
    const res = await anon.post('/auth/staff', { username: 'wang', password: PASSWORD });
    expect(res.status).toBe(200);
    // expiresAt is the token's own exp: 60 s after it was signed, on the server's clock.
    const ttl = Date.parse(res.body.expiresAt) - signedAt;
    expect(ttl).toBeGreaterThan(58_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
    const wang = anon.as(res.body.token);

    server.clock.advance(55_000);
    expect((await wang.get('/auth/me')).status).toBe(200);

    server.clock.advance(6_000); // 61 s after signing: past its lifetime
    const expired = await wang.get('/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    expect((await admin.get('/staff/accounts')).body.code).toBe('TOKEN_EXPIRED');
  });
});
