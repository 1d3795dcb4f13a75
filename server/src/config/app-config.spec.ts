import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gongkai-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs embedded with no configuration: SQLite in data/, port 3000, demo on, a persisted JWT secret', () => {
    const config = loadConfig({}, dir);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'data', 'gongkai.sqlite') });
    expect(config.demo.enabled).toBe(true);
    expect(config.auth.jwtSecret).toBe(readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8'));
    expect(loadConfig({}, dir).auth.jwtSecret).toBe(config.auth.jwtSecret);
  });

  it('uses MySQL from DATABASE_URL, demo off, and then needs JWT_SECRET', () => {
    const env = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/gongkai', DATA_DIR: dir };
    expect(() => loadConfig(env, dir)).toThrow(/JWT_SECRET is required/);
    const config = loadConfig({ ...env, JWT_SECRET: 'x'.repeat(32) }, dir);
    expect(config.database).toMatchObject({ type: 'mysql', url: env.DATABASE_URL });
    expect(config.demo.enabled).toBe(false);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['PORT', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL must start with mysql:\/\//],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost' }, /DATABASE_URL must name a database/],
    ['JWT_SECRET', { JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    ['DEMO_DATA', { DEMO_DATA: 'maybe' }, /DEMO_DATA must be true or false/],
    ['DEMO_STAFF_PASSWORD', { DEMO_STAFF_PASSWORD: '123' }, /DEMO_STAFF_PASSWORD must be at least 8/],
  ])('stops on a bad %s with a message naming it', (variable, env, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir, ...env }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(message);
  });
});
