import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LegacyColumn } from '../fakes/portal/legacy-column';
import type { Cleanup } from '../support/processes';

/**
 * Legacy import: `portal import` (the built CLI, in its own process, as an operator runs it) reads
 * a TRS column of N pages from the fake portal (in the bench process: list pages of 20, detail
 * pages of about 3 KB, each with a picture and an attachment link) into an empty database as
 * published legacy items; then the same command again, which must create nothing (idempotent:
 * conditional GETs answered 304, nothing written).
 */
const ROOT = resolve(__dirname, '../..');

export function importSettingsFromEnv(num: (name: string, fallback: number, min: number) => number) {
  return {
    pages: Math.round(num('BENCH_IMPORT_PAGES', 5000, 10)),
    concurrency: Math.round(num('BENCH_IMPORT_CONCURRENCY', 8, 1)),
  };
}
export type ImportSettings = ReturnType<typeof importSettingsFromEnv>;

export interface ImportContext {
  cleanup: Cleanup;
  jwtSecret: string;
  privacyEnv: Record<string, string>;
  dbEnv: Record<string, string>;
  childEnv: (extra: Record<string, string>) => NodeJS.ProcessEnv;
}

export interface ImportReport {
  label: string;
  pages?: number;
  first?: { ms: number; counts: string; pagesPerSecond: number };
  second?: { ms: number; counts: string };
  /** Requests the fake answered during each run (lists + items). */
  requests?: { first: number; second: number; notModified: number };
  notes: string[];
  error?: string;
}

const COUNTS = /new (\d+) · updated (\d+) · unchanged (\d+) · failed (\d+)/;

export async function benchImport(ctx: ImportContext, is: ImportSettings, report: ImportReport): Promise<void> {
  console.log(`\n== legacy import (${report.label}) ==`);
  const column = new LegacyColumn({ items: is.pages, special: false, perPage: 20 });
  column.logRequests = true;
  await column.start();
  const stopColumn = ctx.cleanup.add('stop the fake portal', () => column.stop());
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-import-'));
  const rm = () => rmSync(dir, { recursive: true, force: true });
  ctx.cleanup.add(`remove ${dir}`, async () => rm(), rm);
  const sourcesFile = join(dir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify({ sources: [column.htmlSource('bench', { fetch: { timeoutMs: 30_000, maxBytes: 2 * 1024 * 1024, concurrency: is.concurrency } })] }));
  const env = ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true', PORTAL_SOURCES_FILE: sourcesFile, ADMIN_PASSWORD: 'bench-import-password' });
  const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(ROOT, 'server/dist/cli.js'), ...args], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });

  // The unit of the column's items and the account named as their author (admin: it may write for any unit).
  await cli(['create-admin', '--username', 'portal-import', '--unit-code', 'BUREAU0000000001', '--unit-name', '压测县教育局']);
  report.pages = is.pages;

  const run = async (): Promise<{ ms: number; counts: string; stdout: string }> => {
    const t0 = performance.now();
    const { stdout } = await cli(['portal', 'import', '--source', 'bench']);
    const ms = performance.now() - t0;
    const counts = COUNTS.exec(stdout);
    if (!counts) throw new Error(`no summary in the output:\n${stdout.slice(0, 2000)}`);
    return { ms, counts: counts[0], stdout };
  };

  const first = await run();
  const firstRequests = column.requests.length;
  report.first = { ms: first.ms, counts: first.counts, pagesPerSecond: (is.pages / first.ms) * 1000 };
  console.log(`first run: ${first.counts} in ${(first.ms / 1000).toFixed(1)} s → ${Math.round(report.first.pagesPerSecond)} pages/s (${firstRequests} requests)`);
  if (first.counts !== `new ${is.pages} · updated 0 · unchanged 0 · failed 0`) report.notes.push(`first run: ${first.counts}, expected new ${is.pages}`);

  column.clear();
  const second = await run();
  const notModified = column.requests.filter((r) => r.headers['if-none-match']).length;
  report.second = { ms: second.ms, counts: second.counts };
  report.requests = { first: firstRequests, second: column.requests.length, notModified };
  console.log(`second run: ${second.counts} in ${(second.ms / 1000).toFixed(1)} s (${column.requests.length} requests, ${notModified} conditional)`);
  if (second.counts !== `new 0 · updated 0 · unchanged ${is.pages} · failed 0`) report.notes.push(`second run: ${second.counts}, expected unchanged ${is.pages}`);
  await stopColumn();
}

export function importSection(r: ImportReport, is: ImportSettings): { text: string; failed: boolean } {
  const out = [`## Legacy import, ${r.label}`, ''];
  out.push(
    `${(r.pages ?? is.pages).toLocaleString('en-US')} detail pages (+ ${Math.ceil((r.pages ?? is.pages) / 20)} list pages of 20) from the fake TRS column in the bench process · ` +
      '`node server/dist/cli.js portal import` in its own process, mode "published", fetch.concurrency ' +
      `${is.concurrency} · wall time of the whole command (start-up and migrations check included)`,
    '',
  );
  if (r.first) {
    out.push('| run | result | time | pages/s | requests to the portal |', '|---|---|---:|---:|---:|');
    out.push(`| first (empty database) | ${r.first.counts} | ${(r.first.ms / 1000).toFixed(1)} s | ${Math.round(r.first.pagesPerSecond)} | ${r.requests?.first ?? '?'} |`);
    if (r.second) {
      out.push(`| second (idempotent) | ${r.second.counts} | ${(r.second.ms / 1000).toFixed(1)} s | ${Math.round(((r.pages ?? is.pages) / r.second.ms) * 1000)} | ${r.requests?.second ?? '?'} (${r.requests?.notModified ?? '?'} conditional) |`);
    }
    out.push('');
  }
  if (r.error) out.push(`- ERROR: ${r.error.split('\n')[0]}`);
  for (const note of r.notes) out.push(`- note: ${note}`);
  if (!r.error && !r.notes.length) out.push('- every page imported once; the second run created and changed nothing');
  return { text: out.join('\n'), failed: Boolean(r.error) || r.notes.length > 0 };
}
