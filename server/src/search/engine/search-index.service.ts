import { Injectable, Logger } from '@nestjs/common';
import { shanghaiYear, type QaItem } from '@gongkai/shared';
import { LRUCache } from 'lru-cache';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { NoticesService, type SearchSourceNotice } from '../../catalog/notices.service';
import { PublicCache } from '../../common/cache/public-cache';
import { InquiryQaService } from '../../inquiries/inquiry-qa.service';
import { ChangeLog } from '../../publishing/changes/change-log.service';
import { SynonymsService } from '../synonyms/synonyms.service';
import { InvertedIndex, type IndexedDoc } from './inverted-index';
import { Segmenter } from './segmenter';
import { SynonymTable } from './synonym-table';

/** What a search reads: one index state, the synonyms, and the generation that names both. */
export interface IndexState {
  index: InvertedIndex;
  synonyms: SynonymTable;
  /** The public Q&A as shown (a county publishes hundreds): hits are shown from here. */
  qa: ReadonlyMap<number, QaItem>;
  /** Moves on with every applied change: cached answers and result lists are keyed by it. */
  generation: number;
}

/** Notices read per batch at start; the loop yields between batches so the server keeps answering. */
const BUILD_BATCH = 500;
const CHANGES_BATCH = 1000;
/** Past this share of dead slots the index is rebuilt (in the background, swapped in when done). */
const REBUILD_DEAD_SHARE = 0.25;
const GUIDE_CATEGORY = 'BSZN';
/**
 * Characters of notices' folded text kept for checking quoted phrases (two bytes each at most):
 * 20,000 notices of 700 characters fit; in a larger county the least recently checked are read
 * from the database again.
 */
const PHRASE_TEXT_CHARS = 24 * 1024 * 1024;

/** The text a quoted phrase is checked on: the folded title, summary and body, a line each (kept by the index, or read and folded alike). */
export function phraseText(foldedTitle: string, foldedSummary: string, foldedBody: string): string {
  return `${foldedTitle}\n${foldedSummary}\n${foldedBody}`;
}

/**
 * The search index of this instance. Built from the database at start (every public notice and
 * Q&A, cut by jieba), then kept current: every public change bumps the content version, which
 * `PublicCache` reports here (at once on the instance that made it, within PUBLIC_CACHE_POLL_MS on
 * the others); the refresh reads the change log from its last position (positions are handed out
 * in commit order, so none is skipped), re-reads those notices and the Q&A, and reloads synonyms.
 * A search waits for a refresh in progress, so an instance's own change is found by its next search.
 * Answers built meanwhile read their results again from the database (SearchService), so a
 * notice withdrawn on another instance is left out of them even before this instance hears of it.
 */
@Injectable()
export class SearchIndexService {
  private readonly logger = new Logger('SearchIndex');
  private state: IndexState | null = null;
  private building: Promise<IndexState> | null = null;
  private refreshing: Promise<void> | null = null;
  private dirty = false;
  private position = 0;
  private synonymsKey = '';
  private rebuilding = false;
  private generation = 0;
  /** Each indexed notice's folded title, summary and text (see foldedText), kept in step with the index. */
  private readonly texts = new LRUCache<number, string>({ maxSize: PHRASE_TEXT_CHARS, sizeCalculation: (text) => Math.max(1, text.length) });

  constructor(
    private readonly notices: NoticesService,
    private readonly qa: InquiryQaService,
    private readonly changes: ChangeLog,
    private readonly synonymsService: SynonymsService,
    private readonly segmenter: Segmenter,
    cache: PublicCache,
  ) {
    cache.onChanged(() => this.changed());
  }

  /** Starts the build (the route calls it at start, so the first search rarely waits). */
  warm(): void {
    void this.current().catch((error: unknown) => this.logger.error(`search index build failed: ${error instanceof Error ? error.name : typeof error}`));
  }

  /**
   * A public notice's title, summary and text as indexed (folded, joined by newlines), so a quoted
   * phrase is checked without reading and folding the text again; undefined when this instance has
   * not indexed it or no longer keeps it (the caller reads it from the database).
   */
  foldedText(id: number): string | undefined {
    return this.texts.get(id);
  }

  /** The index as of the last change this instance has heard of. */
  async current(): Promise<IndexState> {
    if (this.dirty && !this.refreshing && this.state) this.refreshing = this.refresh();
    if (this.refreshing) await this.refreshing;
    if (this.state) return this.state;
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  private changed(): void {
    this.dirty = true;
    if (this.state && !this.refreshing) this.refreshing = this.refresh();
  }

  private async build(): Promise<IndexState> {
    const started = performance.now();
    // The position first: a change committed while we read is applied again by the first refresh.
    const position = await this.changes.head();
    const index = new InvertedIndex();
    let afterId = 0;
    for (;;) {
      const { notices, lastId } = await this.notices.searchSource(afterId, BUILD_BATCH);
      for (const notice of notices) this.putNotice(index, notice);
      if (lastId === null) break;
      afterId = lastId;
      await yieldToLoop();
    }
    const qa = await this.qa.searchable();
    for (const item of qa) index.put(this.qaDoc(item));
    const groups = await this.synonymsService.groups();
    const ms = Math.round(performance.now() - started);
    this.logger.log(`search index built: ${index.size} documents, ${index.vocabulary} words, ${ms} ms`);
    this.position = position;
    this.synonymsKey = JSON.stringify(groups);
    this.generation += 1;
    this.state = { index, synonyms: new SynonymTable(groups), qa: new Map(qa.map((q) => [q.id, q])), generation: this.generation };
    // Changes committed while the batches were read are in the change log after `position`
    // (whether or not this instance heard of them yet): apply them before anyone searches.
    this.dirty = true;
    await (this.refreshing ??= this.refresh());
    return this.state!;
  }

  private async refresh(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.applyChanges();
      }
    } catch (error) {
      // Tried again at the next change; results are checked against the database meanwhile.
      this.dirty = true;
      this.logger.error(`search index refresh failed: ${error instanceof Error ? error.name : typeof error}`);
    } finally {
      this.refreshing = null;
    }
  }

  private async applyChanges(): Promise<void> {
    const state = this.state;
    if (!state) return;
    const ids = new Set<number>();
    let position = this.position;
    for (;;) {
      const rows = await this.changes.after(position, CHANGES_BATCH);
      for (const row of rows) ids.add(row.noticeId);
      if (rows.length) position = rows[rows.length - 1]!.seq;
      if (rows.length < CHANGES_BATCH) break;
    }
    const [sources, qa, groups] = await Promise.all([this.notices.searchSourceOf([...ids]), this.qa.searchable(), this.synonymsService.groups()]);
    if (this.state !== state) {
      // A rebuild swapped in meanwhile (from an older position): apply the log to it instead.
      this.dirty = true;
      return;
    }
    const index = state.index;
    const found = new Set(sources.map((n) => n.id));
    for (const id of ids) {
      if (found.has(id)) continue;
      index.remove('notice', id);
      this.texts.delete(id);
    }
    for (const notice of sources) this.putNotice(index, notice);
    const qaIds = new Set(qa.map((q) => q.id));
    for (const id of index.idsOf('qa')) if (!qaIds.has(id)) index.remove('qa', id);
    for (const item of qa) if (!index.has('qa', item.id)) index.put(this.qaDoc(item));
    const key = JSON.stringify(groups);
    const synonyms = key === this.synonymsKey ? state.synonyms : new SynonymTable(groups);
    this.synonymsKey = key;
    this.position = position;
    this.generation += 1;
    this.state = { index, synonyms, qa: new Map(qa.map((q) => [q.id, q])), generation: this.generation };
    if (index.deadShare > REBUILD_DEAD_SHARE && !this.rebuilding) this.rebuildInBackground();
  }

  /** A fresh index without the dead slots, swapped in when complete; changes meanwhile are applied to it after. */
  private rebuildInBackground(): void {
    this.rebuilding = true;
    void this.build()
      .catch((error: unknown) => this.logger.error(`search index rebuild failed: ${error instanceof Error ? error.name : typeof error}`))
      .finally(() => (this.rebuilding = false));
  }

  /** Indexes a public notice and keeps its folded text for phrases. */
  private putNotice(index: InvertedIndex, n: SearchSourceNotice): void {
    const title = this.segmenter.foldDocument(n.title);
    const summary = this.segmenter.foldDocument(n.summary);
    const body = this.segmenter.foldDocument(n.bodyText);
    index.put(this.noticeDoc(n, title, summary, body));
    this.texts.set(n.id, phraseText(title, summary, body));
  }

  private noticeDoc(n: SearchSourceNotice, title: string, summary: string, body: string): IndexedDoc {
    return {
      kind: n.categoryCode === GUIDE_CATEGORY ? 'guide' : 'notice',
      id: n.id,
      title: n.title,
      foldedTitle: title,
      foldedSummary: summary,
      titleWords: this.segmenter.documentWords(title),
      summaryWords: this.segmenter.documentWords(summary),
      bodyWords: this.segmenter.documentWords(body),
      categoryCode: n.categoryCode,
      topicCodes: n.topicCodes,
      publishedAt: n.publishedAt.getTime(),
      year: shanghaiYear(n.publishedAt),
    };
  }

  private qaDoc(q: QaItem): IndexedDoc {
    const question = this.segmenter.foldDocument(q.question);
    const at = new Date(q.answeredAt);
    return {
      kind: 'qa',
      id: q.id,
      title: q.question,
      foldedTitle: question,
      foldedSummary: '',
      titleWords: this.segmenter.documentWords(question),
      summaryWords: { words: [], parts: [] },
      bodyWords: this.segmenter.documentWords(this.segmenter.foldDocument(q.answer)),
      categoryCode: null,
      topicCodes: [],
      publishedAt: at.getTime(),
      year: shanghaiYear(at),
    };
  }
}
