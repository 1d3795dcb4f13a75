import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SearchResponse } from '@gongkai/shared';
import type { BaselineManifest } from './baseline-server';
import type { BenchPath, Measurement } from './bench';
import { prng } from './content';
import { seedNotices, withMigratedDatabase, type SeedResult } from './seed';
import type { BenchServerContext } from './server-context';
import { freePort, httpGet, spawnChild, waitFor200, type ManagedChild } from '../support/processes';

/**
 * 搜索 under load (issue 18, item 7): `GET /api/v1/search?q=…` at 64 connections over 20,000 and
 * 100,000 generated notices, each in a fresh database on SQLite and MariaDB. 200 parent queries
 * (words from the generated titles, reordered, quoted, full-width, traditional, typos, natural
 * language, addresses, some that find nothing) plus second pages, requested in turn; one request
 * in ten is a long-tail query never asked before (a parent query with one or two more words and
 * its own page size), so it always misses the server's answer cache and its ranked-list cache.
 * Against bare node:http replaying the server's own answers in the same run. A second line sends
 * only such new queries: what a search costs the engine when nothing is cached. (With
 * BENCH_SEARCH_CACHE_OFF=1, also the mix on a server started with PUBLIC_CACHE_ENTRIES=0; that
 * turns off the catalogue snapshot's cache as well, so it overstates search's own cost, and
 * costs another index build.) Target: p99 ≤ 20 ms at 100,000 notices, gated on both databases.
 */
const ROOT = resolve(__dirname, '../..');
export const SEARCH_TARGETS = { maxP99Ms: 20, gatedAtNotices: 100_000 };
const SEARCH_PATH = '/api/v1/search';
/** One request in MISS_EVERY is a query the server has never answered. */
const MISS_EVERY = 10;
/** Second pages (the cursor of the first) of the first queries that have one. */
const SECOND_PAGES = 12;
/** Long-tail answers captured for the baseline's miss slots (it cannot know answers not yet asked). */
const BASELINE_TAILS = 40;

export interface SearchSettings {
  /** Notices per run, each in a fresh database (BENCH_SEARCH_NOTICES, comma-separated). */
  sizes: number[];
  /** BENCH_SEARCH_CACHE_OFF=1: also the mix on a server with PUBLIC_CACHE_ENTRIES=0. */
  cacheOff: boolean;
}

export function searchSettingsFromEnv(): SearchSettings {
  const raw = process.env.BENCH_SEARCH_NOTICES?.trim() || '20000,100000';
  const sizes = raw.split(',').map((x) => Number(x.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`BENCH_SEARCH_NOTICES must be whole numbers ≥ 100, comma-separated, got "${raw}"`);
  const cacheOff = process.env.BENCH_SEARCH_CACHE_OFF?.trim() ?? '';
  if (cacheOff !== '' && cacheOff !== '0' && cacheOff !== '1') throw new Error(`BENCH_SEARCH_CACHE_OFF must be 0 or 1, got "${cacheOff}"`);
  return { sizes, cacheOff: cacheOff === '1' };
}

export interface SearchContext extends BenchServerContext {
  /** bench.ts's autocannon run; `paths` are requested in turn on `url`'s origin. */
  measure: (label: string, url: string, pid: number, paths: BenchPath[]) => Promise<Measurement>;
  median: (runs: Measurement[]) => Measurement;
  repeat: number;
  settings: SearchSettings;
}

interface StartedServer {
  child: ManagedChild;
  base: string;
  readyMs: number;
  /** The first search after start: it waits for the in-memory index over every notice. */
  firstSearchMs: number;
  rssAfterBuildMb: number | null;
  /** The build as the server logged it ("search index built: N documents, W words, T ms"), if it did. */
  index: { documents: number; words: number; ms: number } | null;
}

export interface SearchReport {
  label: string;
  notices: number;
  seed?: SeedResult;
  cached?: Omit<StartedServer, 'child' | 'base'>;
  uncached?: Omit<StartedServer, 'child' | 'base'>;
  answers?: { paths: number; found: number; partial: number; empty: number; bodyMin: number; bodyMax: number; bodyMean: number; tails: { found: number; partial: number; empty: number } };
  /** Each first answer, one request at a time (nothing queued): what one search costs the server. */
  cold?: { parent: ColdTimes; tail: ColdTimes };
  loadBefore?: number;
  baseline?: Measurement;
  /** The mix: 9 in 10 parent queries (cached after their first answer), 1 in 10 new. */
  server?: Measurement;
  /** Only new long-tail queries: nothing cached. */
  serverNew?: Measurement;
  /** The mix on a server with PUBLIC_CACHE_ENTRIES=0 (BENCH_SEARCH_CACHE_OFF=1). */
  serverCacheOff?: Measurement;
  rssAfterLoadMb?: number | null;
  notes: string[];
  error?: string;
}

interface ColdTimes {
  p50: number;
  p90: number;
  max: number;
  /** The slowest three, as "query (ms)". */
  slowest: string[];
}

function coldTimes(samples: { q: string; ms: number }[]): ColdTimes {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.ms;
  return { p50: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]!.ms, slowest: sorted.slice(-3).reverse().map((x) => `${x.q} (${Math.round(x.ms)})`) };
}

/* ---------- the queries ---------- */

/**
 * What parents type, in the words of the generated notices (content.ts) and around them. Some
 * carry a page size of 20 (see paths()).
 */
export const PARENT_QUERIES: readonly string[] = [
  // 招生入学: the season's questions, in the ways they are typed.
  '招生', '小学 招生', '招生 小学', '小学招生', '初中 招生', '划片', '2026 划片', '学区',
  '学区划分', '学区 划分', '城区 学区划分 公告', '招生范围', '招生 方案', '招生工作方案', '义务教育 招生',
  '2026 招生 方案', '招生简章', '秋季 招生简章', '实验小学 招生简章', '第一中学 招生', '实验中学 招生', '幼升小', '小升初',
  '一年级 报名', '小学 报名 时间', '入学 报名', '新生 入学', '随迁子女', '随迁子女 入学', '随迁子女 报名 须知', '进城务工人员子女',
  '进城务工人员随迁子女', '中考', '中考 成绩', '中考 报名', '2026 中考', '中考 体育', '体育与健康 考试', '初中学业水平考试',
  '学业水平考试 报名', '分数线', '录取分数线', '普通高中 录取 分数线', '2025 分数线', '自主招生', '高中 自主招生', '高中段招生',
  // 学生资助
  '学生资助', '资助', '助学金', '国家助学金', '助学金 名单', '助学金 发放 名单 公示', '高中 助学金', '生活补助', '家庭经济困难 学生',
  '困难学生 补助', '营养改善计划', '助学贷款', '生源地信用助学贷款', '助学贷款 办理', '幼儿资助', '学前教育 资助',
  '资助 公示', '资助资金', '2025 春季 助学金',
  // 学前教育
  '幼儿园', '幼儿园 招生', '公办幼儿园 招生', '秋季 幼儿园 招生', '普惠性 幼儿园', '普惠性民办幼儿园 认定', '幼儿园 认定 结果',
  '保教质量 评估', '学前教育 宣传月', '实验幼儿园', '小学化',
  // 教师, 机构
  '教师招聘', '招聘 教师', '公开招聘教师', '教师 拟聘用 公示', '拟聘用人员', '教师资格认定', '教师资格证', '教师资格证 补发', '县管校聘',
  '教师培训', '职务任免', '任免 通知', '内设机构', '领导 分工', '联系方式',
  // 办事指南
  '转学', '转学 办理', '中小学生转学', '转学 需要 什么 材料', '休学', '休学 复学', '学历证明', '学历证明书 办理', '普通话',
  '普通话水平测试 报名', '民办学校 设立', '校外培训机构', '校外培训 审批', '办事指南', '常见问题', '最多跑一次',
  // 政策文件
  '政策解读', '规范办学', '规范办学行为', '双减', '作业管理', '课后服务', '课后服务 实施方案', '校园安全', '校园安全管理规定',
  '心理健康', '心理健康教育', '劳动教育',
  // 督导, 基础教育
  '督导', '督导 报告', '责任督学', '挂牌督导', '优质均衡', '义务教育 优质均衡', '开学 督导', '开学', '开学 工作 通知', '作息时间',
  '学校 作息时间', '合格考试', '学业水平 合格考', '优质课', '教学能手 评选', '薄弱学校 改造',
  // 学校动态
  '运动会', '田径运动会', '艺术节', '校园艺术节', '开学典礼', '防溺水', '防溺水 安全', '消防 演练', '应急疏散', '家长开放日',
  '读书月', '科技创新', '宪法 演讲', '近视防控', '食品安全', '垃圾分类',
  // 招标采购
  '中标', '中标 结果', '招标', '公开招标', '采购', '采购 公告', '课桌椅', '多媒体 设备 采购', '塑胶跑道', '竞争性磋商', '更正公告', '改薄',
  // Quoted phrases.
  '"学区划分"', '"招生工作方案"', '“随迁子女入学报名须知”', '"国家助学金" 名单', '"教师资格认定" 办事指南', '“实验小学” 招生',
  // Full-width digits, quotes and the ideographic space.
  '２０２６ 划片', '２０２６年 招生', '小学\u3000招生', '中考\u3000成绩', '＂学区划分＂',
  // Traditional characters.
  '學區劃分', '隨遷子女', '招生簡章', '學生資助', '教師招聘', '幼兒園 招生',
  // One character wrong.
  '学生资肋', '随签子女', '招声简章', '中考 成积', '教师资格人定', '助学贷歀',
  // Nothing in an education bureau's notices.
  '高考 志愿 填报', '驾驶证', '医保 报销', '公积金 提取', '疫苗 接种', '房产证 办理', '社保卡', '英语 四级',
  // Questions as sentences, and addresses (the search offers the 学区 answer).
  '孩子 上小学 需要 什么 材料', '外地 孩子 怎么 上学', '人民路 12号', '宝城街道 文化路3号 划片', '城关街道 哪个 学校',
];

/** Words a parent adds to a query: a long-tail query is a parent query with one or two of them. */
const MODIFIERS = [
  '通知', '公告', '公示', '名单', '时间', '条件', '材料', '流程', '方案', '政策', '2024', '2025', '2026', '城区', '最新', '结果',
  '办理', '要求', '安排', '报名', '电话', '哪里', '怎么', '需要', '多少', '什么时候', '学校', '孩子',
];
if (PARENT_QUERIES.length !== 200) throw new Error(`the search bench has ${PARENT_QUERIES.length} parent queries, not 200`);
const TAIL_LIMITS = [5, 8, 12, 15, 20, 25, 30];

const searchPath = (q: string, limit?: number, cursor?: string): string =>
  `${SEARCH_PATH}?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

const wordSet = (q: string): string => [...new Set(q.normalize('NFKC').split(/\s+/).filter(Boolean))].sort().join(' ');

/**
 * Long-tail queries, each asked once: a parent query plus one or two modifiers, with its own page
 * size. Unique by the set of words, so no cache keyed on the folded query (in any word order) or
 * the URL can have answered it before.
 */
export class LongTail {
  /** Parent queries count as asked: a tail never equals one of them. */
  private readonly used = new Set<string>(PARENT_QUERIES.map((q) => wordSet(q)));
  private readonly rand = prng(18_007);
  issued = 0;

  next(): string {
    for (;;) {
      const base = PARENT_QUERIES[Math.floor(this.rand() * PARENT_QUERIES.length)]!;
      const extra = [MODIFIERS[Math.floor(this.rand() * MODIFIERS.length)]!];
      if (this.rand() < 0.5) extra.push(MODIFIERS[Math.floor(this.rand() * MODIFIERS.length)]!);
      const q = `${base} ${extra.join(' ')}`;
      const key = wordSet(q);
      // A repeated word adds nothing a server need distinguish.
      if (this.used.has(key) || key.split(' ').length !== wordSet(base).split(' ').length + extra.length) continue;
      this.used.add(key);
      this.issued += 1;
      return searchPath(q, TAIL_LIMITS[Math.floor(this.rand() * TAIL_LIMITS.length)]!);
    }
  }
}

/** The request cycle: every MISS_EVERY-th entry is `miss`, the others go through `hot` in turn (each hot path 9 times). */
function cycle(hot: string[], miss: (i: number) => BenchPath): BenchPath[] {
  const out: BenchPath[] = [];
  let k = 0;
  for (let j = 0; j < hot.length * MISS_EVERY; j += 1) out.push(j % MISS_EVERY === MISS_EVERY - 1 ? miss(j) : hot[k++ % hot.length]!);
  return out;
}

/* ---------- the run ---------- */

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? fmt(n) : n.toFixed(n % 1 === 0 ? 0 : 1));

function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function startServer(ctx: SearchContext, label: string, extra: Record<string, string>): Promise<StartedServer> {
  const port = await freePort();
  const child = spawnChild(
    ctx.cleanup,
    `server (search, ${label})`,
    [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
    // One client address sends every search: the per-address limit on uncached searches is off.
    ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true', RATE_LIMIT_SEARCH_MAX: '0', ...extra }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitFor200(`${base}/api/v1/categories`, child, 120_000);
  // A query outside the mix, so the measured answers are not touched.
  const t0 = performance.now();
  const first = await httpGet(base + searchPath('教育局'), {}, 300_000);
  const firstSearchMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`first search answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
  const built = /search index built: (\d+) documents, (\d+) words, (\d+) ms/.exec(child.tail());
  const index = built ? { documents: Number(built[1]), words: Number(built[2]), ms: Number(built[3]) } : null;
  return { child, base, readyMs, firstSearchMs, rssAfterBuildMb: rssMb(child.process.pid), index };
}

const startFacts = ({ child: _c, base: _b, ...facts }: StartedServer): Omit<StartedServer, 'child' | 'base'> => facts;

async function stopServer(server: StartedServer, report: SearchReport): Promise<void> {
  await server.child.stop();
  const { code, signal } = await server.child.exited;
  if (code !== 0 && code !== null) report.notes.push(`${server.child.name} exited with code ${code} (signal ${signal}) after SIGTERM`);
  for (const line of server.child.problems) report.notes.push(`${server.child.name} log: ${line}`);
}

export async function benchSearch(ctx: SearchContext, report: SearchReport): Promise<void> {
  console.log(`\n== search (${report.label}, ${fmt(report.notices)} notices) ==`);

  // 1. Schema from the migrations, then the notices (as the read part seeds them).
  report.seed = await withMigratedDatabase(ctx, (ds) => seedNotices(ds, report.notices));
  console.log(`seeded ${fmt(report.seed.notices)} notices in ${(report.seed.ms / 1000).toFixed(1)} s (body mean ${fmt(report.seed.bodyBytes.mean)} B)`);

  // 2. The built server; its first search waits for the index.
  let server = await startServer(ctx, report.label, {});
  report.cached = startFacts(server);
  const built = server.index;
  console.log(
    `server answered after ${(server.readyMs / 1000).toFixed(1)} s; ` +
      (built ? `index of ${fmt(built.documents)} documents, ${fmt(built.words)} words built in ${fmt(built.ms)} ms; ` : 'no index build logged; ') +
      `first search ${fmt(server.firstSearchMs)} ms after that; RSS ${server.rssAfterBuildMb?.toFixed(0) ?? '?'} MB`,
  );
  if (!built) report.notes.push('the server logged no "search index built: …" line');
  else if (built.documents !== report.notices) report.notes.push(`the index holds ${built.documents} documents, not the ${report.notices} notices seeded`);

  // 3. Every parent query once (cold: each builds its answer), then second pages, then long-tail samples for the baseline.
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-search-'));
  const rmWork = () => rmSync(work, { recursive: true, force: true });
  ctx.cleanup.add(`remove ${work}`, async () => rmWork(), rmWork);
  const manifest: BaselineManifest = { port: await freePort(), routes: [] };
  const stats = { found: 0, partial: 0, empty: 0, sizes: [] as number[] };
  const cold = { parent: [] as { q: string; ms: number }[], tail: [] as { q: string; ms: number }[] };
  const capture = async (path: string, times?: { q: string; ms: number }[]): Promise<SearchResponse> => {
    const t0 = performance.now();
    const a = await httpGet(server.base + path, {}, 60_000);
    const took = performance.now() - t0;
    if (a.status !== 200) throw new Error(`GET ${decodeURIComponent(path)} answered ${a.status}: ${a.body.toString('utf8').slice(0, 300)}`);
    const answer = JSON.parse(a.body.toString('utf8')) as SearchResponse;
    times?.push({ q: new URLSearchParams(path.slice(path.indexOf('?'))).get('q') ?? '', ms: took });
    stats.sizes.push(a.body.length);
    const bodyFile = join(work, `${manifest.routes.length}.json`);
    writeFileSync(bodyFile, a.body);
    manifest.routes.push({ path, contentType: String(a.headers['content-type']), etag: String(a.headers.etag ?? 'W/"search"'), bodyFile });
    return answer;
  };
  const hot: string[] = [];
  const cursors: string[] = [];
  for (const [i, q] of PARENT_QUERIES.entries()) {
    const path = searchPath(q, i % 7 === 3 ? 20 : undefined);
    const answer = await capture(path, cold.parent);
    hot.push(path);
    if (answer.items.length === 0) stats.empty += 1;
    else if (answer.partial) stats.partial += 1;
    else stats.found += 1;
    if (answer.nextCursor && cursors.length < SECOND_PAGES && i % 7 !== 3) cursors.push(searchPath(q, undefined, answer.nextCursor));
  }
  for (const path of cursors) {
    await capture(path);
    hot.push(path);
  }
  const tail = new LongTail();
  const tails: string[] = [];
  const tailKinds = { found: 0, partial: 0, empty: 0 };
  for (let i = 0; i < BASELINE_TAILS; i += 1) {
    const path = tail.next();
    const answer = await capture(path, cold.tail);
    tails.push(path);
    if (answer.items.length === 0) tailKinds.empty += 1;
    else if (answer.partial) tailKinds.partial += 1;
    else tailKinds.found += 1;
  }
  const sizes = stats.sizes;
  report.answers = {
    paths: hot.length,
    found: stats.found,
    partial: stats.partial,
    empty: stats.empty,
    bodyMin: Math.min(...sizes),
    bodyMax: Math.max(...sizes),
    bodyMean: sizes.reduce((a, b) => a + b, 0) / sizes.length,
    tails: tailKinds,
  };
  report.cold = { parent: coldTimes(cold.parent), tail: coldTimes(cold.tail) };
  const c = report.cold;
  const r = report.answers;
  console.log(
    `${PARENT_QUERIES.length} queries: ${r.found} found with every word, ${r.partial} partial, ${r.empty} nothing; + ${cursors.length} second pages; ` +
      `answers ${fmt(r.bodyMin)}–${fmt(r.bodyMax)} B (mean ${fmt(r.bodyMean)})\n` +
      `first answers one at a time: parent queries p50 ${ms(c.parent.p50)} / p90 ${ms(c.parent.p90)} / max ${ms(c.parent.max)} ms (${c.parent.slowest.join(', ')}); ` +
      `new long-tail p50 ${ms(c.tail.p50)} / p90 ${ms(c.tail.p90)} / max ${ms(c.tail.max)} ms ` +
      `(${BASELINE_TAILS} sampled: ${r.tails.found} found every word, ${r.tails.partial} partial, ${r.tails.empty} nothing)`,
  );
  if (stats.found < PARENT_QUERIES.length / 2) report.notes.push(`only ${stats.found} of ${PARENT_QUERIES.length} parent queries found results with every word`);

  // 4. Bare node:http replaying those bytes; its miss slots cycle through the captured long-tail answers.
  writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
  const baseline = spawnChild(ctx.cleanup, `baseline (search, ${report.label})`, ['-r', '@swc-node/register', join(__dirname, 'baseline-server.ts'), join(work, 'manifest.json')], ctx.childEnv({}), ROOT);
  const baselineBase = `http://127.0.0.1:${manifest.port}`;
  await waitFor200(baselineBase + hot[0]!, baseline, 30_000);
  if (!(await httpGet(baselineBase + hot[1]!)).body.equals((await httpGet(server.base + hot[1]!)).body)) throw new Error('baseline does not replay the search bytes');

  // 5. Load in rounds: baseline, the mix, only new queries; then (optionally) the mix with the cache off.
  const serverPaths = cycle(hot, () => ({ path: tails[0]!, next: () => tail.next() }));
  const baselinePaths = cycle(hot, (j) => tails[Math.floor(j / MISS_EVERY) % tails.length]!);
  const newPaths: BenchPath[] = tails.map((path) => ({ path, next: () => tail.next() }));
  report.loadBefore = loadavg()[0];
  const runs = { baseline: [] as Measurement[], mix: [] as Measurement[], fresh: [] as Measurement[] };
  const n = hot.length;
  for (let round = 1; round <= ctx.repeat; round += 1) {
    if (ctx.repeat > 1) console.log(` round ${round} of ${ctx.repeat}`);
    runs.baseline.push(await ctx.measure(`baseline search (${n} + tails)`, baselineBase, baseline.process.pid!, baselinePaths));
    runs.mix.push(await ctx.measure(`server search (${n}, 1/${MISS_EVERY} new)`, server.base, server.child.process.pid!, serverPaths));
    runs.fresh.push(await ctx.measure('server search (all new)', server.base, server.child.process.pid!, newPaths));
  }
  report.baseline = ctx.median(runs.baseline);
  report.server = ctx.median(runs.mix);
  report.serverNew = ctx.median(runs.fresh);
  report.rssAfterLoadMb = rssMb(server.child.process.pid);
  await baseline.stop();
  for (const line of baseline.problems) report.notes.push(`baseline log: ${line}`);
  await stopServer(server, report);

  if (ctx.settings.cacheOff) {
    server = await startServer(ctx, `${report.label}, cache off`, { PUBLIC_CACHE_ENTRIES: '0' });
    report.uncached = startFacts(server);
    console.log(`server with the cache off answered after ${(server.readyMs / 1000).toFixed(1)} s; first search ${fmt(server.firstSearchMs)} ms`);
    const off: Measurement[] = [];
    for (let round = 1; round <= ctx.repeat; round += 1) off.push(await ctx.measure('server search, cache off', server.base, server.child.process.pid!, serverPaths));
    report.serverCacheOff = ctx.median(off);
    await stopServer(server, report);
  }
  console.log(`long-tail queries issued (each once): ${fmt(tail.issued)}`);

  for (const m of [report.baseline, report.server, report.serverNew, report.serverCacheOff]) {
    if (m && (m.status.non2xx || m.status.errors || m.status.timeouts)) report.notes.push(`${m.label}: ${m.status.non2xx} non-2xx, ${m.status.errors} errors, ${m.status.timeouts} timeouts`);
  }
}

/* ---------- the table ---------- */

export function searchSection(reports: { report: SearchReport; gated: boolean }[]): { text: string; failed: boolean } {
  const out = ['## Search', ''];
  let failed = false;
  const line = (m: Measurement | undefined) => (m ? `${fmt(m.reqPerSec)} · ${ms(m.p50)} / ${ms(m.p99)}` : '–');
  const cpu = (m: Measurement | undefined) => (m?.cpuUsPerReq == null ? '?' : fmt(m.cpuUsPerReq));
  out.push(
    `Mix: ${PARENT_QUERIES.length} parent queries and up to ${SECOND_PAGES} second pages in turn, and one request in ${MISS_EVERY} a long-tail query never asked before (a cache miss; ` +
      `besides, each cached answer is rebuilt once its 60 s in the cache are up, as in production). ` +
      `All new: only such queries. Baseline: bare node:http replaying the mix's answers. Cells: req/s · p50 / p99 ms. The target applies to the mix.`,
    '',
    '| database | notices | seed s | ready s | index build ms | first search ms | RSS after build / after load MB | baseline | server: mix | server: all new | server CPU µs/req: mix / all new |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const { report: r } of reports) {
    out.push(
      `| ${r.label} | ${fmt(r.notices)} | ${r.seed ? (r.seed.ms / 1000).toFixed(1) : '–'} | ${r.cached ? (r.cached.readyMs / 1000).toFixed(1) : '–'} | ` +
        `${r.cached?.index ? fmt(r.cached.index.ms) : '?'} | ${r.cached ? fmt(r.cached.firstSearchMs) : '–'} | ${r.cached?.rssAfterBuildMb?.toFixed(0) ?? '?'} / ${r.rssAfterLoadMb?.toFixed(0) ?? '?'} | ` +
        `${line(r.baseline)} | ${line(r.server)} | ${line(r.serverNew)} | ${cpu(r.server)} / ${cpu(r.serverNew)} |`,
    );
  }
  out.push('');
  for (const { report: r } of reports) {
    if (r.serverCacheOff) out.push(`- ${r.label}, ${fmt(r.notices)} notices: the mix with PUBLIC_CACHE_ENTRIES=0: ${line(r.serverCacheOff)}, CPU ${cpu(r.serverCacheOff)} µs/req`);
  }
  for (const { report: r, gated } of reports) {
    const name = `${r.label}, ${fmt(r.notices)} notices`;
    if (r.answers) {
      const a = r.answers;
      out.push(
        `- ${name}: ${a.found} queries found every word, ${a.partial} partial, ${a.empty} nothing; ${a.paths} paths; answers ${fmt(a.bodyMin)}–${fmt(a.bodyMax)} B (mean ${fmt(a.bodyMean)}); ` +
          (r.cold
            ? `first answers one at a time: parent queries p50 ${ms(r.cold.parent.p50)} / p90 ${ms(r.cold.parent.p90)} / max ${ms(r.cold.parent.max)} ms (slowest: ${r.cold.parent.slowest.join(', ')}), ` +
              `new long-tail queries p50 ${ms(r.cold.tail.p50)} / p90 ${ms(r.cold.tail.p90)} / max ${ms(r.cold.tail.max)} ms ` +
              `(of ${BASELINE_TAILS} sampled, ${a.tails.found} found every word, ${a.tails.partial} partial, ${a.tails.empty} nothing)`
            : '') +
          (r.loadBefore !== undefined ? `; 1-min load before the load runs ${r.loadBefore.toFixed(2)} (${cpus().length} cores)` : ''),
      );
    }
    if (r.server && r.baseline) {
      const ok = r.server.p99 <= SEARCH_TARGETS.maxP99Ms;
      // When bare node:http cannot answer within the target either, the machine sets the p99, not the server.
      const reachable = r.baseline.p99 <= SEARCH_TARGETS.maxP99Ms;
      const tag = ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)';
      out.push(
        ok || reachable
          ? `- ${tag}: ${name}: search p99 ${ms(r.server.p99)} ms (target ≤ ${SEARCH_TARGETS.maxP99Ms} ms)`
          : `- NOT REACHABLE HERE: ${name}: search p99 ${ms(r.server.p99)} ms > ${SEARCH_TARGETS.maxP99Ms} ms, but the bare baseline's own p99 is ${ms(r.baseline.p99)} ms`,
      );
      if (gated && !ok && reachable) failed = true;
    }
    if (r.error) {
      out.push(`- ERROR: ${name}: ${r.error.split('\n')[0]}`);
      failed = true;
    }
    for (const note of r.notes) out.push(`- note: ${name}: ${note}`);
  }
  if (reports.every(({ report: r }) => !r.error && !r.notes.length)) out.push('- no non-2xx answers, errors or server warnings');
  return { text: out.join('\n'), failed };
}
