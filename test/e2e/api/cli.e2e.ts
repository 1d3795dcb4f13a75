import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from '../../support/api-client';
import { TEST_ENV, freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');

/** The operator's commands, run as a separate process the way a deployment runs them. */
function cli(db: TestDatabase, args: string[], env: Record<string, string> = {}, entry = 'server/src/cli.ts') {
  return run(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...TEST_ENV, ...db.env, ...env, SWC_NODE_PROJECT: join(ROOT, 'test/tsconfig.json') },
  });
}

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
    expect((await cli(db, ['migrate'])).stdout).toContain('migrations applied');
    const created = await cli(db, ['create-admin', '--username', 'chief', '--unit-code', 'CLI000000000000001', '--unit-name', '测试教育局'], {
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

  it('refuses a taken username and bad arguments without changing anything', async () => {
    await expect(cli(db, ['create-admin', '--username', 'chief', '--unit-code', 'CLI000000000000001'])).rejects.toMatchObject({ code: 65 });
    await expect(cli(db, ['create-admin', '--username', 'X', '--unit-code', 'lower'])).rejects.toMatchObject({ code: 64 });
    await expect(cli(db, ['create-admin', '--username', 'second', '--unit-code', 'NOSUCHUNIT'])).rejects.toMatchObject({ code: 64 });
    await expect(cli(db, ['migrate'], { PORT: 'eighty' })).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('PORT') });
  });

  it('stops the server at boot on a bad setting, naming the variable', async () => {
    const failure = cli(db, [], { DATABASE_URL: 'postgres://db/gongkai' }, 'server/src/main.ts');
    await expect(failure).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('DATABASE_URL must start with mysql://') });
  });
});
