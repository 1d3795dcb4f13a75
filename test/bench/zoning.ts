import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ZONING_RULE_COLUMNS, type ZoningLookupResult, type ZoningParity, type ZoningStage } from '@gongkai/shared';
import type { ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../../server/src/zoning/zoning-data';
import { ZoningIndex } from '../../server/src/zoning/matching/zoning-index';
import type { BaselineManifest } from './baseline-server';
import type { Measurement } from './bench';
import { Cleanup, freePort, httpGet, spawnChild, waitFor200 } from '../support/processes';
import { zoningXlsx } from '../support/zoning-files';

/**
 * 学区查询 under load (issue 15, item 6): a county of 5,000+ zone rules (20 镇街, 25 社区 / 村
 * each, roads split by side and range, compounds split by building, whole villages, roads of the
 * same name in every town, 随迁子女 rules), imported and published through the built CLI
 * (`zoning import --publish`, the set-up path), then `GET /api/v1/zoning/lookup?q=…` at 64
 * connections over a few hundred addresses in turn (matched, ambiguous, none; typos, numerals,
 * full-width digits), against bare node:http replaying the server's own answers in the same run.
 * Target: p99 ≤ 10 ms (SQLite gated, MariaDB reported). Also the engine alone, in this process:
 * the index's build time and each lookup's p50 / p99.
 */
const ROOT = resolve(__dirname, '../..');
export const ZONING_TARGETS = { maxP99Ms: 10, minRules: 5000 };
const YEAR = 2026;
const YEARS_PATH = '/api/v1/zoning/years';

export interface ZoningContext {
  cleanup: Cleanup;
  jwtSecret: string;
  privacyEnv: Record<string, string>;
  dbEnv: Record<string, string>;
  serverNodeArgs: string[];
  childEnv: (extra: Record<string, string>) => NodeJS.ProcessEnv;
  /** bench.ts's autocannon run; `paths` are requested in turn on `url`'s origin. */
  measure: (label: string, url: string, pid: number, paths?: string[]) => Promise<Measurement>;
  median: (runs: Measurement[]) => Measurement;
  repeat: number;
}

export interface ZoningReport {
  label: string;
  rules?: number;
  importMs?: number;
  serverStartMs?: number;
  /** The first lookup after start builds the index over the whole table. */
  coldMs?: number;
  loadBefore?: number;
  answers?: { addresses: number; matched: number; ambiguous: number; none: number; bodyMin: number; bodyMax: number };
  engine?: EngineNumbers;
  rows?: { endpoint: string; baseline: Measurement; server: Measurement }[];
  /** The same server answering prebuilt bytes (GET /zoning/years): what any request costs it. */
  reference?: Measurement;
  notes: string[];
  error?: string;
}

interface EngineNumbers {
  buildMs: number;
  lookups: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/* ---------- the county, built in code ---------- */

/** Deterministic: the same county and addresses on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters of place names; no numerals (一二三…十百千万两), which the lookup reads as digits.
const SYLLABLES = Array.from('安宝北城东方丰凤福富阜光广禾和河红宏华桦槐惠吉嘉金锦晋景康兰蓝利莲林柳龙鲁茂梅民明南宁平浦祁青庆仁荣瑞润尚盛寿顺泰桃天田旺文西夏祥欣新兴秀旭阳杨怡益银永涌玉裕园悦云枣泽长正中朱竹紫');
const TOWN_NAMES = ['宝城街道', '宝都街道', '朱刘街道', '五图街道', '首阳山旅游度假区', '乔官镇', '营丘镇', '鄌郚镇', '红河镇'];
const URBAN_TOWNS = 5;
const TOWNS = 20;
const VILLAGES_PER_TOWN = 25;
const SHARED_ROADS = ['人民路', '文化路'];

interface County {
  data: ZoningTableData;
  /** The first sheet's rows (headers first) and 学校信息, as the bureau's spreadsheet has them. */
  sheets: { rules: string[][]; schools: string[][] };
  addresses: string[];
}

const STAGE_LABEL: Record<ZoningStage, string> = { primary: '小学', junior: '初中' };
const PARITY_LABEL: Record<ZoningParity, string> = { all: '全', odd: '单', even: '双' };

export function syntheticCounty(): County {
  const random = prng(15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const used = new Set<string>([...TOWN_NAMES, ...SHARED_ROADS]);
  const fresh = (suffix: string): string => {
    for (;;) {
      const name = pick(SYLLABLES) + pick(SYLLABLES) + suffix;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const towns = [...TOWN_NAMES];
  while (towns.length < TOWNS) towns.push(fresh('镇'));

  const schools: ZoningSchoolRow[] = [];
  const rules: ZoningRuleRow[] = [];
  const school = (name: string, kind: ZoningSchoolRow['kind']) => {
    schools.push({ name, kind, ownership: 'public', address: `昌乐县${name}`, phone: `0536-62${String(schools.length).padStart(5, '0')}`, capacity: null, sourceRow: null });
    return name;
  };
  const add = (stage: ZoningStage, school: string, town: string, village: string, compound: string, more: Partial<ZoningRuleRow> = {}) => {
    rules.push({ stage, school, town, village, compound, from: null, to: null, parity: 'all', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: null, sourceRow: null, ...more });
  };

  // What the addresses are made of.
  const roads: { town: string; road: string }[] = [];
  const gardens: { town: string; name: string }[] = [];
  const splitCompounds: { town: string; name: string }[] = [];
  const villages: { town: string; name: string }[] = [];

  for (const [t, town] of towns.entries()) {
    const stem = town.replace(/(街道|旅游度假区|镇)$/, '');
    const junior = school(`昌乐县${stem}中学`, 'junior');
    const central = school(`昌乐县${stem}中心小学`, 'primary');
    const second = school(`昌乐县${stem}第二小学`, 'primary');
    const third = school(`昌乐县${stem}第三小学`, 'primary');
    add('junior', junior, town, '', '');
    // Urban 街道: 随迁子女 of the whole town go to one designated school.
    if (t < URBAN_TOWNS) add('primary', third, town, '', '', { applicant: 'migrant' });
    for (let v = 0; v < VILLAGES_PER_TOWN; v += 1) {
      const village = fresh(t < URBAN_TOWNS && v < 12 ? '社区' : '村');
      villages.push({ town, name: village });
      add('primary', v % 2 ? central : second, town, village, '');
      for (let r = 0; r < 2; r += 1) {
        const road = fresh(pick(['路', '街', '大街']));
        roads.push({ town, road });
        // Odd side to one school, even to another, then a range of both sides that meets them at 99 / 101.
        add('primary', central, town, village, road, { from: 1, to: 99, parity: 'odd' });
        add('primary', second, town, village, road, { from: 2, to: 100, parity: 'even' });
        add('primary', third, town, village, road, { from: 101, to: 299 });
      }
      const garden = fresh(pick(['花园', '小区', '苑', '名都']));
      gardens.push({ town, name: garden });
      add('primary', second, town, village, garden);
      const split = fresh(pick(['家园', '新村', '华庭', '公寓']));
      splitCompounds.push({ town, name: split });
      add('primary', central, town, village, split, { buildingFrom: 1, buildingTo: 10 });
      add('primary', third, town, village, split, { buildingFrom: 11, buildingTo: 20 });
    }
    // The same road names in every town.
    for (const road of SHARED_ROADS) {
      add('primary', central, town, '', road, { from: 1, to: 199, parity: 'odd' });
      add('primary', second, town, '', road, { from: 2, to: 200, parity: 'even' });
    }
  }

  const sheets = {
    rules: [
      ZONING_RULE_COLUMNS.map((c) => c.header),
      ...rules.map((r) => {
        const cells: Record<string, string> = {
          stage: STAGE_LABEL[r.stage],
          school: r.school,
          town: r.town,
          village: r.village,
          place: r.compound,
          from: r.from === null ? '' : String(r.from),
          to: r.to === null ? '' : String(r.to),
          parity: PARITY_LABEL[r.parity],
          note: '',
          buildingFrom: r.buildingFrom === null ? '' : String(r.buildingFrom),
          buildingTo: r.buildingTo === null ? '' : String(r.buildingTo),
          applicant: r.applicant === 'migrant' ? '随迁子女' : r.applicant === 'local' ? '本地户籍' : '全部',
          condition: '',
        };
        return ZONING_RULE_COLUMNS.map((c) => cells[c.key]!);
      }),
    ],
    schools: [['学校', '学段', '地址', '电话'], ...schools.map((s) => [s.name, s.kind === 'junior' ? '初中' : '小学', s.address, s.phone])],
  };

  // A few hundred addresses as parents type them: mostly found, some to complete, some not in the table.
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const inWords = (n: number) => (n < 10 ? CN[n]! : n < 20 ? `十${n % 10 ? CN[n % 10] : ''}` : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`);
  const typo = (name: string) => {
    const i = Math.floor(random() * (name.length - 1));
    return name.slice(0, i) + pick(SYLLABLES) + name.slice(i + 1);
  };
  const addresses: string[] = [];
  for (let i = 0; i < 80; i += 1) {
    const { town, road } = pick(roads);
    const n = 1 + Math.floor(random() * 299);
    addresses.push(i % 4 === 0 ? `山东省潍坊市昌乐县${town}${road}${n}号` : i % 4 === 1 ? `${road}${fullWidth(String(n))}号` : i % 4 === 2 ? `${town} ${road} ${n}号 ${1 + (n % 5)}单元` : `${road}${n}`);
  }
  for (let i = 0; i < 50; i += 1) {
    const { town, name } = pick(splitCompounds);
    const b = 1 + Math.floor(random() * 20);
    addresses.push(i % 3 === 0 ? `${name}${inWords(b)}号楼${1 + (b % 3)}单元${100 + b}室` : i % 3 === 1 ? `${town}${name}${b}-2-501` : `${name}${b}栋`);
  }
  for (let i = 0; i < 30; i += 1) {
    const { town, name } = pick(gardens);
    addresses.push(i % 2 ? `${town}${name}${1 + (i % 9)}号楼` : `${name}`);
  }
  for (let i = 0; i < 30; i += 1) {
    const { town, name } = pick(villages);
    addresses.push(i % 2 ? `${town}${name}` : `${name}${10 + i}号`);
  }
  // To complete: a road without its number, a compound without its building, a shared road without its town, a town alone.
  for (let i = 0; i < 20; i += 1) addresses.push(pick(roads).road);
  for (let i = 0; i < 20; i += 1) addresses.push(pick(splitCompounds).name);
  for (let i = 0; i < 20; i += 1) addresses.push(`${pick(SHARED_ROADS)}${1 + Math.floor(random() * 199)}号`);
  for (let i = 0; i < 10; i += 1) addresses.push(pick(towns));
  // Typos (one character wrong), and places that are not in the table.
  for (let i = 0; i < 30; i += 1) addresses.push(`${typo(pick(gardens).name)}${1 + (i % 9)}号楼`);
  for (let i = 0; i < 40; i += 1) addresses.push(`${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}大道${1 + Math.floor(random() * 500)}号`);
  return { data: { schools, rules, aliases: [] }, sheets, addresses };
}

/* ---------- the engine alone ---------- */

function engineNumbers(county: County, rounds: number): EngineNumbers {
  const t0 = performance.now();
  const index = new ZoningIndex(county.data);
  const buildMs = performance.now() - t0;
  const samples: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of county.addresses) {
      const s = performance.now();
      index.lookup({ q });
      samples.push((performance.now() - s) * 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { buildMs, lookups: samples.length, p50Us: at(0.5), p99Us: at(0.99), maxUs: samples[samples.length - 1]! };
}

/* ---------- the run ---------- */

export async function benchZoning(ctx: ZoningContext, report: ZoningReport): Promise<void> {
  console.log(`\n== zoning lookup (${report.label}) ==`);
  const county = syntheticCounty();
  report.rules = county.data.rules.length;
  if (report.rules < ZONING_TARGETS.minRules) report.notes.push(`the county has ${report.rules} rules, fewer than ${ZONING_TARGETS.minRules}`);

  // 1. The engine alone (warmed by a first round, as the server's index is after its first request).
  engineNumbers(county, 1);
  report.engine = engineNumbers(county, 20);
  const e = report.engine;
  console.log(`engine: index over ${fmt(report.rules)} rules built in ${e.buildMs.toFixed(0)} ms; ${fmt(e.lookups)} lookups p50 ${e.p50Us.toFixed(0)} µs, p99 ${e.p99Us.toFixed(0)} µs, max ${e.maxUs.toFixed(0)} µs`);

  // 2. The spreadsheet, imported and published by the built CLI (it migrates the empty database first).
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-zoning-'));
  const rmWork = () => rmSync(work, { recursive: true, force: true });
  ctx.cleanup.add(`remove ${work}`, async () => rmWork(), rmWork);
  const file = join(work, `昌乐县${YEAR}年义务教育学校划片范围.xlsx`);
  writeFileSync(file, await zoningXlsx(county.sheets));
  const env = ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true' });
  const t0 = performance.now();
  await promisify(execFile)(process.execPath, [join(ROOT, 'server/dist/cli.js'), 'zoning', 'import', '--year', String(YEAR), '--file', file, '--publish'], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  report.importMs = performance.now() - t0;
  console.log(`imported and published ${fmt(report.rules)} rules through the CLI in ${(report.importMs / 1000).toFixed(1)} s`);

  // 3. The built server in its own process.
  const port = await freePort();
  const server = spawnChild(
    ctx.cleanup,
    `server (zoning, ${report.label})`,
    [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
    // One client address sends every lookup: the per-address limit on searches that find nothing is off.
    ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true', RATE_LIMIT_SEARCH_MAX: '0' }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}`;
  report.serverStartMs = await waitFor200(`${base}/api/v1/categories`, server, 60_000);
  console.log(`server answered after ${(report.serverStartMs / 1000).toFixed(1)} s on ${base}`);

  // 4. Every address once: the answers (the first builds the index), kept for the baseline.
  const paths = county.addresses.map((q, i) => `/api/v1/zoning/lookup?q=${encodeURIComponent(q)}${i % 3 === 0 ? '&applicant=local' : ''}`);
  const manifest: BaselineManifest = { port: await freePort(), routes: [] };
  const counts = { matched: 0, ambiguous: 0, none: 0 };
  const sizes: number[] = [];
  for (const [i, path] of paths.entries()) {
    const started = performance.now();
    const a = await httpGet(base + path, {}, 60_000);
    if (i === 0) report.coldMs = performance.now() - started;
    if (a.status !== 200) throw new Error(`GET ${decodeURIComponent(path)} answered ${a.status}: ${a.body.toString('utf8').slice(0, 300)}`);
    const answer = JSON.parse(a.body.toString('utf8')) as ZoningLookupResult;
    counts[answer.status] += 1;
    sizes.push(a.body.length);
    const bodyFile = join(work, `${i}.json`);
    writeFileSync(bodyFile, a.body);
    manifest.routes.push({ path, contentType: String(a.headers['content-type']), etag: String(a.headers.etag ?? 'W/"zoning"'), bodyFile });
  }
  report.answers = { addresses: paths.length, ...counts, bodyMin: Math.min(...sizes), bodyMax: Math.max(...sizes) };
  console.log(`${paths.length} addresses: ${counts.matched} matched, ${counts.ambiguous} ambiguous, ${counts.none} none; bodies ${fmt(report.answers.bodyMin)}–${fmt(report.answers.bodyMax)} B; first lookup (index build) ${report.coldMs!.toFixed(0)} ms`);

  writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
  const baseline = spawnChild(ctx.cleanup, 'baseline (zoning)', ['-r', '@swc-node/register', join(__dirname, 'baseline-server.ts'), join(work, 'manifest.json')], ctx.childEnv({}), ROOT);
  const baselineBase = `http://127.0.0.1:${manifest.port}`;
  await waitFor200(baselineBase + paths[0]!, baseline, 30_000);
  if (!(await httpGet(baselineBase + paths[1]!)).body.equals((await httpGet(base + paths[1]!)).body)) throw new Error('baseline does not replay the lookup bytes');

  // 5. Load: baseline then server, in rounds; the table shows medians.
  report.loadBefore = loadavg()[0];
  // The last line is a reference, not a target: prebuilt bytes through the same server (its floor per request).
  const lines: [label: string, url: string, pid: number, paths?: string[]][] = [
    [`baseline lookups (${paths.length})`, baselineBase, baseline.process.pid!, paths],
    [`server lookups (${paths.length})`, base, server.process.pid!, paths],
    ['server years (prebuilt bytes)', `${base}${YEARS_PATH}`, server.process.pid!],
  ];
  const samples: Measurement[][] = lines.map(() => []);
  for (let round = 1; round <= ctx.repeat; round += 1) {
    if (ctx.repeat > 1) console.log(` round ${round} of ${ctx.repeat}`);
    for (const [i, [label, url, pid, list]] of lines.entries()) samples[i]!.push(await ctx.measure(label, url, pid, list));
  }
  const [b, s, y] = samples.map(ctx.median) as [Measurement, Measurement, Measurement];
  report.rows = [{ endpoint: `lookup \`GET /api/v1/zoning/lookup?q=…\` (${paths.length} addresses in turn)`, baseline: b, server: s }];
  report.reference = y;
  for (const m of [b, s, y]) {
    if (m.status.non2xx || m.status.errors || m.status.timeouts) report.notes.push(`${m.label}: ${m.status.non2xx} non-2xx, ${m.status.errors} errors, ${m.status.timeouts} timeouts`);
  }

  // 6. Stop both; what the server logged is a finding.
  await baseline.stop();
  await server.stop();
  const { code, signal } = await server.exited;
  if (code !== 0 && code !== null) report.notes.push(`server exited with code ${code} (signal ${signal}) after SIGTERM`);
  for (const line of server.problems) report.notes.push(`server log: ${line}`);
  for (const line of baseline.problems) report.notes.push(`baseline log: ${line}`);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? fmt(n) : n.toFixed(n % 1 === 0 ? 0 : 1));

export function zoningSection(r: ZoningReport, gated: boolean): { text: string; failed: boolean } {
  const out = [`## Zoning lookup, ${r.label}`, ''];
  let failed = false;
  const facts: string[] = [];
  if (r.rules !== undefined) facts.push(`${fmt(r.rules)} rules`);
  if (r.importMs !== undefined) facts.push(`imported and published by \`zoning import --publish\` in ${(r.importMs / 1000).toFixed(1)} s`);
  if (r.serverStartMs !== undefined) facts.push(`server ready in ${(r.serverStartMs / 1000).toFixed(1)} s`);
  if (r.coldMs !== undefined) facts.push(`first lookup (builds the index) ${fmt(r.coldMs)} ms`);
  if (r.answers) facts.push(`${r.answers.addresses} addresses: ${r.answers.matched} matched, ${r.answers.ambiguous} ambiguous, ${r.answers.none} none; answers ${fmt(r.answers.bodyMin)}–${fmt(r.answers.bodyMax)} B`);
  if (r.loadBefore !== undefined) facts.push(`1-min load average before the load runs ${r.loadBefore.toFixed(2)} (${cpus().length} cores)`);
  if (facts.length) out.push(`${facts.join('; ')}.`, '');
  if (r.engine) {
    out.push(
      `Engine alone (ZoningIndex in the bench process): built in ${r.engine.buildMs.toFixed(0)} ms; ${fmt(r.engine.lookups)} lookups p50 ${r.engine.p50Us.toFixed(0)} µs, p99 ${r.engine.p99Us.toFixed(0)} µs, max ${r.engine.maxUs.toFixed(0)} µs.`,
      '',
    );
  }
  if (r.rows) {
    out.push('| endpoint | baseline req/s | server req/s | ratio | baseline p50 ms | server p50 ms | baseline p99 ms | server p99 ms | server CPU µs/req |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of r.rows) {
      out.push(
        `| ${row.endpoint} | ${fmt(row.baseline.reqPerSec)} | ${fmt(row.server.reqPerSec)} | ${(row.server.reqPerSec / row.baseline.reqPerSec).toFixed(2)} | ${ms(row.baseline.p50)} | ${ms(row.server.p50)} | ${ms(row.baseline.p99)} | ${ms(row.server.p99)} | ${row.server.cpuUsPerReq === null ? '?' : fmt(row.server.cpuUsPerReq)} |`,
      );
    }
    if (r.reference) {
      const y = r.reference;
      out.push(`| reference: \`GET ${YEARS_PATH}\` (prebuilt bytes, same server) | | ${fmt(y.reqPerSec)} | | | ${ms(y.p50)} | | ${ms(y.p99)} | ${y.cpuUsPerReq === null ? '?' : fmt(y.cpuUsPerReq)} |`);
    }
    out.push('');
    const tag = (ok: boolean) => (ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)');
    for (const row of r.rows) {
      const ok = row.server.p99 <= ZONING_TARGETS.maxP99Ms;
      // When bare node:http cannot answer within the target either, the machine sets the p99, not the server.
      const reachable = row.baseline.p99 <= ZONING_TARGETS.maxP99Ms;
      out.push(
        ok || reachable
          ? `- ${tag(ok)}: lookup p99 ${ms(row.server.p99)} ms ≤ ${ZONING_TARGETS.maxP99Ms} ms`
          : `- NOT REACHABLE HERE: lookup p99 ${ms(row.server.p99)} ms > ${ZONING_TARGETS.maxP99Ms} ms, but the bare baseline's own p99 is ${ms(row.baseline.p99)} ms`,
      );
      if (gated && !ok && reachable) failed = true;
    }
  }
  if (gated && r.rules !== undefined && r.rules < ZONING_TARGETS.minRules) failed = true;
  if (r.error) {
    out.push(`- ERROR: ${r.error.split('\n')[0]}`);
    failed = true;
  }
  for (const note of r.notes) out.push(`- note: ${note}`);
  if (!r.error && !r.notes.length) out.push('- no non-2xx answers, errors or server warnings');
  return { text: out.join('\n'), failed };
}
