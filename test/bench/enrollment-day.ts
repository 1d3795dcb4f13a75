import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PRIVACY_NOTICE, type PushFieldType } from '@gongkai/shared';
import { Pool } from 'undici';
import { StaffAccount } from '../../server/src/identity/entities/staff-account.entity';
import { Unit } from '../../server/src/identity/entities/unit.entity';
import { hashPassword } from '../../server/src/identity/password';
import { cpuSeconds, freePort, httpGet, spawnChild, waitFor200, type ManagedChild } from '../support/processes';
import { zoningXlsx } from '../support/zoning-files';
import { BENCH_UNITS, prng } from './content';
import type { EnrollmentWechatOptions } from './enrollment-wechat-child';
import { LongTail, PARENT_QUERIES } from './search';
import { seedNotices, withMigratedDatabase } from './seed';
import { seedSubscribedParents } from './push';
import type { BenchServerContext } from './server-context';
import { syntheticCounty } from './zoning';

/**
 * 招生日 (issue 20, item 6): two built server instances on one MariaDB, rate-limit counters shared
 * in Redis, the push worker on in both, the fake WeChat in its own process. Staff publish the year's
 * 划片 notice (ZSKS, topic 义务教育划片, the zoning table attached) through the review chain over
 * HTTP, each step by another person and on alternating instances; the category's automatic push
 * fans out to every subscribed parent. From the moment it is published a ramp of parents (undici,
 * keep-alive, split at random over both instances, each request from one of a pool of client
 * addresses in X-Forwarded-For, TRUST_PROXY=loopback as behind a load balancer) opens the notice
 * (API and /gk/ page), lists notices, searches and looks up zoning, in steps of more connections
 * up to bursts past the machine's capacity; one abusive address probes 学区查询 with places not in
 * the table (each miss counts against RATE_LIMIT_SEARCH_MAX) to show the per-address limit holds
 * across both instances; staff keep working at a low rate. Reported:
 * per route requests, p50/p99 and non-2xx split (429, 4xx, 5xx, socket), per step, the push's
 * completion, and each process's CPU. MariaDB only: two instances on one SQLite file are not the
 * production shape.
 */
const ROOT = resolve(__dirname, '../..');
const RESULTS_DIR = join(__dirname, 'results');
const TEMPLATE_ID = 'SUB_NOTICE';
const FIELDS: Record<string, PushFieldType> = { thing1: 'thing', date2: 'date', thing3: 'thing' };
const MAPPING = { thing1: 'title', date2: 'publishedAt', thing3: 'unitName' };
const CATEGORY = 'ZSKS';
const PREFIX = 'ep';
const PASSWORD = 'bench-password-0123';
const YEAR = 2026;
const TITLE = `${YEAR}年城区义务教育学校划片招生方案`;
/** 基础教育科 writes and heads the notice (and takes the inquiries); 办公室 holds the bureau-wide steps. */
const [OFFICE, BASIC] = [BENCH_UNITS[0]!, BENCH_UNITS[1]!];
/** The production default (README: RATE_LIMIT_SEARCH_MAX): the bench does not change it. */
const SEARCH_LIMIT = 300;
const WINDOW_SECONDS = 60;
const ABUSER_IP = '198.51.100.7';
const INQUIRIES = 8;

export function enrollmentSettingsFromEnv(num: (name: string, fallback: number, min: number) => number) {
  const rawSteps = process.env.BENCH_ENROLL_STEPS?.trim() || '16,32,64,128,256';
  const steps = rawSteps.split(',').map((x) => Number(x.trim()));
  if (!steps.length || steps.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_ENROLL_STEPS must be whole numbers ≥ 1, comma-separated, got "${rawSteps}"`);
  return {
    /** The ramp's whole length; each step gets an equal share. */
    seconds: num('BENCH_ENROLL_SECONDS', 60, 5),
    /** Parents' connections (requests in flight) per step of the ramp. */
    steps,
    notices: Math.round(num('BENCH_ENROLL_NOTICES', 20_000, 100)),
    parents: Math.round(num('BENCH_ENROLL_PARENTS', 100_000, 100)),
    /** Client addresses the parents' requests come from (X-Forwarded-For). */
    addresses: Math.round(num('BENCH_ENROLL_ADDRESSES', 20_000, 100)),
    /** Pause between two staff actions. */
    staffMs: num('BENCH_ENROLL_STAFF_MS', 500, 20),
    /** PUSH_CONCURRENCY of each instance. */
    pushConcurrency: Math.round(num('BENCH_ENROLL_PUSH_CONCURRENCY', 64, 1)),
    /** PUSH_RATE_PER_SECOND (shared by the instances): unbounded by default, to see how fast the fan-out can go under load. */
    pushRate: Math.round(num('BENCH_ENROLL_PUSH_RATE', 100_000, 1)),
    pushLatencyMs: num('BENCH_PUSH_LATENCY_MS', 20, 0),
    /** Give up waiting for the fan-out this long after the ramp ended. */
    pushTimeoutSeconds: num('BENCH_ENROLL_PUSH_TIMEOUT_SECONDS', 180, 10),
  };
}
export type EnrollmentSettings = ReturnType<typeof enrollmentSettingsFromEnv>;

export interface EnrollmentContext extends BenchServerContext {
  /** The MariaDB database's URL (also in dbEnv.DATABASE_URL). */
  databaseUrl: string;
  settings: EnrollmentSettings;
}

export interface RouteResult {
  route: string;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  r429: number;
  r4xx: number;
  r5xx: number;
  socket: number;
  /** A few answers that were not 2xx (status and the start of the body, or the socket error). */
  samples: string[];
}

export interface StepResult extends RouteResult {
  connections: number;
  seconds: number;
  reqPerSec: number;
  /** CPU seconds in the step: the two instances together, and the bench process (the load generator). */
  instancesCpuS?: number | null;
  generatorCpuS?: number | null;
}

interface CpuWindow {
  wallS: number;
  instances: (number | null)[];
  generator: number | null;
  fake: number | null;
  mariadb: number | null;
}

export interface EnrollmentReport {
  label: string;
  settings?: EnrollmentSettings;
  seedMs?: number;
  serverStartMs?: number[];
  searchWarmMs?: number[];
  zoningRules?: number;
  /** From the editor's submit to the publisher's answer. */
  chainMs?: number;
  loadBefore?: number;
  steps?: StepResult[];
  routes?: RouteResult[];
  staff?: RouteResult[];
  abuser?: RouteResult & { seconds: number };
  push?: {
    campaignId: number | null;
    /** Publish answer → campaign row visible. */
    campaignAfterMs: number | null;
    delivered: number;
    unique: number;
    foreign: number;
    /** Publish answer → first / last message accepted by the fake. */
    firstAfterMs: number | null;
    lastAfterMs: number | null;
    /** First → last message accepted. */
    spanMs: number | null;
    perSecond: number | null;
    byStatus: Record<string, number> | null;
    liveWorkers: number | null;
  };
  cpu?: { ramp: CpuWindow; whole: CpuWindow };
  problems?: string[];
  notes: string[];
  error?: string;
}

/* ---------- plumbing ---------- */

interface Answer {
  status: number;
  body: any;
  text: string;
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, text };
}

async function must(what: string, expected: number, answer: Promise<Answer>): Promise<any> {
  const a = await answer;
  if (a.status !== expected) throw new Error(`${what}: ${a.status} ${a.text.slice(0, 400)}`);
  return a.body;
}

/** Latencies and outcomes of one route (or one step). */
class Tally {
  readonly lat: number[] = [];
  ok = 0;
  r429 = 0;
  r4xx = 0;
  r5xx = 0;
  socket = 0;
  readonly samples: string[] = [];

  add(status: number, ms: number, sample?: () => string): void {
    this.lat.push(ms);
    if (status >= 200 && status < 400) this.ok++;
    else if (status === 429) this.r429++;
    else if (status >= 500) this.r5xx++;
    else if (status >= 400) this.r4xx++;
    else this.socket++;
    if ((status < 200 || status >= 400) && this.samples.length < 4 && sample) this.samples.push(sample());
  }

  result(route: string): RouteResult {
    const sorted = Float64Array.from(this.lat).sort();
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0);
    return {
      route,
      requests: this.lat.length,
      p50: at(0.5),
      p99: at(0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : 0,
      ok: this.ok,
      r429: this.r429,
      r4xx: this.r4xx,
      r5xx: this.r5xx,
      socket: this.socket,
      samples: this.samples,
    };
  }
}

async function childReady(child: ManagedChild, timeoutMs: number): Promise<{ url: string; appid: string; secret: string }> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    for (const line of child.tail().split('\n')) {
      if (!line.startsWith('{"fakeReady"')) continue;
      const o = JSON.parse(line) as { fakeReady: string; appid: string; secret: string };
      return { url: o.fakeReady, appid: o.appid, secret: o.secret };
    }
    if (child.process.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`fake WeChat did not start\n${child.tail()}`);
}

/** The database server's pid, to read its CPU from /proc like the instances'; null if not on this machine. */
function mariadbPid(): number | null {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = Number(execFileSync('pgrep', ['-x', '-o', name], { encoding: 'utf8' }).trim());
      if (pid > 0) return pid;
    } catch {
      /* not running under this name */
    }
  }
  return null;
}

/* ---------- seeding ---------- */

interface Staff {
  admin: string;
  editor: string;
  head: string;
  secrecy: string;
  leader: string;
  publisher: string;
}
const STAFF: Record<keyof Staff, { username: string; unit: string; roles: string[]; name: string }> = {
  admin: { username: 'enroll-admin', unit: OFFICE.code, roles: ['admin'], name: '管理员' },
  editor: { username: 'enroll-editor', unit: BASIC.code, roles: ['editor'], name: '基础教育科信息员' },
  head: { username: 'enroll-head', unit: BASIC.code, roles: ['unit_head'], name: '基础教育科科长' },
  secrecy: { username: 'enroll-secrecy', unit: OFFICE.code, roles: ['secrecy_reviewer'], name: '保密审查员' },
  leader: { username: 'enroll-leader', unit: OFFICE.code, roles: ['leader'], name: '分管领导' },
  publisher: { username: 'enroll-publisher', unit: OFFICE.code, roles: ['publisher'], name: '信息发布中心' },
};

/** Notices, the staff (the one thing made below the API, as a real installation's first accounts), and the subscribed parents. */
async function seed(ctx: EnrollmentContext): Promise<number> {
  const started = performance.now();
  const s = ctx.settings;
  await withMigratedDatabase(ctx, async (ds) => {
    await seedNotices(ds, s.notices);
    const units = new Map((await ds.getRepository(Unit).find()).map((u) => [u.code, u.id]));
    const hash = await hashPassword(PASSWORD);
    for (const a of Object.values(STAFF)) {
      await ds.getRepository(StaffAccount).save(Object.assign(new StaffAccount(), { username: a.username, displayName: a.name, passwordHash: hash, unitId: units.get(a.unit)!, roles: a.roles, active: true }));
    }
    // The subscribed parents, as the push part seeds them: openid, a ZSKS subscription, one subscribe quota each.
    await seedSubscribedParents(ds, { count: s.parents, prefix: PREFIX, category: CATEGORY, templateId: TEMPLATE_ID });
  });
  return performance.now() - started;
}

/* ---------- the parents' load ---------- */

interface LoadRoute {
  name: string;
  weight: number;
  next: () => string;
  tally: Tally;
}

const address = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Runs the ramp: each step starts `connections` lanes that send until the step's end. */
async function ramp(
  pools: Pool[],
  routes: LoadRoute[],
  s: EnrollmentSettings,
  stepMs: number,
  onStep: (i: number) => void,
): Promise<StepResult[]> {
  const rand = prng(20_260_620);
  const total = routes.reduce((n, r) => n + r.weight, 0);
  const pick = (): LoadRoute => {
    let x = rand() * total;
    for (const r of routes) if ((x -= r.weight) < 0) return r;
    return routes[routes.length - 1]!;
  };
  const steps: StepResult[] = [];
  for (const [i, connections] of s.steps.entries()) {
    onStep(i);
    const tally = new Tally();
    const started = performance.now();
    const until = started + stepMs;
    const lane = async () => {
      while (performance.now() < until) {
        const route = pick();
        const path = route.next();
        const pool = pools[rand() < 0.5 ? 0 : 1]!;
        const ip = address(1 + Math.floor(rand() * s.addresses));
        const t = performance.now();
        try {
          const res = await pool.request({
            method: 'GET',
            path,
            // A phone's WeChat sends these; the load balancer appends the client's address.
            headers: { 'x-forwarded-for': ip, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0.50 enrollment-bench' },
            headersTimeout: 30_000,
            bodyTimeout: 30_000,
          });
          const status = res.statusCode;
          const bad = status >= 400 && status !== 429;
          const text = bad ? await res.body.text() : (await res.body.dump(), '');
          const ms = performance.now() - t;
          const sample = () => `${status} ${decodeURIComponent(path).slice(0, 80)} ${text.slice(0, 160)}`;
          route.tally.add(status, ms, sample);
          tally.add(status, ms, sample);
        } catch (error) {
          const ms = performance.now() - t;
          const sample = () => `socket ${decodeURIComponent(path).slice(0, 80)} ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
          route.tally.add(0, ms, sample);
          tally.add(0, ms, sample);
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, lane));
    const seconds = (performance.now() - started) / 1000;
    const r = tally.result(`step ${i + 1}`);
    steps.push({ ...r, connections, seconds, reqPerSec: r.requests / seconds });
    console.log(
      `  step ${i + 1}: ${String(connections).padStart(4)} connections  ${fmt(r.requests / seconds).padStart(6)} req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  ` +
        `(ok ${r.ok}, 429 ${r.r429}, 4xx ${r.r4xx}, 5xx ${r.r5xx}, socket ${r.socket})`,
    );
  }
  return steps;
}

/* ---------- the run ---------- */

export async function benchEnrollment(ctx: EnrollmentContext, report: EnrollmentReport): Promise<void> {
  const s = ctx.settings;
  report.settings = s;
  console.log(`\n== enrollment day (${report.label}) ==`);
  const { cleanup } = ctx;

  // 1. The fake WeChat, in its own process.
  const options: EnrollmentWechatOptions = { prefix: PREFIX, count: s.parents, templateId: TEMPLATE_ID, fields: FIELDS, latencyMs: s.pushLatencyMs };
  const fake = spawnChild(cleanup, 'fake WeChat (enrollment)', ['-r', '@swc-node/register', join(__dirname, 'enrollment-wechat-child.ts'), JSON.stringify(options)], ctx.childEnv({ SWC_NODE_PROJECT: 'test/tsconfig.json' }), ROOT);
  const wx = await childReady(fake, 60_000);
  const fakeStats = async () => (await (await fetch(`${wx.url}/__bench/stats`)).json()) as { delivered: number; unique: number; foreign: number; firstAt: number | null; lastAt: number | null };

  // 2. Database: notices, staff, subscribed parents.
  report.seedMs = await seed(ctx);
  console.log(`seeded ${fmt(s.notices)} notices, ${Object.keys(STAFF).length} staff and ${fmt(s.parents)} parents subscribed to ${CATEGORY} in ${(report.seedMs / 1000).toFixed(1)} s`);

  // 3. Two instances on the one database, counters in Redis under this run's own prefix.
  const redisPrefix = `gongkai-bench-${randomBytes(4).toString('hex')}:`;
  const ports = [await freePort(), await freePort()];
  const servers = ports.map((port, i) =>
    spawnChild(
      cleanup,
      `server ${'AB'[i]} (enrollment)`,
      [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
      ctx.childEnv({
        ...ctx.dbEnv,
        ...ctx.privacyEnv,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: ctx.jwtSecret,
        DEMO_DATA: 'false',
        LOG_JSON: 'true',
        // The bench stands where the load balancer would: it is the one trusted hop.
        TRUST_PROXY: 'loopback',
        REDIS_URL: process.env.BENCH_REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: redisPrefix,
        RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        RATE_LIMIT_SEARCH_MAX: String(SEARCH_LIMIT),
        WECHAT_API_BASE: wx.url,
        WECHAT_MINI_APPID: wx.appid,
        WECHAT_MINI_SECRET: wx.secret,
        WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify([{ id: TEMPLATE_ID, name: '招生通知', fields: FIELDS, page: 'pages/notice/index?id={id}' }]),
        PUSH_WORKER_ENABLED: 'true',
        PUSH_CONCURRENCY: String(s.pushConcurrency),
        PUSH_RATE_PER_SECOND: String(s.pushRate),
        PUSH_BATCH_SIZE: '500',
      }),
      ROOT,
    ),
  );
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  report.serverStartMs = await Promise.all(servers.map((srv, i) => waitFor200(`${bases[i]}/api/v1/categories`, srv, 90_000)));
  // Each instance builds its search index at start; parents arrive at servers that have been up.
  const warm = async (base: string) => {
    const t = performance.now();
    const a = await httpGet(`${base}/api/v1/search?q=${encodeURIComponent('招生')}`, {}, 180_000);
    if (a.status !== 200) throw new Error(`search warm-up on ${base}: ${a.status} ${a.body.toString('utf8').slice(0, 300)}`);
    return performance.now() - t;
  };
  report.searchWarmMs = await Promise.all(bases.map(warm));
  console.log(`instances A ${bases[0]} (pid ${servers[0]!.process.pid}), B ${bases[1]} (pid ${servers[1]!.process.pid}) up in ${report.serverStartMs.map((x) => (x / 1000).toFixed(1)).join(' / ')} s; search index ready after ${report.searchWarmMs.map((x) => (x / 1000).toFixed(1)).join(' / ')} s more`);
  const [A, B] = bases as [string, string];

  // 4. Staff sign in (on either instance: one JWT secret), the admin turns on the category's automatic push.
  const tokens = {} as Staff;
  for (const [i, [key, a]] of Object.entries(STAFF).entries()) {
    tokens[key as keyof Staff] = (await must(`sign in ${a.username}`, 200, call(bases[i % 2]!, 'POST', '/api/v1/auth/staff', undefined, { username: a.username, password: PASSWORD }))).token;
  }
  await must('auto push', 200, call(A, 'PUT', `/api/v1/staff/push/auto-push/${CATEGORY}`, tokens.admin, { autoPush: { channels: ['subscribe'], templateIds: { subscribe: TEMPLATE_ID }, fieldMapping: MAPPING } }));

  // A few parents' inquiries for the staff to open during the ramp (signed in as the mini-program does).
  for (let i = 0; i < INQUIRIES; i++) {
    const base = bases[i % 2]!;
    const { code } = (await (await fetch(`${wx.url}/__bench/code?openid=enroll-inquirer-${i}`)).json()) as { code: string };
    const token = (await must('parent sign-in', 200, call(base, 'POST', '/api/v1/auth/wechat', undefined, { code }))).token as string;
    await must('privacy notice', 200, call(base, 'POST', '/api/v1/parents/me/consents', token, { kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'weapp' }));
    await must('inquiry', 201, call(base, 'POST', '/api/v1/inquiries', token, { kind: 'consultation', subject: '划片咨询', content: `请问${YEAR}年城区小学的划片范围什么时候公布？（${i + 1}）`, allowPublish: false, unitCode: BASIC.code }));
  }

  // 5. The year's table imported over HTTP, the notice written and attached, a second draft kept open.
  const county = syntheticCounty();
  report.zoningRules = county.data.rules.length;
  const form = new FormData();
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  form.append('file', new Blob([await zoningXlsx(county.sheets)], { type: XLSX }), `${YEAR}年义务教育学校划片范围.xlsx`);
  const importRes = await fetch(`${A}/api/v1/staff/zoning/years/${YEAR}/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.editor}` } });
  const imported = (await importRes.json()) as { table: { id: number; version: number } };
  if (importRes.status !== 201) throw new Error(`zoning import: ${importRes.status} ${JSON.stringify(imported).slice(0, 400)}`);
  const draft = { categoryCode: CATEGORY, topicCodes: ['zoning'], infoType: 'business', summary: `${YEAR}年城区义务教育学校划片范围`, bodyHtml: `<p>${YEAR}年城区义务教育学校划片范围见附件，家长可在“学区查询”中输入住址查询。</p>` };
  const notice = await must('draft', 201, call(A, 'POST', '/api/v1/staff/notices', tokens.editor, { ...draft, title: TITLE }));
  await must('attach', 200, call(A, 'POST', `/api/v1/staff/zoning/tables/${imported.table.id}/attach`, tokens.editor, { noticeId: notice.id, tableVersion: imported.table.version }));
  const other = await must('second draft', 201, call(B, 'POST', '/api/v1/staff/notices', tokens.editor, { ...draft, title: `${YEAR}年随迁子女入学报名须知` }));
  let otherVersion = other.version as number;

  // 6. The review chain, each step by another person, alternating instances.
  const path = `/api/v1/staff/notices/${notice.id}`;
  const version = (await must('draft view', 200, call(B, 'GET', path, tokens.editor))).version as number;
  const c0 = performance.now();
  let n = await must('submit', 200, call(A, 'POST', `${path}/submit`, tokens.editor, { version }));
  n = await must('科室负责人', 200, call(B, 'POST', `${path}/review`, tokens.head, { action: 'approve', version: n.version }));
  n = await must('保密审查', 200, call(A, 'POST', `${path}/review`, tokens.secrecy, { action: 'approve', version: n.version, secrecy: { publishable: true, disclosure: 'proactive' } }));
  n = await must('分管领导', 200, call(B, 'POST', `${path}/review`, tokens.leader, { action: 'approve', version: n.version }));
  report.loadBefore = loadavg()[0];
  const pids = servers.map((srv) => srv.process.pid!);
  const dbPid = mariadbPid();
  const cpuNow = () => ({ at: performance.now(), instances: pids.map((p) => cpuSeconds(p)), generator: cpuSeconds(process.pid), fake: cpuSeconds(fake.process.pid!), mariadb: dbPid === null ? null : cpuSeconds(dbPid) });
  const cpu0 = cpuNow();
  n = await must('登记发布', 200, call(A, 'POST', `${path}/registration`, tokens.publisher, { version: n.version }));
  const published = performance.now();
  const publishedWall = Date.now();
  report.chainMs = published - c0;
  if (n.status !== 'published') report.notes.push(`the notice's status after registration is ${n.status}, not published`);
  console.log(`notice ${notice.id} 「${TITLE}」 published through the chain in ${fmt(report.chainMs)} ms (${fmt(report.zoningRules)} zoning rules attached); 1-min load ${report.loadBefore.toFixed(2)}`);

  // 7. The push watcher: the campaign row (made by the publishing instance), then the fake's count.
  const mysql = await import('mysql2/promise');
  const db = await mysql.createConnection(ctx.databaseUrl);
  const push: NonNullable<EnrollmentReport['push']> = { campaignId: null, campaignAfterMs: null, delivered: 0, unique: 0, foreign: 0, firstAfterMs: null, lastAfterMs: null, spanMs: null, perSecond: null, byStatus: null, liveWorkers: null };
  report.push = push;
  let rampDone = false;
  let pushDone = false;
  let pushDoneAt = 0;
  let pushDeadlineFrom = Infinity;
  const watcher = (async () => {
    for (;;) {
      if (push.campaignId === null) {
        const [rows] = await db.query('SELECT id FROM push_campaign WHERE auto_notice_id = ?', [notice.id]);
        const row = (rows as { id: number }[])[0];
        if (row) {
          push.campaignId = Number(row.id);
          push.campaignAfterMs = performance.now() - published;
        }
      }
      const st = await fakeStats();
      push.delivered = st.delivered;
      if (st.delivered >= s.parents) {
        pushDone = true;
        pushDoneAt = performance.now();
        return;
      }
      if (rampDone && performance.now() - pushDeadlineFrom > s.pushTimeoutSeconds * 1000) return;
      await sleep(250);
    }
  })();

  // 8. Staff keep working, at a low rate, until the ramp ends.
  const staffTallies = new Map<string, Tally>();
  const staffCall = async (name: string, base: string, method: string, p: string, token: string, body?: unknown): Promise<Answer> => {
    const t = performance.now();
    let tally = staffTallies.get(name);
    if (!tally) staffTallies.set(name, (tally = new Tally()));
    try {
      const a = await call(base, method, p, token, body);
      tally.add(a.status, performance.now() - t, () => `${a.status} ${a.text.slice(0, 160)}`);
      return a;
    } catch (error) {
      tally.add(0, performance.now() - t, () => `socket ${String(error)}`);
      return { status: 0, body: null, text: '' };
    }
  };
  const staffActions: ((base: string) => Promise<unknown>)[] = [
    (base) => staffCall('review queue (科室负责人)', base, 'GET', '/api/v1/staff/reviews/pending', tokens.head),
    async (base) => {
      const list = await staffCall('inquiry list', base, 'GET', '/api/v1/staff/inquiries', tokens.head);
      const first = (list.body?.items as { id: number }[] | undefined)?.[0];
      if (first) await staffCall('inquiry open', base, 'GET', `/api/v1/staff/inquiries/${first.id}`, tokens.head);
    },
    async (base) => {
      const a = await staffCall('draft save (PATCH)', base, 'PATCH', `/api/v1/staff/notices/${other.id}`, tokens.editor, { summary: `随迁子女入学报名须知（修改于 ${new Date().toISOString().slice(11, 19)}）`, version: otherVersion });
      if (a.status === 200) otherVersion = a.body.version;
    },
    (base) => staffCall('review queue (发布中心)', base, 'GET', '/api/v1/staff/reviews/pending', tokens.publisher),
    (base) => (push.campaignId === null ? Promise.resolve() : staffCall('push progress', base, 'GET', `/api/v1/staff/pushes/${push.campaignId}`, tokens.publisher)),
  ];
  const staffLoop = (async () => {
    for (let i = 0; !rampDone; i++) {
      await staffActions[i % staffActions.length]!(bases[i % 2]!);
      await sleep(s.staffMs);
    }
  })();

  // 9. The abusive address probes 学区查询 with places not in the table, alternating instances, inside one
  // rate-limit window, paced to send well over the limit (at least 20 a second, on 4 lanes). Each miss
  // counts against the per-address search limit, deterministically (an uncached search would too, but a
  // new query may fold onto one already cached, which is not counted), so with the counters shared by
  // both instances it gets exactly SEARCH_LIMIT answers.
  const tail = new LongTail();
  const abuserTally = new Tally();
  const stepMs = (s.seconds * 1000) / s.steps.length;
  const abuserSeconds = Math.min(s.seconds, WINDOW_SECONDS - 5);
  const abuserLanes = 4;
  const abuserGapMs = (abuserLanes * 1000) / Math.max(20, (2.5 * SEARCH_LIMIT) / abuserSeconds);
  const abuserUntil = performance.now() + abuserSeconds * 1000;
  let abuserSent = 0;
  let abuserFound = 0;
  const abuser = Promise.all(
    Array.from({ length: abuserLanes }, async () => {
      while (performance.now() < abuserUntil) {
        const t = performance.now();
        const n = abuserSent++;
        const p = `/api/v1/zoning/lookup?q=${encodeURIComponent(`火星市环形山第${n}大道${n}号`)}`;
        try {
          const res = await fetch(`${bases[n % 2]}${p}`, { headers: { 'x-forwarded-for': ABUSER_IP } });
          const text = await res.text();
          // A place the table knows would not count against the limit: the probe must find nothing.
          if (res.status === 200 && (JSON.parse(text) as { status: string }).status !== 'none') abuserFound++;
          abuserTally.add(res.status, performance.now() - t, () => `${res.status} ${text.slice(0, 120)}`);
        } catch (error) {
          abuserTally.add(0, performance.now() - t, () => `socket ${String(error)}`);
        }
        await sleep(Math.max(0, abuserGapMs - (performance.now() - t)));
      }
    }),
  );

  // 10. The parents' ramp.
  const pools = bases.map((b) => new Pool(b, { connections: Math.max(...s.steps), pipelining: 1, keepAliveTimeout: 30_000 }));
  const qrand = prng(620);
  const addresses = county.addresses;
  const routes: LoadRoute[] = [
    { name: `GET /api/v1/notices/:id (the 划片 notice)`, weight: 25, next: () => `/api/v1/notices/${notice.id}`, tally: new Tally() },
    { name: `GET /gk/notices/:id (its public page)`, weight: 15, next: () => `/gk/notices/${notice.id}`, tally: new Tally() },
    {
      name: 'GET /api/v1/notices (lists)',
      weight: 10,
      next: () => ['/api/v1/notices?category=ZSKS&limit=20', '/api/v1/notices?limit=20', '/api/v1/notices?category=ZSKS&topic=zoning&limit=20'][Math.floor(qrand() * 3)]!,
      tally: new Tally(),
    },
    {
      name: 'GET /api/v1/search?q= (1 in 10 never asked)',
      weight: 20,
      next: () => (qrand() < 0.1 ? tail.next() : `/api/v1/search?q=${encodeURIComponent(PARENT_QUERIES[Math.floor(qrand() * PARENT_QUERIES.length)]!)}`),
      tally: new Tally(),
    },
    {
      name: 'GET /api/v1/zoning/lookup?q= (varied addresses)',
      weight: 30,
      // The county's addresses with other house / building numbers: thousands of distinct queries.
      next: () => `/api/v1/zoning/lookup?q=${encodeURIComponent(addresses[Math.floor(qrand() * addresses.length)]!.replace(/\d+/, () => String(1 + Math.floor(qrand() * 299))))}`,
      tally: new Tally(),
    },
  ];
  console.log(`ramp: ${s.steps.join(' → ')} connections, ${(stepMs / 1000).toFixed(1)} s each, ${fmt(s.addresses)} client addresses; push fan-out to ${fmt(s.parents)} parents running meanwhile`);
  const cpuR0 = cpuNow();
  const marks: ReturnType<typeof cpuNow>[] = [];
  try {
    report.steps = await ramp(pools, routes, s, stepMs, () => marks.push(cpuNow()));
  } finally {
    rampDone = true;
    pushDeadlineFrom = performance.now();
  }
  const cpuR1 = cpuNow();
  marks.push(cpuR1);
  const sum = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? (xs as number[]).reduce((a, b) => a + b, 0) : null);
  for (const [i, step] of report.steps.entries()) {
    const [a, b] = [marks[i]!, marks[i + 1]!];
    const ia = sum(a.instances);
    const ib = sum(b.instances);
    step.instancesCpuS = ia !== null && ib !== null ? ib - ia : null;
    step.generatorCpuS = a.generator !== null && b.generator !== null ? b.generator - a.generator : null;
  }
  await Promise.all([staffLoop, abuser]);
  await Promise.all(pools.map((p) => p.close()));
  report.routes = routes.map((r) => r.tally.result(r.name));
  report.staff = [...staffTallies].map(([name, t]) => t.result(name));
  report.abuser = { ...abuserTally.result(`zoning lookups finding nothing, from one address (${ABUSER_IP})`), seconds: abuserSeconds };
  if (abuserFound) report.notes.push(`${abuserFound} of the abusive address's probes found a place (not counted against the limit)`);

  // 11. The push's end.
  if (!pushDone) console.log(`waiting for the push to finish (up to ${s.pushTimeoutSeconds} s)…`);
  await watcher;
  const cpu1 = cpuNow();
  const st = await fakeStats();
  Object.assign(push, { delivered: st.delivered, unique: st.unique, foreign: st.foreign });
  if (st.firstAt !== null && st.lastAt !== null) {
    push.firstAfterMs = st.firstAt - publishedWall;
    push.lastAfterMs = st.lastAt - publishedWall;
    push.spanMs = st.lastAt - st.firstAt;
    push.perSecond = push.spanMs > 0 ? (st.delivered / push.spanMs) * 1000 : null;
  }
  if (push.campaignId !== null) {
    const view = await call(A, 'GET', `/api/v1/staff/pushes/${push.campaignId}`, tokens.publisher);
    if (view.status === 200) push.byStatus = view.body.byStatus;
  }
  const [workers] = await db.query('SELECT COUNT(*) AS n FROM push_worker');
  push.liveWorkers = Number((workers as { n: number }[])[0]?.n ?? 0);
  await db.end();
  if (!pushDone) report.notes.push(`push not finished ${s.pushTimeoutSeconds} s after the ramp: ${st.delivered} of ${s.parents} accepted`);
  if (st.delivered !== s.parents || st.unique !== s.parents || st.foreign !== 0) report.notes.push(`push: fake accepted ${st.delivered} messages to ${st.unique} distinct openids, ${st.foreign} unexpected (expected exactly ${s.parents}, each once)`);
  console.log(
    `push: campaign ${push.campaignId} seen ${push.campaignAfterMs === null ? '?' : fmt(push.campaignAfterMs)} ms after publishing; ${fmt(st.delivered)} accepted (${fmt(st.unique)} distinct), ` +
      `first ${push.firstAfterMs === null ? '?' : fmt(push.firstAfterMs)} ms, last ${push.lastAfterMs === null ? '?' : (push.lastAfterMs / 1000).toFixed(1)} s after publishing → ${push.perSecond === null ? '?' : fmt(push.perSecond)}/s; ${push.liveWorkers} workers registered`,
  );

  const window = (a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>): CpuWindow => {
    const d = (x: number | null, y: number | null) => (x !== null && y !== null ? y - x : null);
    return { wallS: (b.at - a.at) / 1000, instances: a.instances.map((x, i) => d(x, b.instances[i]!)), generator: d(a.generator, b.generator), fake: d(a.fake, b.fake), mariadb: d(a.mariadb, b.mariadb) };
  };
  // The whole window ends when both are over: the ramp, and the push (or its timeout).
  report.cpu = { ramp: window(cpuR0, cpuR1), whole: window(cpu0, !pushDone || pushDoneAt > cpuR1.at ? cpu1 : cpuR1) };

  // 12. Stop the instances; what they logged at warn or worse is part of the outcome.
  await Promise.all(servers.map((srv) => srv.stop()));
  report.problems = servers.flatMap((srv, i) => srv.problems.filter((l) => !/ExperimentalWarning|--trace-warnings/.test(l)).map((l) => `${'AB'[i]}: ${l.slice(0, 400)}`));
  await fake.stop();
}

/* ---------- the report ---------- */

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? fmt(n) : n.toFixed(1));
const pct = (cpuS: number | null, wallS: number): string => (cpuS === null ? '?' : `${cpuS.toFixed(1)} s (${Math.round((cpuS / wallS) * 100)} % of a core)`);

/** Requests that count as errors: 5xx, socket errors, and any 4xx but 429. */
const errorsOf = (r: RouteResult): number => r.r4xx + r.r5xx + r.socket;

export function enrollmentSection(r: EnrollmentReport, gated: boolean): { text: string; failed: boolean } {
  const s = r.settings;
  const out = [`## Enrollment day, ${r.label}`, ''];
  let failed = false;
  if (s) {
    out.push(
      `Two instances on one ${r.label} database, REDIS_URL (shared rate-limit counters), TRUST_PROXY=loopback with X-Forwarded-For from ${fmt(s.addresses)} client addresses; ` +
        `${fmt(s.notices)} notices, ${fmt(r.zoningRules ?? 0)} zoning rules, ${fmt(s.parents)} parents subscribed to ${CATEGORY}; fake WeChat in its own process (${s.pushLatencyMs} ms per send), ` +
        `PUSH_CONCURRENCY ${s.pushConcurrency} per instance, PUSH_RATE_PER_SECOND ${fmt(s.pushRate)}. Ramp ${s.steps.join(' → ')} connections over ${s.seconds} s (undici keep-alive in the bench process, ` +
        `instance picked at random per request); staff act every ${s.staffMs} ms. ${cpus().length} cores` +
        (r.loadBefore !== undefined ? `, 1-min load ${r.loadBefore.toFixed(2)} before publishing` : '') +
        (r.serverStartMs ? `; instances up in ${r.serverStartMs.map((x) => (x / 1000).toFixed(1)).join(' / ')} s, search index ${r.searchWarmMs?.map((x) => (x / 1000).toFixed(1)).join(' / ') ?? '?'} s more` : '') +
        (r.chainMs !== undefined ? `; review chain (submit → 登记发布, 5 people, alternating instances) ${fmt(r.chainMs)} ms` : '') +
        '.',
      '',
    );
  }
  const row = (x: RouteResult) => `| ${x.route} | ${fmt(x.requests)} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} | ${fmt(x.ok)} | ${x.r429} | ${x.r4xx} | ${x.r5xx} | ${x.socket} |`;
  const head = ['| route | requests | p50 ms | p99 ms | max ms | 2xx/3xx | 429 | other 4xx | 5xx | socket |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  if (r.routes) {
    out.push('Parents (all steps):', '', ...head, ...r.routes.map(row));
    const all = r.routes.reduce(
      (a, x) => ({ ...a, requests: a.requests + x.requests, ok: a.ok + x.ok, r429: a.r429 + x.r429, r4xx: a.r4xx + x.r4xx, r5xx: a.r5xx + x.r5xx, socket: a.socket + x.socket }),
      { route: '**all parents**', requests: 0, p50: NaN, p99: NaN, max: NaN, ok: 0, r429: 0, r4xx: 0, r5xx: 0, socket: 0, samples: [] } as RouteResult,
    );
    out.push(`| ${all.route} | ${fmt(all.requests)} | | | | ${fmt(all.ok)} | ${all.r429} | ${all.r4xx} | ${all.r5xx} | ${all.socket} |`, '');
  }
  if (r.steps) {
    const share = (cpuS: number | null | undefined, wallS: number) => (cpuS === null || cpuS === undefined ? '?' : `${Math.round((cpuS / wallS) * 100)} %`);
    out.push(
      'Per step (all parents\' routes; CPU as a share of one core, the two instances together, push work included):',
      '',
      '| step | connections | req/s | p50 ms | p99 ms | max ms | 429 | other 4xx | 5xx | socket | instances A+B CPU | bench process CPU |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const [i, x] of r.steps.entries()) {
      out.push(`| ${i + 1} | ${x.connections} | ${fmt(x.reqPerSec)} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} | ${x.r429} | ${x.r4xx} | ${x.r5xx} | ${x.socket} | ${share(x.instancesCpuS, x.seconds)} | ${share(x.generatorCpuS, x.seconds)} |`);
    }
    out.push('');
  }
  if (r.staff?.length || r.abuser) {
    out.push('Staff during the ramp, and the abusive address:', '', ...head, ...(r.staff ?? []).map((x) => row({ ...x, route: `staff: ${x.route}` })));
    if (r.abuser) out.push(row(r.abuser));
    out.push('');
  }
  if (r.push) {
    const p = r.push;
    out.push(
      '| push | value |',
      '|---|---:|',
      `| campaign row committed (publish → visible; its ${fmt(s?.parents ?? 0)} deliveries are written in the same transaction) | ${p.campaignAfterMs === null ? '?' : `${fmt(p.campaignAfterMs)} ms`} |`,
      `| messages accepted by the fake / distinct parents | ${fmt(p.delivered)} / ${fmt(p.unique)} |`,
      `| publish → first message accepted | ${p.firstAfterMs === null ? '?' : `${fmt(p.firstAfterMs)} ms`} |`,
      `| publish → last message accepted | ${p.lastAfterMs === null ? '?' : `${(p.lastAfterMs / 1000).toFixed(1)} s`} |`,
      `| first → last accepted (completion) | ${p.spanMs === null ? '?' : `${(p.spanMs / 1000).toFixed(1)} s`} |`,
      `| rate | ${p.perSecond === null ? '?' : `${fmt(p.perSecond)} messages/s`} |`,
      `| campaign status counts | ${p.byStatus ? Object.entries(p.byStatus).filter(([, v]) => v).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') : '?'} |`,
      `| push workers registered (push_worker rows) | ${p.liveWorkers ?? '?'} |`,
      '',
    );
  }
  if (r.cpu) {
    const { ramp, whole } = r.cpu;
    out.push(
      `| CPU (user + system, /proc) | during the ramp (${ramp.wallS.toFixed(0)} s) | publish → push done or ramp end (${whole.wallS.toFixed(0)} s) |`,
      '|---|---:|---:|',
      ...ramp.instances.map((x, i) => `| instance ${'AB'[i]} | ${pct(x, ramp.wallS)} | ${pct(whole.instances[i] ?? null, whole.wallS)} |`),
      `| load generator + staff (bench process) | ${pct(ramp.generator, ramp.wallS)} | ${pct(whole.generator, whole.wallS)} |`,
      `| fake WeChat | ${pct(ramp.fake, ramp.wallS)} | ${pct(whole.fake, whole.wallS)} |`,
      `| MariaDB server | ${pct(ramp.mariadb, ramp.wallS)} | ${pct(whole.mariadb, whole.wallS)} |`,
      '',
    );
    const requests = (r.routes ?? []).reduce((n, x) => n + x.requests, 0);
    const both = ramp.instances.every((x) => x !== null) ? (ramp.instances as number[]).reduce((a, b) => a + b, 0) : null;
    if (both !== null && requests) out.push(`Instances' CPU per parent request during the ramp (push work included): ${fmt((both * 1e6) / requests)} µs.`, '');
  }
  const tag = (ok: boolean) => (ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)');
  if (r.routes && r.staff) {
    const parents = r.routes.reduce((n, x) => n + errorsOf(x), 0);
    const staff = r.staff.reduce((n, x) => n + errorsOf(x), 0);
    const ok = parents + staff === 0;
    out.push(`- ${tag(ok)}: errors ${parents + staff} (5xx, socket errors and 4xx other than 429; parents ${parents}, staff ${staff}); target errors 0`);
    if (!ok) failed ||= gated;
    const r429 = r.routes.reduce((n, x) => n + x.r429, 0);
    out.push(`- ${tag(r429 === 0)}: parents refused with 429: ${r429} (${fmt(s?.addresses ?? 0)} addresses, none near RATE_LIMIT_SEARCH_MAX: ${SEARCH_LIMIT} uncached searches and zoning misses a minute); target 0`);
    if (r429) failed ||= gated;
    for (const x of [...r.routes, ...r.staff]) for (const sample of x.samples) out.push(`  - ${x.route}: ${sample}`);
  }
  if (r.abuser) {
    const ok = r.abuser.ok === SEARCH_LIMIT && r.abuser.r429 > 0 && errorsOf(r.abuser) === 0;
    if (r.abuser.requests <= SEARCH_LIMIT) out.push(`- n/a: the abusive address sent only ${r.abuser.requests} lookups (≤ ${SEARCH_LIMIT}) in ${r.abuser.seconds} s: too short a run to reach the limit`);
    else out.push(
      `- ${tag(ok)}: the abusive address got ${r.abuser.ok} answers and ${r.abuser.r429} × 429 in ${r.abuser.seconds} s over both instances; ` +
        `target exactly RATE_LIMIT_SEARCH_MAX = ${SEARCH_LIMIT} misses a window (one count in Redis for both instances; ${SEARCH_LIMIT * 2} would mean each counted alone)`,
    );
    if (!ok && r.abuser.requests > SEARCH_LIMIT) failed ||= gated;
  }
  if (r.push && s) {
    const ok = r.push.delivered === s.parents && r.push.unique === s.parents && r.push.foreign === 0;
    out.push(`- ${tag(ok)}: push reached ${fmt(r.push.unique)} of ${fmt(s.parents)} parents, ${fmt(r.push.delivered)} messages (target: each parent exactly once)`);
    if (!ok) failed ||= gated;
  }
  if (r.problems?.length) {
    out.push(`- note: the instances logged ${r.problems.length} line(s) at warn or worse; first: ${r.problems[0]}`);
  }
  if (r.error) {
    out.push(`- ERROR: ${r.error.split('\n')[0]}`);
    failed = true;
  }
  for (const note of r.notes) out.push(`- note: ${note}`);
  return { text: out.join('\n'), failed };
}

/** Writes test/bench/results/enrollment-day-<database>.{json,md}. */
export function writeEnrollmentResults(r: EnrollmentReport, gated: boolean): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `enrollment-day-${r.label.toLowerCase()}`;
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, ...r }, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${name}.md`), `# Enrollment day benchmark\n\n${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n\n${enrollmentSection(r, gated).text}\n`);
  console.log(`written to ${join(RESULTS_DIR, `${name}.{json,md}`)}`);
}
