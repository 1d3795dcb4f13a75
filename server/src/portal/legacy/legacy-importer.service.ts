import { Inject, Injectable } from '@nestjs/common';
import { EDITABLE_NOTICE_STATUSES, may, type ErrorDetail } from '@gongkai/shared';
import { Mutex } from 'async-mutex';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { validateQuery } from '../../common/errors/validation.pipe';
import type { RequestMeta } from '../../common/http/request-meta';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NoticeDraftDto } from '../../catalog/dto/notice-draft.dto';
import { NoticesService } from '../../catalog/notices.service';
import { StaffNoticesService, type NoticeSnapshot } from '../../catalog/staff-notices.service';
import { Db, isDuplicateKey } from '../../database/db';
import { StaffAccountsService } from '../../identity/staff-accounts.service';
import { LegacyPublish } from '../../publishing/legacy/legacy-publish.service';
import type { LegacyImportItem } from './entities/legacy-import-item.entity';
import type { LegacyImportRunItem, LegacyRunItemState } from './entities/legacy-import-run-item.entity';
import type { LegacyImportRun } from './entities/legacy-import-run.entity';
import { eachLimited, fetchPage, FetchFailed, type FetchOptions } from './legacy-fetch';
import { LegacyImportRepository } from './legacy-import.repository';
import { codesOf, mapItem, type ItemMapping } from './legacy-mapping';
import { absoluteUrl, entryItem, ExtractFailed, listLinks, pageCount, parseDate, parseDetail, parseFeed, type ExtractedItem } from './legacy-parse';
import { configHash, loadSource, SourcesFileError, type ResolvedSource } from './legacy-sources';

/** What a run reports as it goes: the pages listed so far and each page done. */
export interface ImportProgress {
  listed(pages: number, items: number): void;
  /** The item phase starts (or resumes) with `done` of `total` pages already done. */
  items(total: number, done: number): void;
  item(state: Exclude<LegacyRunItemState, 'pending'>): void;
}

export interface ImportSummary {
  source: string;
  runId: number;
  resumed: boolean;
  listPages: number;
  counts: Record<Exclude<LegacyRunItemState, 'pending'>, number>;
  /** Failures with their reasons and notes (e.g. a 索引号 given anew), in list order; at most 200. */
  messages: { url: string; state: LegacyRunItemState; message: string }[];
  ms: number;
}

/** The list could not be read to its end: the run stays open and the next start resumes it. */
export class ListFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListFailed';
  }
}

/** Pages taken from the run per round of the item phase. */
const BATCH = 200;
const MESSAGES_SHOWN = 200;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * `portal import --source NAME`: reads a legacy column (list pages and detail pages, or a feed),
 * maps each item to a category and unit by the source's rules and enters it as a draft or as a
 * published legacy item. Idempotent by source URL and content hash: a page imported before with
 * the same content is left alone (no write), a changed one updates its notice, unless staff have
 * changed or moved that notice since (then it fails, naming why). Each page's notice, its import
 * record and its state in the run commit together, so a run killed midway resumes where it
 * stopped and never imports a page twice.
 */
@Injectable()
export class LegacyImporter {
  /** Pages are fetched and read several at a time but written one at a time: concurrent notice inserts deadlock on MySQL's gap locks, and SQLite takes turns anyway. */
  private readonly writes = new Mutex();

  constructor(
    private readonly db: Db,
    private readonly repo: LegacyImportRepository,
    private readonly staffNotices: StaffNoticesService,
    private readonly notices: NoticesService,
    private readonly accounts: StaffAccountsService,
    private readonly legacyPublish: LegacyPublish,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(name: string, options: { restart: boolean }, progress: ImportProgress): Promise<ImportSummary> {
    const started = performance.now();
    const file = this.config.portal.sourcesFile;
    if (!file) throw new SourcesFileError('(unset)', ['PORTAL_SOURCES_FILE is not set: name the JSON file of legacy sources (see README, "Legacy import")']);
    const { source, at } = loadSource(file, name);
    const author = await this.checkAgainstCatalog(file, source, at);
    const open = options.restart ? null : await this.repo.openRun(source.name);
    const firstPage = source.kind === 'html' ? source.list!.url : source.feed!.url;
    const run = open ?? (await this.repo.startRun(source.name, firstPage, this.clock.now()));
    const context = { source, author, run, fetch: source.fetch, configHash: configHash(source), meta: { ip: null, requestId: `portal-import-${run.id}`, channel: 'api' } satisfies RequestMeta };
    if (!run.listDone) await (source.kind === 'html' ? this.listHtml(context, progress) : this.listFeed(context, progress));
    await this.importItems(context, progress);
    await this.repo.finishRun(run.id, this.clock.now());
    const { pending: _pending, ...counts } = await this.repo.counts(run.id);
    const messages = (await this.repo.withMessages(run.id, MESSAGES_SHOWN)).map((m) => ({ url: m.url, state: m.state, message: m.message! }));
    return { source: source.name, runId: run.id, resumed: open !== null, listPages: run.pagesDone, counts, messages, ms: performance.now() - started };
  }

  /** Codes and the author exist, and the author may write for every unit the rules name: else nothing is fetched. */
  private async checkAgainstCatalog(file: string, source: ResolvedSource, at: string): Promise<StaffPrincipal> {
    const snap = await this.notices.snapshot();
    const problems: string[] = [];
    const author = await this.accounts.principalOf(source.authorUsername);
    if (!author) problems.push(`${at}.authorUsername: no active staff account "${source.authorUsername}"`);
    else if (!may(author.roles, 'notice.draft')) problems.push(`${at}.authorUsername: ${source.authorUsername} may not write notices (give the account the editor role)`);
    for (const { field, kind, code } of codesOf(source, at)) {
      const map = kind === 'category' ? snap.byCode.categories : kind === 'unit' ? snap.byCode.units : snap.byCode.topics;
      if (!map.has(code)) problems.push(`${field}: no ${kind} with code "${code}"`);
      else if (kind === 'unit' && author && snap.byCode.units.get(code)!.id !== author.unitId && !may(author.roles, 'notice.anyUnit')) {
        problems.push(`${field}: ${source.authorUsername} may write only for their own unit, not "${code}" (give the account a role with notice.anyUnit, or map to its unit)`);
      }
    }
    if (problems.length) throw new SourcesFileError(file, problems);
    return author!;
  }

  /** The list pages from where the run stands: page 0 is list.url, page n ≥ 1 is nextPattern with {n}. */
  private async listHtml(ctx: RunContext, progress: ImportProgress): Promise<void> {
    const { source, run } = ctx;
    const list = source.list!;
    const maxPages = list.maxPages ?? 1000;
    let listed = 0;
    while (run.nextPageUrl) {
      const index = run.pagesDone;
      let links: string[] = [];
      let count = run.pageCount;
      try {
        const page = await fetchPage(run.nextPageUrl, ctx.fetch);
        if (page.status !== 200) throw new FetchFailed('HTTP 304');
        links = listLinks(page.text, page.url, list.links);
        if (index === 0 && list.pageCountPattern) count = pageCount(page.text, list.pageCountPattern);
      } catch (error) {
        // Past the first page a missing page is the end of the column (TRS names pages on, but not past its end).
        if (!(error instanceof FetchFailed && error.missing && index > 0)) throw new ListFailed(`list page ${run.nextPageUrl}: ${reason(error)}`);
      }
      const pagesDone = index + 1;
      const more = links.length > 0 && list.nextPattern !== undefined && pagesDone < maxPages && (count === null || pagesDone < count);
      const nextPageUrl = more ? absoluteUrl(list.nextPattern!.replace('{n}', String(pagesDone)), list.url) : null;
      await this.repo.recordListPage(run.id, links.map((url) => ({ url, urlHash: sha256(url), entry: null })), { pagesDone, nextPageUrl, pageCount: count, listDone: nextPageUrl === null });
      Object.assign(run, { pagesDone, nextPageUrl, pageCount: count, listDone: nextPageUrl === null });
      listed += links.length;
      progress.listed(pagesDone, listed);
    }
  }

  /** The feed's entries, with their content when no detail page is read. */
  private async listFeed(ctx: RunContext, progress: ImportProgress): Promise<void> {
    const { source, run } = ctx;
    let entries;
    try {
      const page = await fetchPage(source.feed!.url, ctx.fetch);
      if (page.status !== 200) throw new FetchFailed('HTTP 304');
      entries = parseFeed(page.text, page.url);
    } catch (error) {
      throw new ListFailed(`feed ${source.feed!.url}: ${reason(error)}`);
    }
    await this.repo.recordListPage(
      run.id,
      entries.map((e) => ({ url: e.link, urlHash: sha256(e.link), entry: e })),
      { pagesDone: 1, nextPageUrl: null, pageCount: 1, listDone: true },
    );
    Object.assign(run, { pagesDone: 1, nextPageUrl: null, listDone: true });
    progress.listed(1, entries.length);
  }

  private async importItems(ctx: RunContext, progress: ImportProgress): Promise<void> {
    const counts = await this.repo.counts(ctx.run.id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    progress.items(total, total - counts.pending);
    let after = 0;
    for (;;) {
      const batch = await this.repo.pending(ctx.run.id, after, BATCH);
      if (!batch.length) return;
      after = batch[batch.length - 1]!.id;
      const unchanged: number[] = [];
      await eachLimited(batch, ctx.source.fetch.concurrency, async (item) => {
        const state = await this.importOne(ctx, item);
        if (state === 'unchanged') unchanged.push(item.id);
        progress.item(state);
      });
      // Unchanged pages are marked once per batch, not once each (a write each is most of a second run's time on SQLite);
      // a run killed before this reads them again, which changes nothing.
      await this.repo.settleUnchanged(unchanged);
    }
  }

  /** One page: fetched, read, mapped, and created, updated or left alone; a failure is this page's only. */
  private async importOne(ctx: RunContext, runItem: LegacyImportRunItem): Promise<Exclude<LegacyRunItemState, 'pending'>> {
    try {
      const existing = await this.repo.findItem(ctx.source.name, runItem.urlHash);
      const read = await this.read(ctx, runItem, existing);
      if (read === 'not-modified') return 'unchanged';
      const { item, validators } = read;
      const mapping = mapItem(ctx.source, { url: runItem.url, title: item.title, column: item.column });
      const contentHash = sha256(JSON.stringify([item.title, item.date?.toISOString() ?? null, item.documentNo, item.indexNo, item.bodyHtml, item.attachments, mapping]));
      if (existing && existing.contentHash === contentHash) {
        // Same content: the notice is not touched; only what the next run compares with is kept up to date.
        if (existing.configHash !== ctx.configHash || existing.etag !== validators.etag || existing.lastModified !== validators.lastModified) {
          await this.repo.updateItem(null, existing.id, { configHash: ctx.configHash, ...validators });
        }
        return 'unchanged';
      }
      const dto = await this.draftOf(item, mapping);
      const record = { contentHash, configHash: ctx.configHash, ...validators, lastImportedAt: this.clock.now() };
      if (!existing) await this.create(ctx, runItem, item, dto, record);
      else await this.update(ctx, runItem, existing, item, dto, record);
      return existing ? 'updated' : 'new';
    } catch (error) {
      // Two imports of the source at once: the other one recorded this page first.
      if (isDuplicateKey(error)) return this.settle(runItem, 'failed', 'imported meanwhile by another run of this source');
      if (!(error instanceof FetchFailed || error instanceof ExtractFailed || error instanceof LeftAsItIs || error instanceof ApiError)) throw error;
      return this.settle(runItem, 'failed', reason(error));
    }
  }

  /** The page's item: from the feed entry, or its page (conditionally, when it was imported under the same settings). */
  private async read(ctx: RunContext, runItem: LegacyImportRunItem, existing: LegacyImportItem | null): Promise<{ item: ExtractedItem; validators: Validators } | 'not-modified'> {
    const { source } = ctx;
    let item: ExtractedItem;
    let validators: Validators = { etag: existing?.etag ?? null, lastModified: existing?.lastModified ?? null };
    if (runItem.entry && !source.detail) {
      item = entryItem(runItem.entry);
    } else {
      const page = await fetchPage(runItem.url, ctx.fetch, existing?.configHash === ctx.configHash ? validators : undefined);
      if (page.status === 304) return 'not-modified';
      validators = { etag: page.etag, lastModified: page.lastModified };
      item = parseDetail(page.text, page.url, source.detail!);
      // A feed's entry knows its date when the page does not show it.
      if (!item.date && runItem.entry?.date) item.date = parseDate(runItem.entry.date);
    }
    if (source.mode === 'published' && !item.date) {
      throw new ExtractFailed(`no date (${source.detail?.date ? `detail.date "${source.detail.date.selector}" found nothing` : 'the feed entry has none'}); a published legacy item keeps its original date`);
    }
    return { item, validators };
  }

  /** A new page: its notice, its record and its state in the run, in one transaction. */
  private async create(ctx: RunContext, runItem: LegacyImportRunItem, item: ExtractedItem, dto: NoticeDraftDto, record: ItemRecord): Promise<void> {
    const checked = await this.staffNotices.checkDraft(ctx.author, dto);
    await this.write(async (m) => {
      let id: number;
      let note: string | null = null;
      if (ctx.source.mode === 'published') {
        ({ id, note } = await this.legacyPublish.publishIn(m, ctx.author, dto, checked, { publishedAt: item.date!, indexNo: item.indexNo, portalUrl: runItem.url }, ctx.meta));
      } else {
        id = await this.staffNotices.createIn(m, ctx.author, dto, checked, ctx.meta);
      }
      const localHash = localHashOf(await this.staffNotices.snapshot(id, m));
      await this.repo.insertItem(m, { source: ctx.source.name, url: runItem.url, urlHash: runItem.urlHash, noticeId: id, localHash, firstImportedAt: record.lastImportedAt, ...record });
      await this.repo.settleItem(m, runItem.id, 'new', note);
    });
  }

  /** A changed page: its notice takes the new content, unless staff changed or moved it since the import wrote it. */
  private async update(ctx: RunContext, runItem: LegacyImportRunItem, existing: LegacyImportItem, item: ExtractedItem, dto: NoticeDraftDto, record: ItemRecord): Promise<void> {
    await this.db.settled();
    const notice = await this.staffNotices.record(existing.noticeId);
    if (!notice) throw new LeftAsItIs(`the page changed, but its notice ${existing.noticeId} was deleted here; not imported again`);
    if (localHashOf(await this.staffNotices.snapshot(notice.id)) !== existing.localHash) throw new LeftAsItIs(`the page changed, but notice ${notice.id} was edited here since it was imported; left as it is`);
    const published = ctx.source.mode === 'published';
    if (published ? notice.status !== 'published' : !EDITABLE_NOTICE_STATUSES.includes(notice.status)) {
      throw new LeftAsItIs(`the page changed, but notice ${notice.id} is ${notice.status} here; left as it is`);
    }
    // Checked before the transaction, as an edit through the API is.
    const edit = published ? null : await this.staffNotices.checkUpdate(ctx.author, notice.id, { ...dto, version: notice.version });
    const checked = edit ?? (await this.staffNotices.checkDraft(ctx.author, dto));
    await this.write(async (m) => {
      if (edit) await this.staffNotices.updateIn(m, ctx.author, dto, edit, ctx.meta);
      else if (!(await this.legacyPublish.updateIn(m, ctx.author, notice.id, notice.version, dto, checked, { publishedAt: item.date!, portalUrl: runItem.url }, ctx.meta))) {
        throw new LeftAsItIs(`the page changed, but notice ${notice.id} changed here meanwhile; left as it is`);
      }
      await this.repo.updateItem(m, existing.id, { ...record, localHash: localHashOf(await this.staffNotices.snapshot(notice.id, m)) });
      await this.repo.settleItem(m, runItem.id, 'updated', null);
    });
  }

  private write(work: (m: EntityManager) => Promise<void>): Promise<void> {
    return this.writes.runExclusive(() => this.db.transaction(work));
  }

  private async settle(runItem: LegacyImportRunItem, state: Exclude<LegacyRunItemState, 'pending'>, message: string | null): Promise<Exclude<LegacyRunItemState, 'pending'>> {
    await this.repo.settleItem(null, runItem.id, state, message);
    return state;
  }

  /** The item as a draft would be written through the API, checked by the same DTO (limits, 文号 length, links). */
  private async draftOf(item: ExtractedItem, mapping: ItemMapping): Promise<NoticeDraftDto> {
    return validateQuery(NoticeDraftDto, {
      title: item.title,
      categoryCode: mapping.categoryCode,
      topicCodes: mapping.topicCodes,
      unitCode: mapping.unitCode,
      documentNo: item.documentNo,
      disclosure: 'proactive',
      infoType: mapping.infoType,
      bodyHtml: item.bodyHtml,
      attachments: item.attachments.map((a) => ({ name: a.name, url: a.url, size: 0 })),
    });
  }
}

type Validators = { etag: string | null; lastModified: string | null };
type ItemRecord = Pick<LegacyImportItem, 'contentHash' | 'configHash' | 'etag' | 'lastModified' | 'lastImportedAt'>;

/** A changed page whose notice staff changed or moved since: it is not overwritten. */
class LeftAsItIs extends Error {}

interface RunContext {
  source: ResolvedSource;
  author: StaffPrincipal;
  run: LegacyImportRun;
  fetch: FetchOptions;
  configHash: string;
  meta: RequestMeta;
}

/** The notice's text as staff would change it (title, summary, 文号, body, attachments): hashed to tell whether someone did. */
function localHashOf(n: NoticeSnapshot): string {
  return sha256(JSON.stringify([n.title, n.summary, n.documentNo, n.bodyHtml, n.attachments.map((a) => [a.name, a.url])]));
}

function reason(error: unknown): string {
  if (error instanceof ApiError) {
    const details: ErrorDetail[] = error.details ?? [];
    return details.length ? details.map((d) => `${d.field}: ${d.message}`).join('; ') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
