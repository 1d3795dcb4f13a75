import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { PASSWORD, aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { download, png, submitted, upload } from '../../support/inquiry-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const NEW_PASSWORD = 'a-brand-new-password';

/** A password change, deactivation or role change ends the account's older sessions, on every route that takes a staff token. */
describe('staff sessions after a password change', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let bureau: string;
  let photoUrl: string;

  const accountId = async (username: string) => ((await admin.get('/staff/accounts')).body as { id: number; username: string }[]).find((a) => a.username === username)!.id;
  const me = async (token: string) => (await anon.as(token).get('/auth/me')).status;
  const photo = async (token: string) => (await download(anon.as(token), photoUrl)).status;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '60' });
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    for (const name of ['reset', 'self', 'guess', 'roles']) await aStaff(admin, name, bureau, ['inquiry_handler']);
    // A parent's inquiry with a photo, sent to the bureau (the intake unit), so its handlers may see the photo.
    const parent = await aParent(anon, wechat, { openid: 'o-sessions' });
    const uploaded = await upload(parent, png(4, 3), 'photo.png', 'image/png');
    expect(uploaded.status).toBe(201);
    await submitted(parent, { photoIds: [uploaded.body.id] });
    photoUrl = `/api/v1/inquiries/photos/${uploaded.body.id}`;
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('refuses the old token everywhere after an admin resets the password; a new sign-in works', async () => {
    const old = await login(anon, 'reset');
    expect(await me(old)).toBe(200);
    expect(await photo(old)).toBe(200);

    expect((await admin.patch(`/staff/accounts/${await accountId('reset')}`, { password: NEW_PASSWORD })).status).toBe(200);
    const refused = await anon.as(old).get('/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: '密码或账号信息已变更，请重新登录' });
    expect(await photo(old)).toBe(401);
    expect((await anon.post('/auth/staff', { username: 'reset', password: PASSWORD })).status).toBe(401);

    const fresh = await login(anon, 'reset', NEW_PASSWORD);
    expect(await me(fresh)).toBe(200);
    expect(await photo(fresh)).toBe(200);
  });

  it('ends the sessions of an account whose roles change, but not when only its name changes', async () => {
    const token = await login(anon, 'roles');
    const id = await accountId('roles');
    expect((await admin.patch(`/staff/accounts/${id}`, { displayName: '改名' })).status).toBe(200);
    expect(await me(token)).toBe(200);
    expect((await admin.patch(`/staff/accounts/${id}`, { roles: ['inquiry_handler', 'editor'] })).status).toBe(200);
    expect(await me(token)).toBe(401);
    expect(await me(await login(anon, 'roles'))).toBe(200);
  });

  it('lets a staff member change their own password: other sessions end, the caller gets a fresh token', async () => {
    const phone = await login(anon, 'self');
    const desk = await login(anon, 'self');
    const res = await anon.as(desk).post('/auth/staff/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.token.split('.')).toHaveLength(3);

    expect(await me(phone)).toBe(401);
    expect(await me(desk)).toBe(401);
    expect(await photo(phone)).toBe(401);
    expect(await me(res.body.token)).toBe(200);
    expect(await photo(res.body.token)).toBe(200);
    expect((await anon.post('/auth/staff', { username: 'self', password: PASSWORD })).status).toBe(401);
    expect(await me(await login(anon, 'self', NEW_PASSWORD))).toBe(200);

    const audit = await admin.get(`/staff/audit?entityType=staff_account&entityId=${await accountId('self')}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'auth.staff_password_change')).toEqual([
      expect.objectContaining({ actorUsername: 'self', action: 'auth.staff_password_change' }),
    ]);
    expect(audit.text).not.toMatch(/argon2|a-brand-new-password|correct-horse/);
  });

  it('refuses a new password that breaks the account rules, and a missing current password', async () => {
    const client = anon.as(await login(anon, 'reset', NEW_PASSWORD));
    const short = await client.post('/auth/staff/password', { currentPassword: NEW_PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([{ field: 'newPassword', message: '新密码至少 10 位' }]);
    const missing = await client.post('/auth/staff/password', { newPassword: 'long-enough-password' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'currentPassword', message: '请输入当前密码' }]);
    const same = await client.post('/auth/staff/password', { currentPassword: NEW_PASSWORD, newPassword: NEW_PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.details).toEqual([{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
    expect((await client.get('/auth/me')).status).toBe(200);
  });

  it('counts wrong current passwords with the sign-in lockout, without ending the session', async () => {
    const client = anon.as(await login(anon, 'guess'));
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await client.post('/auth/staff/password', { currentPassword: `wrong-${i}`, newPassword: NEW_PASSWORD });
      statuses.push(res.status);
      codes.push(res.body.code);
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    expect(codes).toEqual(['CURRENT_PASSWORD_WRONG', 'CURRENT_PASSWORD_WRONG', 'LOGIN_LOCKED', 'LOGIN_LOCKED']);
    // The right current password waits out the lock too, as does signing in.
    expect((await client.post('/auth/staff/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(429);
    expect((await anon.post('/auth/staff', { username: 'guess', password: PASSWORD })).status).toBe(429);
    expect((await client.get('/auth/me')).status).toBe(200);

    server.clock.advance(61_000);
    const changed = await client.post('/auth/staff/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
  });
});
