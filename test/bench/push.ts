import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PushFieldType } from '@gongkai/shared';
import { Agent, request } from 'undici';
import type { DataSource } from 'typeorm';
import { Category } from '../../server/src/catalog/entities/category.entity';
import { Notice } from '../../server/src/catalog/entities/notice.entity';
import { ParentAccount } from '../../server/src/identity/entities/parent-account.entity';
import { StaffAccount } from '../../server/src/identity/entities/staff-account.entity';
import { hashPassword } from '../../server/src/identity/password';
import { PushQuota } from '../../server/src/push/entities/push-quota.entity';
import { PushSubscription } from '../../server/src/push/entities/push-subscription.entity';
import type { BenchServerContext } from './server-context';
import { cpuSeconds, freePort, spawnChild, waitFor200, type ManagedChild } from '../support/processes';
import type { FakeChildOptions } from './fake-wechat-child';
import { seedNotices, withMigratedDatabase } from './seed';

/**
 * Push fan-out: one campaign to N parents through the built server's outbox worker, against the
 * fake WeChat (in its own process) answering every subscribe send after a fixed latency; then a
 * bare undici loop with the same concurrency sending the same requests to the same fake. The
 * ratio of the two rates says how much the outbox (claims, per-row outcome writes) costs.
 */
const ROOT = resolve(__dirname, '../..');
const SEND = '/cgi-bin/message/subscribe/send';
const TEMPLATE_ID = 'SUB_NOTICE';
const FIELDS: Record<string, PushFieldType> = { thing1: 'thing', date2: 'date', thing3: 'thing' };
const MAPPING = { thing1: 'title', date2: 'publishedAt', thing3: 'unitName' };
const CATEGORY = 'ZSKS';
const PREFIX = 'bp';
const PUBLISHER = 'bench-pusher';
const PASSWORD = 'bench-password-0123';
const CHUNK = 1000;
export const PUSH_TARGETS = { minRatio: 0.8 };

export function pushSettingsFromEnv(num: (name: string, fallback: number, min: number) => number) {
  return {
    parents: Math.round(num('BENCH_PUSH_PARENTS', 100_000, 100)),
    concurrency: Math.round(num('BENCH_PUSH_CONCURRENCY', 64, 1)),
    latencyMs: num('BENCH_PUSH_LATENCY_MS', 20, 0),
    batchSize: Math.round(num('BENCH_PUSH_BATCH_SIZE', 500, 1)),
    /** Give up on the server's fan-out after this long. */
    timeoutSeconds: num('BENCH_PUSH_TIMEOUT_SECONDS', 300, 10),
  };
}
export type PushSettings = ReturnType<typeof pushSettingsFromEnv>;

export interface PushReport {
  label: string;
  parents?: number;
  seedMs?: number;
  serverStartMs?: number;
  /** POST /staff/pushes round trip: the outbox rows written in one transaction. */
  createMs?: number;
  total?: number;
  /** From the POST's answer to the report showing every delivery sent (finishedAt). */
  fanoutMs?: number;
  serverRate?: number;
  /** CPU seconds of the server process during the fan-out. */
  serverCpuS?: number | null;
  baselineMs?: number;
  baselineRate?: number;
  ratio?: number;
  /** A delivery was missing, repeated or unexpected: a correctness failure, whatever the rate. */
  invalid?: boolean;
  notes: string[];
  error?: string;
}

export type PushContext = BenchServerContext;

async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `count` parents (openids `${prefix}-0…`), each subscribed to `category` with one subscribe quota
 * for `templateId`, inserted 1,000 at a time below the API (the push and enrollment-day parts).
 */
export async function seedSubscribedParents(ds: DataSource, { count, prefix, category, templateId }: { count: number; prefix: string; category: string; templateId: string }): Promise<void> {
  const now = new Date();
  for (let first = 0; first < count; first += CHUNK) {
    const values: Partial<ParentAccount>[] = [];
    for (let i = first; i < Math.min(count, first + CHUNK); i++) {
      values.push({ openid: `${prefix}-${i}`, unionid: `u-${prefix}-${i}`, displayName: '家长', demo: false, createdAt: now, lastLoginAt: now });
    }
    await ds.transaction(async (m) => {
      await m.createQueryBuilder().insert().into(ParentAccount).values(values).updateEntity(false).callListeners(false).execute();
    });
  }
  const ids = (await ds.getRepository(ParentAccount).createQueryBuilder('p').select('p.id', 'id').where('p.openid LIKE :p', { p: `${prefix}-%` }).getRawMany<{ id: number }>()).map((r) => Number(r.id));
  if (ids.length !== count) throw new Error(`seeded ${ids.length} parents, expected ${count}`);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const slice = ids.slice(i, i + CHUNK);
    await ds.transaction(async (m) => {
      await m.createQueryBuilder().insert().into(PushSubscription).values(slice.map((parentId) => ({ parentId, targetKind: 'category' as const, targetCode: category }))).updateEntity(false).callListeners(false).execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(PushQuota)
        .values(slice.map((parentId) => ({ parentId, templateId, remaining: 1, lastResult: 'accept', updatedAt: now })))
        .updateEntity(false)
        .callListeners(false)
        .execute();
    });
  }
}

/** Seeds the notices (a few hundred: one published ZSKS notice is needed), a publisher and the parents. */
async function seed(ctx: PushContext, ps: PushSettings): Promise<{ noticeId: number; ms: number }> {
  const started = performance.now();
  return withMigratedDatabase(ctx, async (ds) => {
    await seedNotices(ds, 300);
    const zsks = await ds.getRepository(Category).findOneByOrFail({ code: CATEGORY });
    const notice = await ds.getRepository(Notice).findOneOrFail({ where: { categoryId: zsks.id, status: 'published' }, order: { id: 'DESC' }, select: { id: true, unitId: true } });
    await ds.getRepository(StaffAccount).save(
      Object.assign(new StaffAccount(), { username: PUBLISHER, displayName: '推送员', passwordHash: await hashPassword(PASSWORD), unitId: notice.unitId, roles: ['publisher'], active: true }),
    );
    await seedSubscribedParents(ds, { count: ps.parents, prefix: PREFIX, category: CATEGORY, templateId: TEMPLATE_ID });
    return { noticeId: notice.id, ms: performance.now() - started };
  });
}

/** Waits for the fake child's ready line on stdout. */
async function fakeReady(child: ManagedChild, timeoutMs: number): Promise<{ url: string; appid: string; secret: string }> {
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

interface FakeStats {
  delivered: number;
  unique: number;
  foreign: number;
  firstAt: number | null;
  lastAt: number | null;
  sample: { templateId: string; page: string; data: Record<string, { value: string }> } | null;
}

export async function benchPush(ctx: PushContext, ps: PushSettings, report: PushReport): Promise<void> {
  console.log(`\n== push fan-out (${report.label}) ==`);
  const { cleanup } = ctx;

  // 1. The fake WeChat, in its own process.
  const options: FakeChildOptions = { prefix: PREFIX, count: ps.parents, templateId: TEMPLATE_ID, fields: FIELDS, latencyMs: ps.latencyMs };
  const fake = spawnChild(cleanup, 'fake WeChat', ['-r', '@swc-node/register', join(__dirname, 'fake-wechat-child.ts'), JSON.stringify(options)], ctx.childEnv({ SWC_NODE_PROJECT: 'test/tsconfig.json' }), ROOT);
  const wx = await fakeReady(fake, 60_000);
  const stats = async (): Promise<FakeStats> => (await json(await fetch(`${wx.url}/__bench/stats`))) as FakeStats;
  console.log(`fake WeChat on ${wx.url} (pid ${fake.process.pid}), ${ps.latencyMs} ms per subscribe send, ${ps.parents} openids granted`);

  // 2. Database.
  const seeded = await seed(ctx, ps);
  report.parents = ps.parents;
  report.seedMs = seeded.ms;
  console.log(`seeded ${ps.parents} parents (openid, ${CATEGORY} subscription, 1 quota each) in ${(seeded.ms / 1000).toFixed(1)} s; notice ${seeded.noticeId}`);

  // 3. The server.
  const port = await freePort();
  const server = spawnChild(
    cleanup,
    `server (push, ${report.label})`,
    [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
    ctx.childEnv({
      ...ctx.dbEnv,
      ...ctx.privacyEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: ctx.jwtSecret,
      DEMO_DATA: 'false',
      LOG_JSON: 'true',
      WECHAT_API_BASE: wx.url,
      WECHAT_MINI_APPID: wx.appid,
      WECHAT_MINI_SECRET: wx.secret,
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify([{ id: TEMPLATE_ID, name: '公告通知', fields: FIELDS, page: 'pages/notice/index?id={id}' }]),
      PUSH_CONCURRENCY: String(ps.concurrency),
      PUSH_RATE_PER_SECOND: '100000',
      PUSH_BATCH_SIZE: String(ps.batchSize),
      PUSH_POLL_MS: '20',
      PUSH_RETRY_BASE_MS: '20',
    }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  report.serverStartMs = await waitFor200(`${base}/categories`, server, 60_000);
  const loginRes = await fetch(`${base}/auth/staff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: PUBLISHER, password: PASSWORD }) });
  const login = await json(loginRes);
  if (loginRes.status !== 200) throw new Error(`publisher login: ${loginRes.status} ${JSON.stringify(login)}`);
  const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };

  // 4. The campaign: outbox creation, then fan-out until the report shows every delivery sent.
  const cpuBefore = cpuSeconds(server.process.pid!);
  const t0 = performance.now();
  const createRes = await fetch(`${base}/staff/pushes`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ noticeId: seeded.noticeId, audience: { kind: 'category', code: CATEGORY }, channels: ['subscribe'], templateIds: { subscribe: TEMPLATE_ID }, fieldMapping: MAPPING }),
  });
  const created = await json(createRes);
  const t1 = performance.now();
  const createdWall = Date.now();
  if (createRes.status !== 201) throw new Error(`POST /staff/pushes: ${createRes.status} ${JSON.stringify(created).slice(0, 500)}`);
  report.createMs = t1 - t0;
  report.total = created.total;
  console.log(`campaign ${created.id}: ${created.total} deliveries written in ${(report.createMs / 1000).toFixed(2)} s`);
  if (created.total !== ps.parents) {
    report.invalid = true;
    report.notes.push(`campaign total ${created.total}, expected ${ps.parents}`);
  }

  let view: any;
  for (const until = t1 + ps.timeoutSeconds * 1000; ; ) {
    const r = await fetch(`${base}/staff/pushes/${created.id}`, { headers: auth });
    view = await json(r);
    if (r.status !== 200) throw new Error(`GET /staff/pushes/${created.id}: ${r.status} ${JSON.stringify(view).slice(0, 300)}`);
    if (view.finishedAt || view.byStatus.queued + view.byStatus.sending === 0) break;
    if (performance.now() > until) throw new Error(`fan-out not finished after ${ps.timeoutSeconds} s: ${JSON.stringify(view.byStatus)}`);
    await sleep(250);
  }
  const t2 = performance.now();
  const cpuAfter = cpuSeconds(server.process.pid!);
  report.serverCpuS = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  // finishedAt is the last row's update on the server's clock (same machine); the poll adds up to 250 ms.
  const finished = view.finishedAt ? Date.parse(view.finishedAt) - createdWall : t2 - t1;
  report.fanoutMs = finished > 0 ? finished : t2 - t1;
  report.serverRate = (view.byStatus.sent / report.fanoutMs) * 1000;
  const sent = view.byStatus.sent as number;
  console.log(
    `fan-out: ${sent} sent in ${(report.fanoutMs / 1000).toFixed(2)} s → ${Math.round(report.serverRate)}/s ` +
      `(poll saw it after ${((t2 - t1) / 1000).toFixed(2)} s; server CPU ${report.serverCpuS?.toFixed(1) ?? '?'} s) byStatus ${JSON.stringify(view.byStatus)}`,
  );
  if (sent !== ps.parents) {
    report.invalid = true;
    report.notes.push(`server: ${sent} of ${ps.parents} sent; byStatus ${JSON.stringify(view.byStatus)} failed ${JSON.stringify(view.failedByReason)} skipped ${JSON.stringify(view.skippedByReason)}`);
  }
  const s1 = await stats();
  console.log(`fake: ${s1.delivered} delivered, ${s1.unique} distinct openids, ${s1.foreign} unexpected; fake-side span ${s1.firstAt && s1.lastAt ? ((s1.lastAt - s1.firstAt) / 1000).toFixed(2) : '?'} s`);
  if (s1.delivered !== ps.parents || s1.unique !== ps.parents || s1.foreign !== 0) {
    report.invalid = true;
    report.notes.push(`server run: fake delivered ${s1.delivered}, ${s1.unique} distinct openids, ${s1.foreign} unexpected (expected exactly ${ps.parents}, each once)`);
  }
  await server.stop();
  const { code, signal } = await server.exited;
  if (code !== 0 && code !== null) report.notes.push(`server exited with code ${code} (signal ${signal}) after SIGTERM`);
  const problems = server.problems.filter((l) => !/ExperimentalWarning|--trace-warnings/.test(l));
  if (problems.length) report.notes.push(`server logged ${problems.length} warning(s)/error(s), first: ${problems[0]!.slice(0, 300)}`);
  if (!s1.sample) throw new Error('the fake received nothing from the server: no body to replay for the baseline');

  // 5. Baseline: a bare loop, same concurrency, same bodies (per openid), same fake, keep-alive fetch.
  await fetch(`${wx.url}/__bench/reset`, { method: 'POST' });
  const tokenRes = await fetch(`${wx.url}/cgi-bin/stable_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credential', appid: wx.appid, secret: wx.secret }) });
  const token = ((await json(tokenRes)) as { access_token: string }).access_token;
  const url = `${wx.url}${SEND}?access_token=${encodeURIComponent(token)}`;
  const { templateId, page, data } = s1.sample;
  let next = 0;
  let ok = 0;
  const refused: Record<string, number> = {};
  // The same client the server uses (undici's request on a keep-alive pool), with nothing around it.
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= ps.parents) return;
      const body = JSON.stringify({ touser: `${PREFIX}-${i}`, template_id: templateId, page, data, miniprogram_state: 'formal', lang: 'zh_CN' });
      const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
      const answer = (await res.body.json()) as { errcode?: number };
      if (res.statusCode === 200 && answer.errcode === 0) ok++;
      else refused[`${res.statusCode}/${answer.errcode}`] = (refused[`${res.statusCode}/${answer.errcode}`] ?? 0) + 1;
    }
  };
  const b0 = performance.now();
  await Promise.all(Array.from({ length: ps.concurrency }, lane));
  report.baselineMs = performance.now() - b0;
  report.baselineRate = (ok / report.baselineMs) * 1000;
  report.ratio = report.serverRate / report.baselineRate;
  await agent.close();
  console.log(`baseline: ${ok} sent in ${(report.baselineMs / 1000).toFixed(2)} s → ${Math.round(report.baselineRate)}/s; ratio ${report.ratio.toFixed(3)}`);
  if (Object.keys(refused).length) report.notes.push(`baseline: refused ${JSON.stringify(refused)}`);
  const s2 = await stats();
  if (s2.delivered !== ps.parents || s2.unique !== ps.parents) report.notes.push(`baseline run: fake delivered ${s2.delivered}, ${s2.unique} distinct`);
  await fake.stop();
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function pushSection(r: PushReport, ps: PushSettings, gated: boolean): { text: string; failed: boolean } {
  const out = [`## Push fan-out, ${r.label}`, ''];
  let failed = false;
  out.push(
    `${fmt(r.parents ?? ps.parents)} parents (seeded in ${((r.seedMs ?? 0) / 1000).toFixed(1)} s) · fake WeChat in its own process, ${ps.latencyMs} ms per subscribe send · ` +
      `PUSH_CONCURRENCY ${ps.concurrency}, PUSH_BATCH_SIZE ${ps.batchSize}, PUSH_RATE_PER_SECOND 100000 · baseline = bare undici request loop (keep-alive), ${ps.concurrency} lanes, in the bench process`,
    '',
  );
  if (r.createMs !== undefined) {
    out.push('| measure | value |', '|---|---:|');
    out.push(`| outbox creation (POST /staff/pushes, ${fmt(r.total ?? 0)} rows) | ${(r.createMs / 1000).toFixed(2)} s |`);
    if (r.fanoutMs !== undefined) out.push(`| server fan-out time | ${(r.fanoutMs / 1000).toFixed(2)} s |`, `| server fan-out rate | ${fmt(r.serverRate!)} deliveries/s |`);
    if (r.serverCpuS !== undefined && r.serverCpuS !== null) out.push(`| server CPU during fan-out | ${r.serverCpuS.toFixed(1)} s |`);
    if (r.baselineMs !== undefined) out.push(`| baseline time | ${(r.baselineMs / 1000).toFixed(2)} s |`, `| baseline rate | ${fmt(r.baselineRate!)} sends/s |`);
    if (r.ratio !== undefined) out.push(`| ratio (server / baseline) | ${r.ratio.toFixed(3)} |`);
    const ideal = ps.latencyMs > 0 ? (ps.concurrency * 1000) / ps.latencyMs : null;
    if (ideal) out.push(`| ceiling (${ps.concurrency} lanes / ${ps.latencyMs} ms) | ${fmt(ideal)} /s |`);
    out.push('');
  }
  if (r.ratio !== undefined) {
    const ok = r.ratio >= PUSH_TARGETS.minRatio;
    out.push(`- ${ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)'}: fan-out ratio ${r.ratio.toFixed(3)} ≥ ${PUSH_TARGETS.minRatio}`);
    failed = gated && !ok;
  }
  if (r.invalid) {
    out.push(`- ${gated ? 'FAIL' : 'MISS (not gated)'}: not every parent received exactly one message (see notes)`);
    failed ||= gated;
  }
  if (r.error) {
    out.push(`- ERROR: ${r.error.split('\n')[0]}`);
    failed = true;
  }
  for (const note of r.notes) out.push(`- note: ${note}`);
  if (!r.error && !r.notes.length) out.push('- every parent received exactly one message (server run and baseline); no server warnings');
  return { text: out.join('\n'), failed };
}
