import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  formatIndexNo,
  INQUIRY_KINDS,
  ORGANIZATION_KINDS,
  type AnnualReportData,
  type AnnualReportView,
  type DisclosureOutcome,
  type HotTopicChannel,
  type InfoType,
  type InquiryKindCode,
  type InquiryRating,
  type InquiryStatus,
  type OrganizationKind,
  type ViewChannel,
} from '@gongkai/shared';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Category } from '../../server/src/catalog/entities/category.entity';
import { Notice } from '../../server/src/catalog/entities/notice.entity';
import { NoticeViewDaily } from '../../server/src/catalog/entities/notice-view-daily.entity';
import { DisclosureChallenge } from '../../server/src/disclosure/entities/disclosure-challenge.entity';
import { DisclosureRequest } from '../../server/src/disclosure/entities/disclosure-request.entity';
import { ParentAccount } from '../../server/src/identity/entities/parent-account.entity';
import { StaffAccount } from '../../server/src/identity/entities/staff-account.entity';
import { Unit } from '../../server/src/identity/entities/unit.entity';
import { hashPassword } from '../../server/src/identity/password';
import { Inquiry } from '../../server/src/inquiries/entities/inquiry.entity';
import { installedHasher } from '../../server/src/privacy/crypto/data-keys';
import { IndexSequence } from '../../server/src/publishing/entities/index-sequence.entity';
import { PushCampaign } from '../../server/src/push/entities/push-campaign.entity';
import { PushDelivery } from '../../server/src/push/entities/push-delivery.entity';
import { ReportBriefing } from '../../server/src/reports/entities/report-briefing.entity';
import { ReportHotTopic } from '../../server/src/reports/entities/report-hot-topic.entity';
import { ReportProposal } from '../../server/src/reports/entities/report-proposal.entity';
import { ReportYearlyFigure } from '../../server/src/reports/entities/report-yearly-figure.entity';
import { renderReportDocx } from '../../server/src/reports/render/report-docx';
import { renderReportPdf } from '../../server/src/reports/render/report-pdf';
import type { BenchServerContext } from './server-context';
import { freePort, spawnChild, waitFor200 } from '../support/processes';
import { BENCH_UNITS, generateNotice, pickCategory, prng, shanghaiDate, type Rand } from './content';
import { withMigratedDatabase } from './seed';

/**
 * The yearly 政府信息公开工作年度报告 over a big year (issue 17): 100,000 published notices, 10,000
 * inquiries and 1,000 依申请公开 requests in one year, with the years around it (the last months
 * of the year before, this year so far), ~350,000 rows of page views per day, 30,000 push
 * deliveries and the report's own records, bulk-inserted; then the built server answers
 * `GET /api/v1/staff/reports/annual?year=…` (what staff wait for) cold and warm, and the exports
 * and the PDF / DOCX renderers are timed apart. Target: the report data ≤ 2 s on MariaDB (gated
 * there); SQLite is reported.
 */
const ROOT = resolve(__dirname, '../..');
export const REPORT_TARGETS = { maxMs: 2000 };
const REPORTER = 'bench-reporter';
const PASSWORD = 'bench-password-0123';
const DAY = 24 * 3600_000;

export interface ReportsSettings {
  /** Published 主动公开 notices in the report's year (BENCH_REPORT_NOTICES). */
  notices: number;
  /** Inquiries received in the year (BENCH_REPORT_INQUIRIES). */
  inquiries: number;
  /** 依申请公开 requests received in the year (BENCH_REPORT_REQUESTS). */
  requests: number;
  /** Warm requests of the report after the cold one (BENCH_REPORT_RUNS). */
  runs: number;
}

export function reportsSettingsFromEnv(num: (name: string, fallback: number, min: number) => number): ReportsSettings {
  return {
    notices: Math.round(num('BENCH_REPORT_NOTICES', 100_000, 100)),
    inquiries: Math.round(num('BENCH_REPORT_INQUIRIES', 10_000, 10)),
    requests: Math.round(num('BENCH_REPORT_REQUESTS', 1_000, 10)),
    runs: Math.round(num('BENCH_REPORT_RUNS', 5, 1)),
  };
}

export type ReportsContext = BenchServerContext;

/** What the seed put in, with the figures the report must read back for the year. */
export interface ReportSeed {
  year: number;
  ms: number;
  rows: Record<string, number>;
  /** Seconds each part took. */
  parts: Record<string, number>;
  expect: {
    published: number;
    publishedByType: Record<InfoType, number>;
    pageViews: number;
    inquiries: number;
    received: number;
    carriedIn: number;
    carriedOut: number;
    concluded: number;
    pushesSent: number;
    hotTopics: number;
    briefings: number;
    normativeIssued: number;
    normativeRepealed: number;
  };
}

/** One timed line: all its runs in ms (the first is the cold one where it says so). */
export interface Timing {
  label: string;
  runs: number[];
  bytes: number | null;
  /** The first run is the first after start (not counted in the median). */
  cold: boolean;
}

export interface ReportsReport {
  label: string;
  gated?: boolean;
  seed?: ReportSeed;
  serverStartMs?: number;
  loadBefore?: number;
  annual?: Timing;
  exports?: Timing[];
  renders?: Timing[];
  checks?: { balanced: boolean; failing: string[] };
  notes: string[];
  error?: string;
}

/* ---------- bulk insert ---------- */

/**
 * Multi-row INSERTs of `rows` (all with the same keys) into an entity's table, `batch` rows per
 * statement, each value converted as TypeORM itself writes it (the column's transformer first: an
 * encrypted column is sealed with the installed keys, a JSON column serialised, dates as the
 * driver stores them), so the app reads the rows back as its own.
 */
async function bulkInsert<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, rows: Partial<E>[], batch: number): Promise<void> {
  if (!rows.length) return;
  const meta = ds.getMetadata(entity);
  const keys = Object.keys(rows[0]!);
  const columns = keys.map((key) => {
    const column = meta.findColumnWithPropertyName(key);
    if (!column) throw new Error(`${meta.tableName} has no column for ${key}`);
    return column;
  });
  const head = `INSERT INTO ${ds.driver.escape(meta.tableName)} (${columns.map((c) => ds.driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  // One transaction per call: a commit (and its fsync) per statement would make SQLite's seeding I/O-bound.
  await ds.transaction(async (m) => {
    for (let first = 0; first < rows.length; first += batch) {
      const slice = rows.slice(first, first + batch);
      const params: unknown[] = [];
      for (const row of slice) {
        for (const [i, column] of columns.entries()) params.push(ds.driver.preparePersistentValue((row as Record<string, unknown>)[keys[i]!], column));
      }
      await m.query(head + slice.map(() => tuple).join(', '), params);
    }
  });
}

/* ---------- the year, built in code ---------- */

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Picks by weights (in the order of `entries`). */
function weighted<T>(rand: Rand, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}
/** Midnight (Asia/Shanghai) of 1 January `year`, as an instant. */
const yearStart = (year: number): number => Date.UTC(year, 0, 1) - 8 * 3600_000;
const isoDay = (at: number): string => {
  const d = shanghaiDate(new Date(at));
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};
const compactDay = (at: number): string => isoDay(at).replace(/-/g, '');

/** The 信息类别 staff choose: mostly by the category, sometimes another (so the report must read the column). */
const CATEGORY_INFO_TYPE: Record<string, InfoType> = { GZJG: 'organization', ZCWJ: 'policy', ZBCG: 'procurement' };
const INFO_TYPES_LIST: readonly InfoType[] = ['organization', 'policy', 'business', 'procurement'];

const OUTCOME_WEIGHTS: readonly (readonly [DisclosureOutcome, number])[] = [
  ['granted', 40],
  ['partial', 12],
  ['refused_state_secret', 1],
  ['refused_law_prohibited', 1],
  ['refused_security', 1],
  ['refused_third_party', 3],
  ['refused_internal_affairs', 2],
  ['refused_process_info', 3],
  ['refused_enforcement_file', 1],
  ['refused_query_matter', 2],
  ['unavailable_not_held', 12],
  ['unavailable_needs_creation', 4],
  ['unavailable_still_unclear', 2],
  ['not_processed_petition', 3],
  ['not_processed_repeat', 2],
  ['not_processed_publication', 1],
  ['not_processed_mass_repeat', 1],
  ['not_processed_confirm', 1],
  ['other_no_supplement', 3],
  ['other_unpaid', 1],
  ['other_other', 4],
];

export async function seedReportYear(ds: DataSource, s: ReportsSettings, year: number, now: number): Promise<ReportSeed> {
  const started = performance.now();
  const rand = prng(17_2026);
  const rows: Record<string, number> = {};
  const count = (name: string, n: number) => (rows[name] = (rows[name] ?? 0) + n);
  const parts: Record<string, number> = {};
  let lapStart = performance.now();
  const lap = (name: string) => {
    parts[name] = Math.round((performance.now() - lapStart) / 100) / 10;
    lapStart = performance.now();
  };
  const hasher = installedHasher();
  const start = yearStart(year);
  const end = yearStart(year + 1);
  const prevStart = yearStart(year - 1);
  // The current year up to a day ago (the server's clock is the real one).
  const lastInstant = now - DAY;

  // Units, staff (the reporter signs in; the others are authors of records and handlers).
  await bulkInsert(ds, Unit, BENCH_UNITS.map((u, i) => ({ code: u.code, name: u.name, kind: u.kind, sortOrder: (i + 1) * 10 })), 100);
  const units = await ds.getRepository(Unit).find();
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const office = unitId.get(BENCH_UNITS[0]!.code)!;
  const passwordHash = await hashPassword(PASSWORD);
  const stamp = new Date(prevStart);
  await bulkInsert(
    ds,
    StaffAccount,
    [
      { username: REPORTER, displayName: '年报编辑', passwordHash, unitId: office, roles: ['report_editor'], active: true, tokenVersion: 0, createdAt: stamp, updatedAt: stamp },
      { username: 'bench-handler', displayName: '办理人', passwordHash, unitId: office, roles: ['disclosure_handler', 'inquiry_handler'], active: true, tokenVersion: 0, createdAt: stamp, updatedAt: stamp },
    ],
    10,
  );
  const staffIds = (await ds.getRepository(StaffAccount).find({ order: { id: 'ASC' } })).map((a) => a.id);
  const [reporterId, handlerId] = staffIds as [number, number];

  // Parents (inquiries and online requests belong to one; pushes go to them).
  const parents = 2000;
  await bulkInsert(
    ds,
    ParentAccount,
    Array.from({ length: parents }, (_, i) => ({ openid: `br-${i}`, unionid: null, displayName: '家长', demo: false, createdAt: stamp, lastLoginAt: stamp })),
    1000,
  );
  count('parent_account', parents);
  const parentIds = (await ds.getRepository(ParentAccount).find({ select: { id: true }, order: { id: 'ASC' } })).map((p) => p.id);

  // ---- Notices: the previous year's tail, the year, the current year so far, and some not public. ----
  const categories = await ds.getRepository(Category).find();
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  const publishedByType: Record<InfoType, number> = { organization: 0, policy: 0, business: 0, procurement: 0 };
  let published = 0;
  let normativeIssued = 0;
  let normativeRepealed = 0;
  const indexSeq = new Map<string, number>();
  const docSeq = new Map<number, number>();
  const spans: { from: number; to: number; n: number; kind: 'prev' | 'year' | 'next' }[] = [
    { from: prevStart + 240 * DAY, to: start, n: Math.round(s.notices * 0.05), kind: 'prev' },
    { from: start, to: end, n: s.notices, kind: 'year' },
    { from: end, to: Math.max(end + DAY, lastInstant), n: Math.round(s.notices * 0.02), kind: 'next' },
  ];
  // Notices published in the year that the report must not count: 依申请公开 / 不予公开 ones. (A
  // withdrawn notice was still published in its year: it counts, and some of the year's are.)
  const notCounted = Math.round(s.notices * 0.01);
  let id = 0;
  const noticeTimes: { id: number; at: number }[] = [];

  // Page views per notice, day and channel: a few days after publication, most on the first.
  const channels: readonly ViewChannel[] = ['weapp', 'h5', 'web', 'api'];
  let pageViews = 0;
  let views: Partial<NoticeViewDaily>[] = [];
  const viewsOf = (noticeId: number, publishedAt: number): number => {
    const days = 1 + Math.floor(rand() * 4);
    let total = 0;
    // The primary key is (notice, day, channel): each once.
    const used = new Set<string>();
    for (let d = 0; d < days; d += 1) {
      const at = publishedAt + (d === 0 ? 0 : Math.floor(rand() * 45) * DAY + d * DAY);
      if (at > lastInstant) break;
      const day = isoDay(at);
      const perDay = 1 + Math.floor(rand() * 2);
      for (let c = 0; c < perDay; c += 1) {
        const channel = weighted(rand, [[channels[0]!, 6], [channels[1]!, 1], [channels[2]!, 3], [channels[3]!, 1]]);
        if (used.has(`${day}|${channel}`)) continue;
        used.add(`${day}|${channel}`);
        const v = d === 0 ? 5 + Math.floor(rand() * 80) : 1 + Math.floor(rand() * 12);
        views.push({ noticeId, day, channel, views: v });
        total += v;
        if (at >= start && at < end) pageViews += v;
      }
    }
    return total;
  };

  let batch: Partial<Notice>[] = [];
  const flush = async () => {
    await bulkInsert(ds, Notice, batch, 400);
    count('notice', batch.length);
    batch = [];
    // After their notices (a foreign key); notice.view_count already holds each one's total.
    await bulkInsert(ds, NoticeViewDaily, views, 2500);
    count('notice_view_daily', views.length);
    views = [];
  };
  for (const span of spans) {
    const total = span.n + (span.kind === 'year' ? notCounted : 0);
    const step = (span.to - span.from) / total;
    // Which of the year's slots hold the notices not counted: spread evenly.
    const every = span.kind === 'year' ? Math.floor(total / notCounted) : 0;
    for (let i = 0; i < total; i += 1) {
      id += 1;
      const at = Math.floor(span.from + i * step + rand() * step * 0.9);
      const category = pickCategory(rand);
      const { year: y } = shanghaiDate(new Date(at));
      const g = generateNotice(rand, category, new Date(at), () => {
        const n = (docSeq.get(y) ?? 0) + 1;
        docSeq.set(y, n);
        return n;
      });
      const scope = `${g.unitCode}/${category}/${y}`;
      const seq = (indexSeq.get(scope) ?? 0) + 1;
      indexSeq.set(scope, seq);
      const infoType = rand() < 0.05 ? pick(rand, INFO_TYPES_LIST) : (CATEGORY_INFO_TYPE[category] ?? 'business');
      const hidden = every > 0 && i % every === every - 1;
      const disclosure = hidden ? (i % 2 === 0 ? 'on_request' : 'withheld') : 'proactive';
      const status = !hidden && rand() < 0.003 ? 'withdrawn' : 'published';
      // About 1 in 10 of generateNotice's normative candidates: a couple of hundred 规范性文件 a year.
      const normative = g.normative && rand() < 0.1 && disclosure === 'proactive' && status === 'published';
      // Some of last year's 规范性文件 are repealed during the year; a few of the year's too.
      const repealedAt = normative && rand() < (span.kind === 'prev' ? 0.3 : 0.05) ? Math.max(at + 30 * DAY, start + Math.floor(rand() * (end - start - DAY))) : null;
      const repealedOn = repealedAt !== null && repealedAt < end ? isoDay(repealedAt) : null;
      if (span.kind === 'year' && !hidden) {
        published += 1;
        publishedByType[infoType] += 1;
        if (normative) normativeIssued += 1;
      }
      if (repealedOn) normativeRepealed += 1;
      const visible = status === 'published' && disclosure === 'proactive';
      batch.push({
        id,
        status,
        title: g.title,
        summary: g.summary,
        categoryId: categoryId.get(category)!,
        unitId: unitId.get(g.unitCode)!,
        documentNo: g.documentNo,
        indexNo: formatIndexNo(g.unitCode, category, y, seq),
        disclosure,
        disclosureReason: disclosure === 'withheld' ? '属于三类内部事务信息' : disclosure === 'on_request' ? '涉及特定群体，依申请公开' : null,
        infoType,
        normative,
        normativeIssuedOn: normative ? isoDay(at) : null,
        normativeRepealedOn: repealedOn,
        bodyHtml: g.bodyHtml,
        bodyText: g.bodyText,
        authorId: handlerId,
        publishedAt: new Date(at),
        viewCount: visible ? viewsOf(id, at) : 0,
        round: 1,
        publishable: true,
        version: 1,
        statusChangedAt: new Date(at),
        createdAt: new Date(at - 3 * 3600_000),
        updatedAt: new Date(at),
      });
      if (visible) noticeTimes.push({ id, at });
      if (batch.length === 2000) await flush();
    }
  }
  await flush();
  // Drafts and notices in review: no publishedAt, never counted.
  const drafts: Partial<Notice>[] = [];
  for (let i = 0; i < 300; i += 1) {
    id += 1;
    const g = generateNotice(rand, 'ZCWJ', new Date(lastInstant), () => 0);
    drafts.push({
      id, status: pick(rand, ['draft', 'unit_review', 'secrecy_review', 'leader_approval', 'returned'] as const), title: g.title, summary: g.summary,
      categoryId: categoryId.get('ZCWJ')!, unitId: office, documentNo: null, indexNo: null, disclosure: 'proactive', disclosureReason: null, infoType: 'policy',
      normative: false, normativeIssuedOn: null, normativeRepealedOn: null, bodyHtml: g.bodyHtml, bodyText: g.bodyText, authorId: handlerId, publishedAt: null,
      viewCount: 0, version: 1, statusChangedAt: new Date(lastInstant), createdAt: new Date(lastInstant), updatedAt: new Date(lastInstant),
    });
  }
  await bulkInsert(ds, Notice, drafts, 300);
  count('notice', drafts.length);
  await bulkInsert(ds, IndexSequence, [...indexSeq].map(([scope, last]) => ({ scope, last })), 500);
  lap('notices and views');

  // ---- Inquiries: the year's, and some either side; replied on time or late, some still open, ratings. ----
  const inquiryRows: Partial<Inquiry>[] = [];
  const trackingSeq = new Map<string, number>();
  const kindWeights: readonly (readonly [InquiryKindCode, number])[] = [['consultation', 60], ['complaint', 15], ['suggestion', 15], ['feedback', 10]];
  const inquirySpans = [
    { from: prevStart + 330 * DAY, to: start, n: Math.round(s.inquiries * 0.04) },
    { from: start, to: end, n: s.inquiries },
    { from: end, to: Math.max(end + DAY, lastInstant), n: Math.round(s.inquiries * 0.03) },
  ];
  for (const span of inquirySpans) {
    for (let i = 0; i < span.n; i += 1) {
      const receivedAt = Math.floor(span.from + rand() * (span.to - span.from));
      const kind = weighted(rand, kindWeights);
      const info = INQUIRY_KINDS.find((k) => k.code === kind)!;
      const dueAt = receivedAt + (info.replyWorkingDays + 2) * DAY;
      const prefix = `${info.trackingPrefix}${compactDay(receivedAt)}`;
      const seq = (trackingSeq.get(prefix) ?? 0) + 1;
      trackingSeq.set(prefix, seq);
      // 85 % replied on time, 12 % a few days late, 3 % weeks late (December's then after the year's end); open only if that is still ahead.
      const r = rand();
      const late = r < 0.97 ? 1 + Math.floor(rand() * 6) : 10 + Math.floor(rand() * 30);
      let repliedAt: number | null = r < 0.85 ? receivedAt + Math.floor(rand() * (dueAt - receivedAt)) : dueAt + late * DAY;
      if (repliedAt > lastInstant) repliedAt = null;
      const rated = repliedAt !== null && rand() < 0.6;
      const rating: InquiryRating | null = rated ? weighted(rand, [['satisfied', 70], ['basically_satisfied', 20], ['unsatisfied', 10]] as const) : null;
      const status: InquiryStatus = repliedAt === null ? (rand() < 0.5 ? 'accepted' : 'submitted') : rated ? 'closed' : 'replied';
      inquiryRows.push({
        trackingNo: `${prefix}${String(seq).padStart(3, '0')}`,
        kind,
        subject: `关于${pick(rand, ['招生入学', '学生资助', '校车安全', '课后服务', '教师招聘', '食堂收费'])}的${info.label}`,
        content: '家长来信内容（压测生成）：孩子所在学校有关事项，请予答复。',
        phone: null,
        phoneHash: null,
        allowPublish: rand() < 0.5,
        involvesChild: false,
        parentId: pick(rand, parentIds),
        unitId: office,
        handlerId: status === 'submitted' ? null : handlerId,
        status,
        version: 3,
        receivedAt: new Date(receivedAt),
        deadlineFrom: new Date(receivedAt),
        dueAt: new Date(dueAt),
        dueDate: isoDay(dueAt),
        workingDays: info.replyWorkingDays,
        skipped: [],
        flagged: false,
        replyText: repliedAt === null ? null : '您好，您反映的问题已收悉，现答复如下：……',
        repliedAt: repliedAt === null ? null : new Date(repliedAt),
        replyUnitId: repliedAt === null ? null : office,
        rating,
        ratedAt: rated ? new Date(Math.min(lastInstant, repliedAt! + DAY)) : null,
        reopenCount: 0,
        createdAt: new Date(receivedAt),
        updatedAt: new Date(repliedAt ?? receivedAt),
      });
    }
  }
  await bulkInsert(ds, Inquiry, inquiryRows, 1000);
  count('inquiry', inquiryRows.length);

  lap('inquiries');

  // ---- 依申请公开: last year's (some carried into the year), the year's (some carried out), this year's. ----
  let carriedIn = 0;
  let carriedOut = 0;
  let concluded = 0;
  const requestRows: Partial<DisclosureRequest>[] = [];
  const requestSeq = new Map<string, number>();
  const request = (receivedAt: number, conclusion: number | null) => {
    const organization = rand() < 0.2;
    const orgKind: OrganizationKind | null = organization ? pick(rand, ORGANIZATION_KINDS) : null;
    const online = rand() < 0.55;
    const day = compactDay(receivedAt);
    const seq = (requestSeq.get(day) ?? 0) + 1;
    requestSeq.set(day, seq);
    const idNumber = organization ? null : `37072519${String(70 + Math.floor(rand() * 30))}0${1 + Math.floor(rand() * 9)}1${Math.floor(rand() * 9)}${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
    const creditCode = organization ? `91370725MA${randomBytes(4).toString('hex').toUpperCase()}` : null;
    const outcome = conclusion === null ? null : weighted(rand, OUTCOME_WEIGHTS);
    const closed = outcome === 'other_no_supplement' || outcome === 'other_unpaid' || (outcome === 'other_other' && rand() < 0.7);
    const receivedDate = isoDay(receivedAt);
    const dueAt = receivedAt + 28 * DAY;
    requestRows.push({
      trackingNo: `YS${day}${String(seq).padStart(3, '0')}`,
      verificationHash: hasher.hash('disclosure_code', randomBytes(6).toString('hex')),
      parentId: online ? pick(rand, parentIds) : null,
      channel: online ? 'online' : pick(rand, ['in_person', 'post', 'fax'] as const),
      enteredById: online ? null : handlerId,
      applicantType: organization ? 'organization' : 'natural_person',
      organizationKind: orgKind,
      applicantName: organization ? `临河县${pick(rand, ['宏达', '金桥', '启明', '博远'])}${pick(rand, ['商贸有限公司', '律师事务所', '教育研究所', '公益服务中心'])}` : `${pick(rand, ['王', '李', '张', '刘', '陈'])}${pick(rand, ['建国', '丽', '志强', '晓燕', '文静'])}`,
      idType: organization ? null : 'resident_id',
      idNumber,
      creditCode,
      applicantHash: idNumber ? hasher.hash('id_number', idNumber) : creditCode ? hasher.hash('credit_code', creditCode) : null,
      legalRepresentative: null,
      contactName: null,
      phone: `1380536${String(Math.floor(rand() * 10000)).padStart(4, '0')}`,
      email: null,
      address: '临河县城关街道人民路1号',
      postcode: '262400',
      description: `申请公开${pick(rand, ['学区划分依据', '教师招聘成绩', '学校建设项目资金使用情况', '营养改善计划经费', '民办学校审批材料'])}（压测生成）。`,
      purpose: null,
      provisionForm: pick(rand, ['paper', 'electronic'] as const),
      delivery: pick(rand, ['post', 'pickup', 'online'] as const),
      pieces: 1,
      status: conclusion === null ? pick(rand, ['processing', 'supplement_requested', 'consulting', 'letter_pending'] as const) : closed ? 'closed' : 'answered',
      version: 4,
      handlerId,
      submittedAt: new Date(receivedAt - (online ? 3600_000 : 0)),
      receivedDate,
      clockFrom: receivedDate,
      pauses: [],
      dueDate: conclusion === null ? isoDay(dueAt) : null,
      dueAt: conclusion === null ? new Date(dueAt) : null,
      flagged: false,
      outcome,
      concludedAt: conclusion === null ? null : new Date(conclusion),
      createdAt: new Date(receivedAt - (online ? 3600_000 : 0)),
      updatedAt: new Date(conclusion ?? receivedAt),
    });
  };
  // Last year: most concluded in it; those received in its last weeks partly carried into the year.
  const prevRequests = Math.round(s.requests * 0.9);
  for (let i = 0; i < prevRequests; i += 1) {
    const receivedAt = prevStart + Math.floor(rand() * (start - prevStart - DAY));
    const conclusion = receivedAt + (3 + Math.floor(rand() * 25)) * DAY;
    if (conclusion >= start) {
      // Carried into the year and concluded in it.
      carriedIn += 1;
      concluded += 1;
    }
    request(receivedAt, conclusion);
  }
  for (let i = 0; i < s.requests; i += 1) {
    const receivedAt = start + Math.floor(rand() * (end - start - 3600_000));
    // December's answered in January are carried out; the year is long over, none is still open.
    const conclusion = receivedAt + (3 + Math.floor(rand() * 25)) * DAY;
    if (conclusion >= end) carriedOut += 1;
    else concluded += 1;
    request(receivedAt, conclusion);
  }
  for (let i = 0; i < Math.round(s.requests * 0.05); i += 1) {
    const receivedAt = end + Math.floor(rand() * Math.max(DAY, lastInstant - end));
    // Answered ten days after receipt, or still open when that is ahead (then due weeks later).
    request(receivedAt, receivedAt + 10 * DAY < lastInstant ? receivedAt + 10 * DAY : null);
  }
  await bulkInsert(ds, DisclosureRequest, requestRows, 250);
  count('disclosure_request', requestRows.length);
  // Reconsiderations and lawsuits (table 四), some pending at the year's end.
  const challenges: Partial<DisclosureChallenge>[] = [];
  for (let i = 0; i < 12; i += 1) {
    const filed = start + Math.floor(rand() * (end - start - DAY));
    const decided = rand() < 0.7 ? filed + (30 + Math.floor(rand() * 90)) * DAY : null;
    challenges.push({
      kind: pick(rand, ['reconsideration', 'reconsideration', 'lawsuit_direct', 'lawsuit_after_reconsideration'] as const),
      requestId: null, noticeId: null, caseNo: `临政复〔${year}〕${i + 1}号`, body: '临河县人民政府',
      filedDate: isoDay(filed), decidedDate: decided !== null && decided < lastInstant ? isoDay(decided) : null,
      result: decided !== null && decided < lastInstant ? pick(rand, ['upheld', 'upheld', 'corrected', 'other'] as const) : 'pending',
      note: null, createdById: handlerId, updatedById: null, version: 1, createdAt: new Date(filed), updatedAt: new Date(filed),
    });
  }
  await bulkInsert(ds, DisclosureChallenge, challenges, 100);
  count('disclosure_challenge', challenges.length);

  // ---- Pushes: campaigns of the year's notices and their deliveries (sent, failed, skipped). ----
  let pushesSent = 0;
  const campaigns: Partial<PushCampaign>[] = [];
  const campaignTimes: number[] = [];
  const CAMPAIGNS = 120;
  const RECIPIENTS = 250;
  for (let i = 0; i < CAMPAIGNS; i += 1) {
    const n = noticeTimes[Math.floor(rand() * noticeTimes.length)]!;
    const at = Math.min(lastInstant, n.at + 3600_000);
    campaignTimes.push(at);
    campaigns.push({
      noticeId: n.id, audienceKind: 'category', audienceCode: 'ZSKS', channels: ['subscribe'], fieldMapping: { thing1: 'title' }, payloads: [],
      status: 'active', total: RECIPIENTS, createdById: handlerId, createdByUsername: 'bench-handler', autoNoticeId: null, createdAt: new Date(at), startedAt: new Date(at + 1000),
    });
  }
  await bulkInsert(ds, PushCampaign, campaigns, 100);
  const campaignIds = (await ds.getRepository(PushCampaign).find({ select: { id: true }, order: { id: 'ASC' } })).map((c) => c.id);
  const deliveries: Partial<PushDelivery>[] = [];
  for (const [i, campaignId] of campaignIds.entries()) {
    const at = campaignTimes[i]!;
    for (let p = 0; p < RECIPIENTS; p += 1) {
      const status = weighted(rand, [['sent', 85], ['failed', 5], ['skipped', 10]] as const);
      // Distinct recipients per campaign (unique per campaign, parent and channel).
      const parentId = parentIds[(i * 37 + p) % parentIds.length]!;
      if (status === 'sent' && at >= start && at < end) pushesSent += 1;
      deliveries.push({
        campaignId, parentId, channel: 'subscribe', openid: `br-${parentId}`, status, reason: status === 'skipped' ? 'no_quota' : status === 'failed' ? 'refused' : null,
        attempts: status === 'skipped' ? 0 : 1, nextAttemptAt: new Date(at), leaseOwner: null, leaseUntil: null, lastErrorCode: null, lastError: null,
        msgid: status === 'sent' ? `m${campaignId}-${p}` : null, startedAt: status === 'skipped' ? null : new Date(at), sentAt: status === 'sent' ? new Date(at + 2000) : null,
        dryRun: false, jobStatus: null, updatedAt: new Date(at + 2000),
      });
    }
  }
  await bulkInsert(ds, PushDelivery, deliveries, 1000);
  count('push_campaign', campaigns.length);
  count('push_delivery', deliveries.length);

  // ---- The report's records: hot topics, briefings, proposals, other systems' figures (the year and the one before). ----
  const hotTopics: Partial<ReportHotTopic>[] = [];
  const briefings: Partial<ReportBriefing>[] = [];
  const proposals: Partial<ReportProposal>[] = [];
  const recordStamp = { createdById: reporterId, updatedById: reporterId, version: 1 };
  let hotInYear = 0;
  let briefingsInYear = 0;
  for (const y of [year - 1, year]) {
    const ys = yearStart(y);
    for (let i = 0; i < 36; i += 1) {
      const at = ys + Math.floor(rand() * 360) * DAY;
      const n = rand() < 0.6 ? noticeTimes[Math.floor(rand() * noticeTimes.length)]! : null;
      hotTopics.push({
        year: y, date: isoDay(at), subject: `关于${pick(rand, ['城区学校划片', '校外培训治理', '营养餐质量', '教师减负', '学生近视防控'])}的社会关切回应`,
        channel: pick(rand, ['website', 'wechat', 'weibo', 'tv', 'newspaper', 'press_conference', 'hotline', 'other'] as readonly HotTopicChannel[]),
        noticeId: n ? n.id : null, url: n ? null : 'https://www.example.gov.cn/news/1.html', ...recordStamp, createdAt: new Date(at), updatedAt: new Date(at),
      });
      if (y === year) hotInYear += 1;
    }
    for (let i = 0; i < 9; i += 1) {
      const at = ys + Math.floor(rand() * 360) * DAY;
      briefings.push({
        year: y, date: isoDay(at), kind: i % 3 === 0 ? 'policy_briefing' : 'press_conference', subject: `${y}年${pick(rand, ['义务教育招生', '中考政策', '学生资助'])}新闻发布会`,
        speakers: '县教育局局长 王某', noticeId: null, url: null, ...recordStamp, createdAt: new Date(at), updatedAt: new Date(at),
      });
      if (y === year) briefingsInYear += 1;
    }
    for (const [kind, n] of [['npc', 24], ['cppcc', 17]] as const) {
      for (let i = 1; i <= n; i += 1) {
        const replied = rand() < 0.9;
        proposals.push({
          year: y, kind, number: `第${i}号`, title: `关于${pick(rand, ['加强农村学校师资', '改善校舍条件', '规范课后服务'])}的${kind === 'npc' ? '建议' : '提案'}`,
          role: rand() < 0.7 ? 'lead' : 'co', partners: rand() < 0.5 ? '县财政局' : null, replyDate: replied ? `${y}-0${1 + Math.floor(rand() * 9)}-15` : null,
          satisfaction: replied ? weighted(rand, [['satisfied', 80], ['basically_satisfied', 15], ['unsatisfied', 5]] as const) : null,
          ...recordStamp, createdAt: new Date(ys), updatedAt: new Date(ys),
        });
      }
    }
  }
  await bulkInsert(ds, ReportHotTopic, hotTopics, 200);
  await bulkInsert(ds, ReportBriefing, briefings, 200);
  await bulkInsert(ds, ReportProposal, proposals, 200);
  await bulkInsert(
    ds,
    ReportYearlyFigure,
    [year - 1, year].flatMap((y) => [
      { year: y, key: 'licensing' as const, value: '1268', enteredById: reporterId, enteredAt: new Date(yearStart(y + 1) + 5 * DAY) },
      { year: y, key: 'penalty' as const, value: '3', enteredById: reporterId, enteredAt: new Date(yearStart(y + 1) + 5 * DAY) },
      { year: y, key: 'enforcement' as const, value: '0', enteredById: reporterId, enteredAt: new Date(yearStart(y + 1) + 5 * DAY) },
      { year: y, key: 'charges' as const, value: '12.3456', enteredById: reporterId, enteredAt: new Date(yearStart(y + 1) + 5 * DAY) },
    ]),
    20,
  );
  count('report records', hotTopics.length + briefings.length + proposals.length + 8);
  lap('requests, pushes, records');

  return {
    year,
    ms: performance.now() - started,
    rows,
    parts,
    expect: {
      published, publishedByType, pageViews, inquiries: s.inquiries, received: s.requests, carriedIn, carriedOut, concluded, pushesSent,
      hotTopics: hotInYear, briefings: briefingsInYear, normativeIssued, normativeRepealed,
    },
  };
}

/* ---------- the run ---------- */

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 100 ? fmt(n) : n.toFixed(n % 1 === 0 ? 0 : 1));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
/** The runs a line's median counts: without the cold one where there is one. */
const warmRuns = (t: Timing): number[] => (t.cold && t.runs.length > 1 ? t.runs.slice(1) : t.runs);

async function timedFetch(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; body: Buffer; type: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, status: res.status, body, type: res.headers.get('content-type') ?? '' };
}

/** Renderers already run in this process (by an earlier database's part): their first run here is not a cold one. */
const rendersRun = new Set<string>();

export async function benchReports(ctx: ReportsContext, s: ReportsSettings, report: ReportsReport): Promise<void> {
  console.log(`\n== yearly report (${report.label}) ==`);
  const now = Date.now();
  // The last whole year: the report staff write in January.
  const year = shanghaiDate(new Date(now)).year - 1;

  // 1. Schema from the migrations, then the year in bulk.
  await withMigratedDatabase(ctx, async (ds) => {
    report.seed = await seedReportYear(ds, s, year, now);
    // The sealed columns open with the app's keys (the server decrypts them in the same run).
    const one = await ds.getRepository(DisclosureRequest).findOneOrFail({ where: { id: 1 }, select: { id: true, applicantName: true, phone: true } });
    if (!one.applicantName || !/^1380536\d{4}$/.test(one.phone ?? '')) throw new Error('a sealed disclosure column does not read back');
    if (ds.options.type !== 'mysql') await ds.query('ANALYZE');
    else for (const t of ['notice', 'notice_view_daily', 'inquiry', 'disclosure_request', 'push_delivery']) await ds.query(`ANALYZE TABLE \`${t}\``);
  });
  const seed = report.seed!;
  console.log(`seeded year ${year} in ${(seed.ms / 1000).toFixed(1)} s (${Object.entries(seed.parts).map(([k, v]) => `${k} ${v} s`).join(', ')}): ${Object.entries(seed.rows).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);

  // 2. The built server in its own process.
  const port = await freePort();
  const server = spawnChild(
    ctx.cleanup,
    `server (reports, ${report.label})`,
    [...ctx.serverNodeArgs, join(ROOT, 'server/dist/main.js')],
    ctx.childEnv({ ...ctx.dbEnv, ...ctx.privacyEnv, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false', LOG_JSON: 'true' }),
    ROOT,
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  report.serverStartMs = await waitFor200(`${base}/categories`, server, 60_000);
  console.log(`server answered after ${(report.serverStartMs / 1000).toFixed(1)} s on ${base}`);
  const loginRes = await fetch(`${base}/auth/staff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: REPORTER, password: PASSWORD }) });
  const login = (await loginRes.json()) as { token?: string };
  if (loginRes.status !== 200 || !login.token) throw new Error(`reporter login: ${loginRes.status} ${JSON.stringify(login).slice(0, 300)}`);
  const auth = { authorization: `Bearer ${login.token}` };

  // 3. The report data: the first request after start (cold), then warm ones in turn.
  report.loadBefore = loadavg()[0];
  const path = `${base}/staff/reports/annual?year=${year}`;
  const annual: Timing = { label: `\`GET /api/v1/staff/reports/annual?year=${year}\` (report data)`, runs: [], bytes: null, cold: true };
  report.annual = annual;
  let view: AnnualReportView | null = null;
  for (let i = 0; i <= s.runs; i += 1) {
    const a = await timedFetch(path, auth);
    if (a.status !== 200) throw new Error(`GET ${path} answered ${a.status}: ${a.body.toString('utf8').slice(0, 500)}`);
    annual.runs.push(a.ms);
    annual.bytes = a.body.length;
    view ??= JSON.parse(a.body.toString('utf8')) as AnnualReportView;
    console.log(`  report data ${i === 0 ? 'cold' : `warm ${i}`}: ${a.ms.toFixed(0)} ms (${fmt(a.body.length)} B)`);
  }
  if (!view) throw new Error('no report answer');
  report.checks = { balanced: view.balanced, failing: view.checks.filter((c) => !c.ok).map((c) => c.message) };
  compareFigures(view.data, seed, report);

  // 4. The exports, three times each (the first may load fonts and build caches).
  report.exports = [];
  for (const format of ['pdf', 'docx', 'md', 'html'] as const) {
    const url = `${base}/staff/reports/annual/${year}/export.${format}`;
    const t: Timing = { label: `\`GET …/annual/${year}/export.${format}\``, runs: [], bytes: null, cold: true };
    for (let i = 0; i < 3; i += 1) {
      const a = await timedFetch(url, auth);
      if (a.status !== 200) {
        report.notes.push(`export.${format} answered ${a.status}: ${a.body.toString('utf8').slice(0, 200)}`);
        break;
      }
      t.runs.push(a.ms);
      t.bytes = a.body.length;
    }
    if (t.runs.length) {
      report.exports.push(t);
      console.log(`  export.${format}: ${t.runs.map((x) => x.toFixed(0)).join(' / ')} ms (${fmt(t.bytes ?? 0)} B)`);
    }
  }

  // 5. The renderers alone, in this process, on the data the server answered.
  report.renders = [];
  const renderers = [
    { name: 'renderReportPdf', fn: renderReportPdf },
    { name: 'renderReportDocx', fn: renderReportDocx },
  ];
  for (const r of renderers) {
    const t: Timing = { label: `\`${r.name}(data)\` in the bench process`, runs: [], bytes: null, cold: !rendersRun.has(r.name) };
    rendersRun.add(r.name);
    try {
      for (let i = 0; i < 3; i += 1) {
        const t0 = performance.now();
        const out = await r.fn(view.data);
        t.runs.push(performance.now() - t0);
        t.bytes = out.length;
      }
      report.renders.push(t);
      console.log(`  ${r.name}: ${t.runs.map((x) => x.toFixed(0)).join(' / ')} ms (${fmt(t.bytes ?? 0)} B)`);
    } catch (error) {
      report.notes.push(`${r.name} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }

  // 6. Stop; what the server logged is a finding.
  await server.stop();
  const { code, signal } = await server.exited;
  if (code !== 0 && code !== null) report.notes.push(`server exited with code ${code} (signal ${signal}) after SIGTERM`);
  for (const line of server.problems) report.notes.push(`server log: ${line}`);
}

/** The figures the seed knows, against what the report read: a difference is a note (a definition, or a bug). */
function compareFigures(d: AnnualReportData, seed: ReportSeed, report: ReportsReport): void {
  const e = seed.expect;
  const pairs: [string, number | undefined, number][] = [
    ['published.total', d.figures?.published?.total, e.published],
    ...(Object.keys(e.publishedByType) as InfoType[]).map((t): [string, number | undefined, number] => [`published.byType.${t}`, d.figures?.published?.byType?.[t], e.publishedByType[t]]),
    ['pageViews', d.figures?.pageViews, e.pageViews],
    ['inquiries.total', d.figures?.inquiries?.total, e.inquiries],
    ['table3.received.total', d.table3?.received?.total, e.received],
    ['table3.carriedIn.total', d.table3?.carriedIn?.total, e.carriedIn],
    ['table3.concluded.total', d.table3?.concluded?.total, e.concluded],
    ['table3.carriedOut.total', d.table3?.carriedOut?.total, e.carriedOut],
    ['pushes.sent', d.figures?.pushes?.sent, e.pushesSent],
    ['hotTopics.total', d.figures?.hotTopics?.total, e.hotTopics],
    ['briefings.total', d.figures?.briefings?.total, e.briefings],
    ['table2.normative.issued', d.table2?.documents?.normative?.issued, e.normativeIssued],
  ];
  const off = pairs.filter(([, got, want]) => got !== want);
  for (const [name, got, want] of off) report.notes.push(`figure ${name}: the report says ${got === undefined ? 'nothing' : fmt(got)}, the seed put in ${fmt(want)}`);
  if (!off.length) console.log(`  the report's figures match the seed (${pairs.length} compared)`);
}

export function reportsSection(r: ReportsReport, gated: boolean): { text: string; failed: boolean } {
  const out = [`## Yearly report, ${r.label}`, ''];
  let failed = false;
  const facts: string[] = [];
  if (r.seed) {
    const e = r.seed.expect;
    facts.push(
      `year ${r.seed.year}: ${fmt(e.published)} published notices, ${fmt(e.inquiries)} inquiries, ${fmt(e.received)} requests (${fmt(e.carriedIn)} carried in, ${fmt(e.carriedOut)} carried out), ` +
        `${fmt(r.seed.rows.notice_view_daily ?? 0)} view rows (${fmt(e.pageViews)} views in the year), ${fmt(r.seed.rows.push_delivery ?? 0)} push deliveries; ` +
        `${fmt(r.seed.rows.notice ?? 0)} notices in all, seeded in ${(r.seed.ms / 1000).toFixed(1)} s`,
    );
  }
  if (r.serverStartMs !== undefined) facts.push(`server ready in ${(r.serverStartMs / 1000).toFixed(1)} s`);
  if (r.loadBefore !== undefined) facts.push(`1-min load average before the timings ${r.loadBefore.toFixed(2)} (${cpus().length} cores)`);
  if (facts.length) out.push(`${facts.join('; ')}.`, '');
  const lines = [...(r.annual ? [r.annual] : []), ...(r.exports ?? []), ...(r.renders ?? [])];
  if (lines.length) {
    out.push('| what | first (cold) ms | median ms | max ms | runs | size |', '|---|---:|---:|---:|---:|---:|');
    for (const t of lines) {
      const warm = warmRuns(t);
      out.push(`| ${t.label} | ${t.cold ? ms(t.runs[0]!) : '(warm)'} | ${ms(median(warm))} | ${ms(Math.max(...t.runs))} | ${t.runs.length} | ${t.bytes === null ? '' : `${fmt(t.bytes)} B`} |`);
    }
    out.push('');
  }
  if (r.annual?.runs.length) {
    const warm = median(warmRuns(r.annual));
    const cold = r.annual.runs[0]!;
    const tag = (ok: boolean) => (ok ? 'PASS' : gated ? 'FAIL' : 'MISS (not gated)');
    out.push(`- ${tag(warm <= REPORT_TARGETS.maxMs)}: report data median ${ms(warm)} ms ≤ ${fmt(REPORT_TARGETS.maxMs)} ms`);
    out.push(`- ${tag(cold <= REPORT_TARGETS.maxMs)}: report data first request after start ${ms(cold)} ms ≤ ${fmt(REPORT_TARGETS.maxMs)} ms`);
    failed = gated && (warm > REPORT_TARGETS.maxMs || cold > REPORT_TARGETS.maxMs);
  }
  if (r.checks) out.push(r.checks.balanced ? '- the report balances (every check passes)' : `- note: the report does not balance: ${r.checks.failing.join('; ')}`);
  if (r.error) {
    out.push(`- ERROR: ${r.error.split('\n')[0]}`);
    failed = true;
  }
  for (const note of r.notes) out.push(`- note: ${note}`);
  if (!r.error && !r.notes.length) out.push('- no non-2xx answers, differences from the seed, or server warnings');
  return { text: out.join('\n'), failed };
}
