import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { freshDatabase, runCli, startServer, type TestDatabase, type TestServer } from '../../support/test-server';



describe('server CLI', () => {
  let db: TestDatabase;
  let server: TestServer | undefined;

  beforeAll(async () => {
    db = await freshDatabase();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('migrates an empty database and creates the first admin, who can then sign in', async () => {
    expect((await runCli(db, ['migrate'])).stdout).toContain('migrations applied');
    const created = await runCli(db, ['create-admin', '--username', 'chief', '--unit-code', 'CLI000000000000001', '--unit-name', '测试教育局'], {
      ADMIN_PASSWORD: 'chief-password-123',
    });
    expect(created.stdout).toContain('admin chief created in 测试教育局');
    expect(created.stdout).not.toContain('chief-password-123');

    server = await startServer(db);
    const anon = new ApiClient(server.baseUrl);
    const login = await anon.post('/auth/staff', { username: 'chief', password: 'chief-password-123' });
    expect(login.status).toBe(200);
    expect((await anon.as(login.body.token).get('/auth/me')).body).toMatchObject({ roles: ['admin'], unit: { code: 'CLI000000000000001' } });
  });

  it('tells a running server of a unit it creates: the public sees it after the next cache check', async () => {
    const anon = new ApiClient(server!.baseUrl);
    expect((await anon.get('/units')).body.map((u: { code: string }) => u.code)).not.toContain('CLI000000000000002');
    await runCli(db, ['create-admin', '--username', 'branch', '--unit-code', 'CLI000000000000002', '--unit-name', '测试教育局分局'], { ADMIN_PASSWORD: 'branch-password-123' });
    await server!.tasks.run('public-cache');
    expect((await anon.get('/units')).body).toContainEqual(expect.objectContaining({ code: 'CLI000000000000002', name: '测试教育局分局' }));
  });

  it('refuses a taken username and bad arguments without changing anything', async () => {
    await expect(runCli(db, ['create-admin', '--username', 'chief', '--unit-code', 'CLI000000000000001'])).rejects.toMatchObject({ code: 65 });
    await expect(runCli(db, ['create-admin', '--username', 'X', '--unit-code', 'lower'])).rejects.toMatchObject({ code: 64 });
    await expect(runCli(db, ['create-admin', '--username', 'second', '--unit-code', 'NOSUCHUNIT'])).rejects.toMatchObject({ code: 64 });
    await expect(runCli(db, ['migrate'], { PORT: 'eighty' })).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('PORT') });
  });

  it('stops the server at boot on a bad setting, naming the variable', async () => {
    const failure = runCli(db, [], { DATABASE_URL: 'postgres://db/gongkai' }, 'server/src/main.ts');
    await expect(failure).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('DATABASE_URL must start with mysql://') });
  });
});

/** An embedded (SQLite) data directory, also in the MariaDB run: the backup command is for the embedded database. */
function sqliteData(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
  return { env: { DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('backup and restore of the embedded database', () => {
  const dirs: TestDatabase[] = [];
  const servers: TestServer[] = [];
  const data = () => {
    const d = sqliteData();
    dirs.push(d);
    return d;
  };

  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) await d.drop();
  });

  it('backs up a running server; a server started on the restored copy serves the same data', async () => {
    const live = data();
    const server = await startServer(live);
    servers.push(server);
    const { admin, anonymous, unitCode } = await bootstrapAdmin(server);
    await aUnit(admin, 'BACKUP000000000001', '备份测试科');
    const editor = await aStaff(admin, 'backup-editor', unitCode, ['editor']);
    const noticeId = await aNotice().titled('关于备份演练的通知').published().create(editor, admin);
    const notice = (await anonymous.get(`/notices/${noticeId}`)).body;
    expect(notice).toMatchObject({ title: '关于备份演练的通知', indexNo: expect.stringMatching(/^BUREAU0000000001\//) });

    const target = join(data().env.DATA_DIR!, 'gongkai-backup.sqlite');
    const made = await runCli(live, ['backup', '--to', target]);
    expect(made.stdout).toContain(`written to ${target}`);
    // A change after the backup is not in it.
    await aUnit(admin, 'AFTER0000000000001', '备份之后的科室');
    await server.stop();

    // Restore as README says: the file becomes gongkai.sqlite of a new DATA_DIR, with the same JWT_SECRET.
    const restored = data();
    copyFileSync(target, join(restored.env.DATA_DIR!, 'gongkai.sqlite'));
    const again = await startServer(restored);
    servers.push(again);
    const anon = new ApiClient(again.baseUrl);
    expect((await anon.get(`/notices/${noticeId}`)).body).toMatchObject({ id: noticeId, title: '关于备份演练的通知', indexNo: notice.indexNo });
    const units = (await anon.get('/units')).body as { code: string }[];
    const codes = JSON.stringify(units);
    expect(codes).toContain('BACKUP000000000001');
    expect(codes).not.toContain('AFTER0000000000001');
    // Staff sign in with their passwords; a token issued before the backup still works (same JWT_SECRET).
    expect((await anon.as(await login(anon, 'backup-editor')).get('/auth/me')).body).toMatchObject({ username: 'backup-editor' });
    expect((await anon.as(admin.token!).get('/auth/me')).status).toBe(200);
  });

  it('never overwrites a file, and on MySQL points to mysqldump', async () => {
    const live = data();
    const server = await startServer(live);
    servers.push(server);
    const target = join(data().env.DATA_DIR!, 'backup.sqlite');
    await runCli(live, ['backup', '--to', target]);
    await expect(runCli(live, ['backup', '--to', target])).rejects.toMatchObject({ code: 73, stderr: expect.stringContaining('already exists') });
    await expect(runCli(live, ['backup'])).rejects.toMatchObject({ code: 64 });
    expect(readdirSync(join(target, '..'))).toEqual(['backup.sqlite']);
    const mysql = runCli(live, ['backup', '--to', join(target, '..', 'other.sqlite')], { DATABASE_URL: 'mysql://root@127.0.0.1:1/gongkai' });
    await expect(mysql).rejects.toMatchObject({ code: 64, stderr: expect.stringContaining('mysqldump --single-transaction --routines') });
    expect(existsSync(join(target, '..', 'other.sqlite'))).toBe(false);
  });
});
