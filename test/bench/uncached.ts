import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { prng } from './content';
import { LongTail } from './search';
import { seedNotices, withMigratedDatabase, type SeedResult } from './seed';
import { searchIndexReady, type BenchServerContext } from './server-context';
import { cpuSeconds, freePort, spawnChild, waitFor200 } from '../support/processes';

/**
 * The first request after a change (issue 20, item 8): what a list, a detail and a search cost
 * the server when nothing is cached. 20,000 generated notices on SQLite and MariaDB; the built
 * server runs with PUBLIC_CACHE_ENTRIES=0, so every request builds its answer as the first one
 * after a change of notices does (the catalogue of categories, topics and units stays held: only
 * a change of the catalogue itself drops it, see PublicCache). Requests go
 * one at a time over one kept-alive loopback connection (nothing queued): the ZSKS list, topic
 * lists in turn, later ZSKS pages by cursor, details of ids spread over the table, and searches
 * that are each a query never asked before (so the search engine's own ranked-list cache cannot
 * answer either). Two times per request: the server's own, from its `Server-Timing: app;dur=`
 * header (server-timing.ts: arrival in Fastify to the answer ready to send), and the client's
 * round trip, which adds loopback, the client's own work and, on a shared two-core machine, the
 * scheduler's pauses (a bare node:http server answering from memory shows a p99 of 3–4 ms that
 * way here). Target: server time p99 ≤ 5 ms per route on both databases; both are printed.
 */
const ROOT = resolve(__dirname, '../..');
export const UNCACHED_TARGETS = { maxP99Ms: 5, notices: 20_000 };
const LIST_PATH = '/api/v1/notices?category=ZSKS&limit=20';

export interface UncachedSettings {
  /** Measured requests per route (BENCH_UNCACHED_SAMPLES). */
  samples: number;
  /** Requests per route before measuring (BENCH_UNCACHED_WARMUP). */
  warmup: number;
}

export function uncachedSettingsFromEnv(num: (name: string, fallback: number, min: number) => number): UncachedSettings {
  return { samples: Math.round(num('BENCH_UNCACHED_SAMPLES', 400, 20)), warmup: Math.round(num('BENCH_UNCACHED_WARMUP', 50, 0)) };
}

export interface UncachedContext extends BenchServerContext {
  notices: number;
  settings: UncachedSettings;
  /** How to start the server: node arguments ending with its script (default: the built server/dist/main.js). */
  serverEntry?: string[];
}

/** Percentiles of one route's times, ms. */
export interface Spread {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface RouteTimes {
  route: string;
  example: string;
  samples: number;
  /** The server's own time per request (Server-Timing), which the target is for. */
  server: Spread;
  /** The client's round trip per request. */
  client: Spread;
  /** Server CPU per request over the measured requests (µs); null without /proc. */
  cpuUsPerReq: number | null;
  /** Answers that were not 200. */
  failures: number;
}

export interface UncachedReport {
  label: string;
  notices: number;
  seed?: SeedResult;
  serverStartMs?: number;
  loadBefore?: number;
  routes?: RouteTimes[];
  notes: string[];
  error?: string;
}

/** One kept-alive connection: requests strictly one after another. */
class SequentialClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string) {}

  /** `serverMs`: the answer's Server-Timing app duration (NaN when it has none). */
  get(path: string): Promise<{ status: number; body: Buffer; ms: number; serverMs: number }> {
    return new Promise((resolvePromise, reject) => {
      const started = performance.now();
      const req = request(this.base + path, { agent: this.agent, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        const serverMs = Number(/(?:^|,)\s*app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? NaN);
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started, serverMs }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

interface Route {
  name: string;
  next: () => string;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => n.toFixed(n >= 100 ? 0 : 2);

async function timeRoute(client: SequentialClient, route: Route, s: UncachedSettings, pid: number): Promise<RouteTimes> {
  let example = '';
  for (let i = 0; i < s.warmup; i += 1) await client.get(route.next());
  const times: number[] = [];
  const serverTimes: number[] = [];
  let failures = 0;
  const cpuBefore = cpuSeconds(pid);
  for (let i = 0; i < s.samples; i += 1) {
    const path = route.next();
    if (i === 0) example = path;
    const answer = await client.get(path);
    if (answer.status !== 200) failures += 1;
    // The target is read off this header: without it the run has nothing to measure.
    if (!Number.isFinite(answer.serverMs)) throw new Error(`GET ${path} answered ${answer.status} without Server-Timing`);
    times.push(answer.ms);
    serverTimes.push(answer.serverMs);
  }
  const cpuAfter = cpuSeconds(pid);
  const r: RouteTimes = {
    route: route.name,
    example,
    samples: times.length,
    server: spread(serverTimes),
    client: spread(times),
    cpuUsPerReq: cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1e6) / times.length : null,
    failures,
  };
  console.log(
    `  ${r.route.padEnd(28)} server p50 ${ms(r.server.p50)} ms  p99 ${ms(r.server.p99)} ms  max ${ms(r.server.max)} ms;  ` +
      `round trip p50 ${ms(r.client.p50)} ms  p99 ${ms(r.client.p99)} ms  ` +
      `${r.cpuUsPerReq !== null ? `cpu ${fmt(r.cpuUsPerReq)} µs/req  ` : ''}(${r.samples} requests, ${r.failures} not 200)`,
  );
  return r;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export async function benchUncached(ctx: UncachedContext, report: UncachedReport): Promise<void> {
  console.log(`\n== first request after a change (${report.label}, ${fmt(ctx.notices)} notices) ==`);

  // 1. Schema from the migrations, then the notices (as the read part seeds them).
  report.seed = await withMigratedDatabase(ctx, (ds) => seedNotices(ds, ctx.notices));
  console.log(`seeded ${fmt(report.seed.notices)} notices in ${(report.seed.ms / 1000).toFixed(1)} s (ZSKS ${fmt(report.seed.perCategory.ZSKS ?? 0)})`);

  // 2. The server with the public cache off: every request builds its answer.
  const port = await freePort();
  const server = spawnChild(
    ctx.cleanup,
    `server (uncached, ${report.label})`,
    [...ctx.serverNodeArgs, ...(ctx.serverEntry ?? [join(ROOT, 'server/dist/main.js')])],
    // One client address sends every search: the per-address limit on uncached searches is off.
    ctx.childEnv({
      ...ctx.dbEnv, ...ctx.privacyEnv, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false',
      LOG_JSON: 'true', PUBLIC_CACHE_ENTRIES: '0', RATE_LIMIT_SEARCH_MAX: '0',
    }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}`;
  report.serverStartMs = await waitFor200(`${base}/api/v1/categories`, server, 120_000);
  // The in-memory index is built once at start, not per change.
  await searchIndexReady(base);
  console.log(`server answered after ${(report.serverStartMs / 1000).toFixed(1)} s; search index ready`);

  // 3. What the routes walk: topics, later ZSKS pages (their cursors), spread ids, new queries.
  const client = new SequentialClient(base);
  try {
    const topics = (JSON.parse((await client.get('/api/v1/topics')).body.toString('utf8')) as { code: string }[]).map((t) => t.code);
    if (!topics.length) throw new Error('no topics');
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await client.get(cursor ? `${LIST_PATH}&cursor=${encodeURIComponent(cursor)}` : LIST_PATH);
      if (answer.status !== 200) throw new Error(`GET ${LIST_PATH} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
      cursor = (JSON.parse(answer.body.toString('utf8')) as { nextCursor: string | null }).nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor && cursors.length < 200);
    if (cursors.length < 10) throw new Error(`only ${cursors.length} later ZSKS pages`);
    const rand = prng(20_008);
    let t = 0;
    let c = 0;
    const tail = new LongTail();
    const routes: Route[] = [
      { name: 'list ZSKS, first page', next: () => LIST_PATH },
      { name: 'list by topic', next: () => `/api/v1/notices?topic=${topics[t++ % topics.length]!}&limit=20` },
      { name: 'list ZSKS, later page', next: () => `${LIST_PATH}&cursor=${encodeURIComponent(cursors[c++ % cursors.length]!)}` },
      { name: 'detail, spread ids', next: () => `/api/v1/notices/${1 + Math.floor(rand() * ctx.notices)}` },
      { name: 'search, new query', next: () => tail.next() },
    ];
    report.loadBefore = loadavg()[0];
    console.log(`one connection, one request at a time: ${ctx.settings.warmup} warm-up + ${ctx.settings.samples} measured per route (load average ${report.loadBefore.toFixed(2)})`);
    report.routes = [];
    for (const route of routes) report.routes.push(await timeRoute(client, route, ctx.settings, server.process.pid!));
  } finally {
    client.close();
  }
  for (const r of report.routes ?? []) if (r.failures) report.notes.push(`${r.route}: ${r.failures} answers not 200`);

  await server.stop();
  const { code, signal } = await server.exited;
  if (code !== 0 && code !== null) report.notes.push(`server exited with code ${code} (signal ${signal}) after SIGTERM`);
  for (const line of server.problems) report.notes.push(`server log: ${line}`);
}

export function uncachedSection(reports: { report: UncachedReport; gated: boolean }[]): { text: string; failed: boolean } {
  const out = ['## First request after a change (nothing cached)', ''];
  let failed = false;
  out.push(
    `Server with PUBLIC_CACHE_ENTRIES=0 (every request builds its answer as the first one after a change of notices does; the catalogue of categories, topics and units stays held, as it does then); one kept-alive loopback connection, ` +
      `one request at a time. Server time is the answer's \`Server-Timing: app;dur=\` (arrival in Fastify to the answer ready to send); ` +
      `the round trip is the client's clock, which adds loopback, the client and the machine's scheduling. Searches are each a query never asked before. ` +
      `Target: server time p99 ≤ ${UNCACHED_TARGETS.maxP99Ms} ms per route at ${fmt(UNCACHED_TARGETS.notices)} notices, on both databases.`,
    '',
    '| database | notices | route | requests | server p50 ms | server p90 ms | server p99 ms | server max ms | round trip p50 / p99 ms | server CPU µs/req | target: server p99 |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const { report: r } of reports) {
    for (const t of r.routes ?? []) {
      const ok = t.server.p99 <= UNCACHED_TARGETS.maxP99Ms;
      out.push(
        `| ${r.label} | ${fmt(r.notices)} | ${t.route} | ${t.samples} | ${ms(t.server.p50)} | ${ms(t.server.p90)} | ${ms(t.server.p99)} | ${ms(t.server.max)} | ` +
          `${ms(t.client.p50)} / ${ms(t.client.p99)} | ${t.cpuUsPerReq === null ? '?' : fmt(t.cpuUsPerReq)} | ≤ ${UNCACHED_TARGETS.maxP99Ms} ms ${ok ? 'PASS' : 'FAIL'} |`,
      );
    }
  }
  out.push('');
  for (const { report: r, gated } of reports) {
    const name = `${r.label}, ${fmt(r.notices)} notices`;
    if (r.routes?.length) {
      const worst = r.routes.reduce((a, b) => (b.server.p99 > a.server.p99 ? b : a));
      const ok = worst.server.p99 <= UNCACHED_TARGETS.maxP99Ms && r.routes.every((t) => !t.failures);
      out.push(
        `- ${ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)'}: ${name}: worst server p99 ${ms(worst.server.p99)} ms (${worst.route}; target ≤ ${UNCACHED_TARGETS.maxP99Ms} ms; its round trip p99 ${ms(worst.client.p99)} ms)` +
          (r.loadBefore !== undefined ? `; 1-min load before ${r.loadBefore.toFixed(2)} (${cpus().length} cores)` : ''),
      );
      if (gated && !ok) failed = true;
    }
    if (r.error) {
      out.push(`- ERROR: ${name}: ${r.error.split('\n')[0]}`);
      failed = true;
    }
    for (const note of r.notes) out.push(`- note: ${name}: ${note}`);
  }
  if (reports.every(({ report: r }) => !r.error && !r.notes.length)) out.push('- no non-200 answers, errors or server warnings');
  return { text: out.join('\n'), failed };
}
