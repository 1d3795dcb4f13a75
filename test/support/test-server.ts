import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app';
import { loadConfig, type AppConfig } from '../../server/src/config/app-config';
import { SettableClock } from '../../server/src/common/clock/clock';
import { PeriodicTasks } from '../../server/src/common/tasks/periodic-tasks';
import { startS3 } from './s3';

export interface TestServer {
  baseUrl: string;
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** The server's clock: `clock.advance(ms)` moves time for every rule with a window. */
  clock: SettableClock;
  /** The server's periodic work: after moving the clock, `tasks.run(name)` is the explicit round a timer would have started. */
  tasks: PeriodicTasks;
  /** Stops the server; the database stays until `destroy`. */
  stop(): Promise<void>;
  /** Stops and removes the database. */
  destroy(): Promise<void>;
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file: a SQLite file in a temp directory, or, when DATABASE_URL
 * points at MySQL/MariaDB (as CI's second run does), a new database next to the one it names.
 * Files go to DATA_DIR/files, or, with TEST_STORAGE=s3 (CI's MariaDB run), to a bucket of an S3
 * server of its own (test/support/s3.ts) that lives as long as the database.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const storage = process.env.TEST_STORAGE || 'disk';
  if (storage !== 'disk' && storage !== 's3') throw new Error(`TEST_STORAGE must be disk or s3, got ${storage}`);
  const db = await emptyDatabase();
  if (storage === 'disk') return db;
  const s3 = await startS3().catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  return {
    env: { ...db.env, ...s3.env },
    drop: async () => {
      await s3.stop();
      await db.drop();
    },
  };
}

async function emptyDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      const c = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_ENV: Record<string, string> = {
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  DEMO_DATA: 'false',
  LOGIN_SLOWDOWN_MS: '0',
  LOG_JSON: 'false',
  // Fixed keys so a test can restart a server on the same database (the embedded default generates them into DATA_DIR).
  DATA_KEYS: JSON.stringify({ t1: Buffer.alloc(32, 1).toString('base64') }),
  DATA_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  PRIVACY_CONTROLLER: '测试县教育局',
  PRIVACY_CONTACT: '测试县教育局办公室 0536-0000000',
  // H5_DIR=miniprogram/dist/h5-<name> npx jest …: the browser tests against a build of one's own.
  ...(process.env.H5_DIR ? { H5_DIR: process.env.H5_DIR } : {}),
};

/** Boots the real application (real pipes, filters, migrations) listening on a free port. */
export async function startServer(db: TestDatabase, env: Record<string, string> = {}, clock = new SettableClock()): Promise<TestServer> {
  const config = loadConfig({ ...TEST_ENV, ...db.env, ...env });
  const app = await createApp(config, { logLevels: ['error', 'fatal'], clock });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close(); // stop its timers and pool, or jest waits on them
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    config,
    dataSource: app.get(DataSource),
    clock,
    tasks: app.get(PeriodicTasks),
    stop,
    destroy: async () => {
      await stop();
      await db.drop();
    },
  };
}

export async function startTestServer(env: Record<string, string> = {}, clock?: SettableClock): Promise<TestServer> {
  return startServer(await freshDatabase(), env, clock);
}

/** The operator's commands (server/src/cli.ts, or `entry`), run as a separate process the way a deployment runs them, on `db`. */
export function runCli(db: TestDatabase, args: string[], env: Record<string, string> = {}, entry = 'server/src/cli.ts'): Promise<{ stdout: string; stderr: string }> {
  const root = join(__dirname, '../..');
  return promisify(execFile)(process.execPath, ['-r', '@swc-node/register', join(root, entry), ...args], {
    cwd: root,
    env: { ...process.env, ...TEST_ENV, ...db.env, ...env, SWC_NODE_PROJECT: join(root, 'test/tsconfig.json') },
  });
}
