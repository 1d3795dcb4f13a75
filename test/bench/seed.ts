import { formatIndexNo } from '@gongkai/shared';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../server/src/config/app-config';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { installMigrationObjectStore } from '../../server/src/database/migration-object-store';
import { ENTITIES } from '../../server/src/entities';
import { installDataKeys } from '../../server/src/privacy/crypto/data-keys';
import { createObjectStore } from '../../server/src/storage/create-object-store';
import { Category } from '../../server/src/catalog/entities/category.entity';
import { IndexSequence } from '../../server/src/publishing/entities/index-sequence.entity';
import { NoticeTopic } from '../../server/src/catalog/entities/notice-topic.entity';
import { Notice } from '../../server/src/catalog/entities/notice.entity';
import { Topic } from '../../server/src/catalog/entities/topic.entity';
import { Unit } from '../../server/src/identity/entities/unit.entity';
import { BENCH_UNITS, generateNotice, pickCategory, prng, shanghaiDate } from './content';

/**
 * Opens a part's fresh database as the server does (data keys and the object store installed,
 * migrations run; never synchronize), hands it to `work` (seeding), and closes it.
 */
export async function withMigratedDatabase<T>(
  ctx: { dbEnv: Record<string, string>; privacyEnv: Record<string, string>; jwtSecret: string },
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...ctx.dbEnv, ...ctx.privacyEnv, JWT_SECRET: ctx.jwtSecret, DEMO_DATA: 'false' }, resolve(__dirname, '../..'));
  installDataKeys(config.privacy);
  installMigrationObjectStore(createObjectStore(config.storage));
  const ds = new DataSource(dataSourceOptions(config, ENTITIES));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

export interface SeedResult {
  notices: number;
  noticeTopics: number;
  /** Body HTML size range in bytes (UTF-8). */
  bodyBytes: { min: number; max: number; mean: number };
  /** Notices per category code. */
  perCategory: Record<string, number>;
  ms: number;
}

const BATCH = 500;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600_000;

/**
 * Fills a freshly migrated database with `count` published 主动公开 notices. Rows go in through
 * TypeORM's insert query builder, 500 per INSERT, one transaction per batch. Ids are given
 * explicitly (the tables are empty) so topic links need no read-back.
 */
export async function seedNotices(ds: DataSource, count: number, seed = 20_261_130): Promise<SeedResult> {
  const started = performance.now();
  const rand = prng(seed);

  for (const u of BENCH_UNITS) {
    if (!/^[0-9A-Z]{18}$/.test(u.code)) throw new Error(`unit code ${u.code} is not 18 uppercase characters`);
  }
  await ds
    .createQueryBuilder()
    .insert()
    .into(Unit)
    .values(BENCH_UNITS.map((u, i) => ({ code: u.code, name: u.name, kind: u.kind, sortOrder: (i + 1) * 10 })))
    .execute();

  const [categories, topics, units] = await Promise.all([ds.getRepository(Category).find(), ds.getRepository(Topic).find(), ds.getRepository(Unit).find()]);
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  const topicId = new Map(topics.map((t) => [t.code, t.id]));
  const unitId = new Map(units.map((u) => [u.code, u.id]));

  // Oldest first, so ids grow with time and 索引号 sequences count up in publishing order.
  const start = Date.now() - TWO_YEARS_MS;
  const step = TWO_YEARS_MS / count;
  const indexSeq = new Map<string, number>();
  const docSeq = new Map<number, number>();
  const perCategory: Record<string, number> = {};
  const body = { min: Infinity, max: 0, total: 0 };
  let links = 0;

  for (let first = 1; first <= count; first += BATCH) {
    const notices: Partial<Notice>[] = [];
    const noticeTopics: NoticeTopic[] = [];
    for (let id = first; id < first + BATCH && id <= count; id += 1) {
      // Distinct, increasing instants: jitter stays inside each notice's own slot.
      const publishedAt = new Date(Math.floor(start + (id - 1) * step + rand() * step * 0.9));
      const category = pickCategory(rand);
      const { year } = shanghaiDate(publishedAt);
      const g = generateNotice(rand, category, publishedAt, () => {
        const n = (docSeq.get(year) ?? 0) + 1;
        docSeq.set(year, n);
        return n;
      });
      const scope = `${g.unitCode}/${category}/${year}`;
      const seq = (indexSeq.get(scope) ?? 0) + 1;
      indexSeq.set(scope, seq);
      perCategory[category] = (perCategory[category] ?? 0) + 1;
      const size = Buffer.byteLength(g.bodyHtml);
      body.min = Math.min(body.min, size);
      body.max = Math.max(body.max, size);
      body.total += size;

      notices.push({
        id,
        status: 'published',
        title: g.title,
        summary: g.summary,
        categoryId: categoryId.get(category)!,
        unitId: unitId.get(g.unitCode)!,
        documentNo: g.documentNo,
        indexNo: formatIndexNo(g.unitCode, category, year, seq),
        disclosure: 'proactive',
        disclosureReason: null,
        infoType: 'business',
        normative: g.normative,
        normativeIssuedOn: g.normative ? publishedAt.toISOString().slice(0, 10) : null,
        normativeRepealedOn: null,
        bodyHtml: g.bodyHtml,
        bodyText: g.bodyText,
        authorId: 1,
        publishedAt,
        viewCount: 0,
        version: 1,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      });
      for (const code of g.topicCodes.slice(0, 2)) {
        const topic = topicId.get(code);
        if (topic === undefined) throw new Error(`topic ${code} is not in the migrated catalogue`);
        // Public from the start: the link carries its publication time (the topic's page reads it).
        noticeTopics.push({ noticeId: id, topicId: topic, publicAt: publishedAt });
      }
    }
    links += noticeTopics.length;
    await ds.transaction(async (m) => {
      // updateEntity(false): nothing to read back, and TypeORM would otherwise re-select per row.
      await m.createQueryBuilder().insert().into(Notice).values(notices).updateEntity(false).callListeners(false).execute();
      if (noticeTopics.length) {
        await m.createQueryBuilder().insert().into(NoticeTopic).values(noticeTopics).updateEntity(false).callListeners(false).execute();
      }
    });
  }

  // Keep the 索引号 counters consistent, as publishing through the API would leave them.
  const sequences = [...indexSeq].map(([scope, last]) => ({ scope, last }));
  for (let i = 0; i < sequences.length; i += BATCH) {
    await ds.createQueryBuilder().insert().into(IndexSequence).values(sequences.slice(i, i + BATCH)).updateEntity(false).execute();
  }

  return {
    notices: count,
    noticeTopics: links,
    bodyBytes: { min: body.min, max: body.max, mean: Math.round(body.total / count) },
    perCategory,
    ms: performance.now() - started,
  };
}
