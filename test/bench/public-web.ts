import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { replayHeaders, type BaselineManifest } from './baseline-server';
import { CPU_TARGETS, type Measurement } from './bench';
import type { BenchServerContext } from './server-context';
import { freePort, httpGet, spawnChild, waitFor200 } from '../support/processes';
import { seedNotices, withMigratedDatabase, type SeedResult } from './seed';

/**
 * The public web under load (issue 14, item 8): the server-rendered notice page `/gk/notices/:id`,
 * spread over many notices, and a category's RSS feed, at BENCH_NOTICES (20,000) notices, each
 * against bare node:http replaying the server's own bytes in the same run. Targets: ≥ 0.8 of the
 * baseline's req/s and p99 ≤ 20 ms, gated on SQLite like the read API.
 */
const ROOT = resolve(__dirname, '../..');
export const WEB_TARGETS = { minRatio: 0.8, maxP99Ms: 20 };
const FEED_PATH = '/gk/categories/ZSKS/feed.xml';
/** What a browser sends (bench.ts measures every line with it too). */
const ACCEPT = { 'accept-encoding': 'br, gzip' };

export interface WebContext extends BenchServerContext {
  /** bench.ts's autocannon run (warm-up, measured run, CPU of `pid`); `paths` are requested in turn on `url`'s origin. */
  measure: (label: string, url: string, pid: number, paths?: string[]) => Promise<Measurement>;
  /** bench.ts's median of rounds. */
  median: (runs: Measurement[]) => Measurement;
  notices: number;
  repeat: number;
  /** Distinct notice pages requested in turn (BENCH_WEB_PAGES). */
  pages: number;
}

export interface WebReport {
  label: string;
  seed?: SeedResult;
  serverStartMs?: number;
  loadBefore?: number;
  bodies?: { pages: number; pageMin: number; pageMax: number; pageMean: number; feed: number; feedItems: number; pageBrMean: number; feedBr: number };
  /** First answers after start, built from the database: the category feed, and the sitemap of every notice. */
  cold?: { feedMs: number; sitemapMs: number; sitemapBytes: number };
  rows?: { endpoint: string; baseline: Measurement; server: Measurement }[];
  notes: string[];
  error?: string;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? fmt(n) : n.toFixed(n % 1 === 0 ? 0 : 1));

/** Ids spread evenly over 1..notices: the pages requested in turn, so the load is not one cached page. */
export function spreadIds(notices: number, count: number): number[] {
  const n = Math.min(count, notices);
  return Array.from({ length: n }, (_, i) => 1 + Math.floor((i * notices) / n));
}

export async function benchPublicWeb(ctx: WebContext, report: WebReport): Promise<void> {
  console.log(`\n== public web (${report.label}) ==`);

  // 1. Schema from the migrations, then the notices (as the read API bench seeds them).
  report.seed = await withMigratedDatabase(ctx, (ds) => seedNotices(ds, ctx.notices));
  console.log(`seeded ${fmt(report.seed.notices)} notices in ${(report.seed.ms / 1000).toFixed(1)} s (ZSKS ${fmt(report.seed.perCategory.ZSKS ?? 0)})`);

  // 2. The built server in its own process.
  const port = await freePort();
  const server = spawnChild(
    ctx.cleanup,
    `server (public web, ${report.label})`,
    [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
    ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true' }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}`;
  report.serverStartMs = await waitFor200(`${base}/api/v1/categories`, server, 60_000);
  console.log(`server answered after ${(report.serverStartMs / 1000).toFixed(1)} s on ${base}`);

  // 3. The exact answers (this also builds every measured body once, as a reader's first visit would).
  const timed = async (path: string) => {
    const t0 = performance.now();
    const a = await httpGet(base + path, {}, 60_000);
    if (a.status !== 200) throw new Error(`GET ${path} answered ${a.status}: ${a.body.toString('utf8').slice(0, 300)}`);
    return { ms: performance.now() - t0, bytes: a.body.length };
  };
  const coldFeed = await timed(FEED_PATH);
  const coldSitemap = await timed('/sitemap.xml');
  report.cold = { feedMs: coldFeed.ms, sitemapMs: coldSitemap.ms, sitemapBytes: coldSitemap.bytes };
  console.log(`cold builds: category feed ${coldFeed.ms.toFixed(0)} ms, sitemap ${coldSitemap.ms.toFixed(0)} ms (${fmt(coldSitemap.bytes)} B)`);
  const pagePaths = spreadIds(ctx.notices, ctx.pages).map((id) => `/gk/notices/${id}`);
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-web-'));
  const rmWork = () => rmSync(work, { recursive: true, force: true });
  ctx.cleanup.add(`remove ${work}`, async () => rmWork(), rmWork);
  const manifest: BaselineManifest = { port: await freePort(), routes: [] };
  const sizes: number[] = [];
  let feed: Buffer = Buffer.alloc(0);
  let feedBr = 0;
  const brSizes: number[] = [];
  for (const [i, path] of [...pagePaths, FEED_PATH].entries()) {
    // As a browser asks (br or gzip): the baseline replays the same compressed bytes and headers.
    const a = await httpGet(base + path, ACCEPT);
    if (a.status !== 200) throw new Error(`GET ${path} answered ${a.status}: ${a.body.toString('utf8').slice(0, 300)}`);
    const bodyFile = join(work, `${i}.body`);
    writeFileSync(bodyFile, a.body);
    manifest.routes.push({ path, contentType: String(a.headers['content-type']), etag: String(a.headers.etag), bodyFile, headers: replayHeaders(a.headers) });
    const identity = a.headers['content-encoding'] === 'br' ? brotliDecompressSync(a.body) : a.body;
    if (path === FEED_PATH) {
      feed = identity;
      feedBr = a.body.length;
    } else {
      sizes.push(identity.length);
      brSizes.push(a.body.length);
    }
  }
  const feedItems = (feed.toString('utf8').match(/<item>/g) ?? []).length;
  if (feedItems !== 50) report.notes.push(`${FEED_PATH} holds ${feedItems} items, expected 50`);
  report.bodies = {
    pages: pagePaths.length,
    pageMin: Math.min(...sizes),
    pageMax: Math.max(...sizes),
    pageMean: sizes.reduce((a, b) => a + b, 0) / sizes.length,
    feed: feed.length,
    feedItems,
    pageBrMean: brSizes.reduce((a, b) => a + b, 0) / brSizes.length,
    feedBr,
  };
  console.log(`${pagePaths.length} notice pages ${fmt(report.bodies.pageMin)}–${fmt(report.bodies.pageMax)} B; feed ${fmt(feed.length)} B, ${feedItems} items`);

  writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
  const baseline = spawnChild(ctx.cleanup, 'baseline (public web)', ['-r', '@swc-node/register', join(__dirname, 'baseline-server.ts'), join(work, 'manifest.json')], ctx.childEnv({}), ROOT);
  const baselineBase = `http://127.0.0.1:${manifest.port}`;
  await waitFor200(baselineBase + FEED_PATH, baseline, 30_000);
  if (!(await httpGet(baselineBase + pagePaths[0]!, ACCEPT)).body.equals((await httpGet(base + pagePaths[0]!, ACCEPT)).body)) throw new Error('baseline does not replay the page bytes');

  // 4. Load: baseline then server per endpoint, in rounds; the tables show medians.
  report.loadBefore = loadavg()[0];
  const serverPid = server.process.pid!;
  const baselinePid = baseline.process.pid!;
  const lines: [label: string, url: string, pid: number, paths?: string[]][] = [
    [`baseline notice pages (${pagePaths.length})`, baselineBase, baselinePid, pagePaths],
    [`server notice pages (${pagePaths.length})`, base, serverPid, pagePaths],
    ['baseline category feed', baselineBase + FEED_PATH, baselinePid],
    ['server category feed', base + FEED_PATH, serverPid],
  ];
  const samples: Measurement[][] = lines.map(() => []);
  for (let round = 1; round <= ctx.repeat; round += 1) {
    if (ctx.repeat > 1) console.log(` round ${round} of ${ctx.repeat}`);
    for (const [i, [label, url, pid, paths]] of lines.entries()) samples[i]!.push(await ctx.measure(label, url, pid, paths));
  }
  const [bp, sp, bf, sf] = samples.map(ctx.median) as [Measurement, Measurement, Measurement, Measurement];
  report.rows = [
    { endpoint: `notice page \`GET /gk/notices/:id\` (${pagePaths.length} ids in turn)`, baseline: bp, server: sp },
    { endpoint: `category feed \`GET ${FEED_PATH}\` (RSS, 50 items)`, baseline: bf, server: sf },
  ];
  for (const m of [bp, sp, bf, sf]) {
    if (m.status.non2xx || m.status.errors || m.status.timeouts) report.notes.push(`${m.label}: ${m.status.non2xx} non-2xx, ${m.status.errors} errors, ${m.status.timeouts} timeouts`);
  }

  // 5. Stop both; what the server logged is a finding.
  await baseline.stop();
  await server.stop();
  const { code, signal } = await server.exited;
  if (code !== 0 && code !== null) report.notes.push(`server exited with code ${code} (signal ${signal}) after SIGTERM`);
  for (const line of server.problems) report.notes.push(`server log: ${line}`);
  for (const line of baseline.problems) report.notes.push(`baseline log: ${line}`);
}

export function webSection(r: WebReport, gated: boolean): { text: string; failed: boolean } {
  const out = [`## Public web, ${r.label}`, ''];
  let failed = false;
  if (r.seed) {
    out.push(
      `Seeded ${fmt(r.seed.notices)} notices in ${(r.seed.ms / 1000).toFixed(1)} s; ` +
        (r.serverStartMs !== undefined ? `server ready in ${(r.serverStartMs / 1000).toFixed(1)} s; ` : '') +
        (r.bodies ? `${r.bodies.pages} notice pages ${fmt(r.bodies.pageMin)}–${fmt(r.bodies.pageMax)} B (mean ${fmt(r.bodies.pageMean)} B, br ${fmt(r.bodies.pageBrMean)} B), feed ${fmt(r.bodies.feed)} B (br ${fmt(r.bodies.feedBr)} B) with ${r.bodies.feedItems} items; requested with accept-encoding "${ACCEPT['accept-encoding']}"; ` : '') +
        (r.cold ? `first (uncached) answers: category feed ${fmt(r.cold.feedMs)} ms, sitemap ${fmt(r.cold.sitemapMs)} ms (${fmt(r.cold.sitemapBytes)} B); ` : '') +
        (r.loadBefore !== undefined ? `1-min load average before the load runs ${r.loadBefore.toFixed(2)} (${cpus().length} cores).` : ''),
      '',
    );
  }
  if (r.rows) {
    out.push(`| endpoint | baseline req/s | server req/s | ratio | baseline p99 ms | server p99 ms | baseline CPU µs/req | server CPU µs/req | CPU ratio (target ≤ ${CPU_TARGETS.maxRatio}) |`, '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of r.rows) {
      const cpu = (m: Measurement) => (m.cpuUsPerReq === null ? '?' : fmt(m.cpuUsPerReq));
      const cpuRatio = row.server.cpuUsPerReq !== null && row.baseline.cpuUsPerReq ? (row.server.cpuUsPerReq / row.baseline.cpuUsPerReq).toFixed(2) : '?';
      out.push(
        `| ${row.endpoint} | ${fmt(row.baseline.reqPerSec)} | ${fmt(row.server.reqPerSec)} | ${(row.server.reqPerSec / row.baseline.reqPerSec).toFixed(2)} | ${ms(row.baseline.p99)} | ${ms(row.server.p99)} | ${cpu(row.baseline)} | ${cpu(row.server)} | ${cpuRatio} |`,
      );
    }
    out.push('');
    const tag = (ok: boolean) => (ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)');
    for (const row of r.rows) {
      const ratio = row.server.reqPerSec / row.baseline.reqPerSec;
      const ratioOk = ratio >= WEB_TARGETS.minRatio;
      const p99Ok = row.server.p99 <= WEB_TARGETS.maxP99Ms;
      // When bare node:http cannot answer within the p99 target either (a large body at this many
      // connections on a busy machine), the machine sets the p99, not the server: reported, not failed.
      const reachable = row.baseline.p99 <= WEB_TARGETS.maxP99Ms;
      const name = row.endpoint.split(' `')[0];
      out.push(
        `- ${tag(ratioOk)}: ${name} ratio ${ratio.toFixed(3)} ≥ ${WEB_TARGETS.minRatio}`,
        p99Ok || reachable
          ? `- ${tag(p99Ok)}: ${name} p99 ${ms(row.server.p99)} ms ≤ ${WEB_TARGETS.maxP99Ms} ms`
          : `- NOT REACHABLE HERE: ${name} p99 ${ms(row.server.p99)} ms > ${WEB_TARGETS.maxP99Ms} ms, but the bare baseline's own p99 is ${ms(row.baseline.p99)} ms`,
      );
      if (gated && (!ratioOk || (!p99Ok && reachable))) failed = true;
      // Issue 20's CPU target holds for the public pages; the feed's figures are reported.
      if (row.endpoint.startsWith('notice page') && row.server.cpuUsPerReq !== null && row.baseline.cpuUsPerReq !== null) {
        const cpuRatio = row.server.cpuUsPerReq / row.baseline.cpuUsPerReq;
        const cpuOk = cpuRatio <= CPU_TARGETS.maxRatio;
        out.push(`- ${tag(cpuOk)}: ${name} CPU ${ms(row.server.cpuUsPerReq)} µs/req = ${cpuRatio.toFixed(2)} × baseline ${ms(row.baseline.cpuUsPerReq)} µs/req ≤ ${CPU_TARGETS.maxRatio}`);
        if (gated && !cpuOk) failed = true;
      }
    }
  }
  if (r.error) {
    out.push(`- ERROR: ${r.error.split('\n')[0]}`);
    failed = true;
  }
  for (const note of r.notes) out.push(`- note: ${note}`);
  if (!r.error && !r.notes.length) out.push('- no non-2xx answers, errors or server warnings');
  return { text: out.join('\n'), failed };
}
