import { Injectable } from '@nestjs/common';
import {
  compactSearchText,
  inEnrollmentSeason,
  looksLikeAddress,
  SEARCH_QUERY_MAX,
  SEARCH_SUGGEST_MAX,
  shanghaiDate,
  type SearchEmptyHelp,
  type SearchHit,
  type SearchResponse,
  type SearchSuggestResponse,
  type SearchSuggestion,
} from '@gongkai/shared';
import { LRUCache } from 'lru-cache';
import { randomInt } from 'node:crypto';
import { NoticesService, type Snapshot } from '../catalog/notices.service';
import { PublicCache } from '../common/cache/public-cache';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { ZoningLookupService } from '../zoning/lookup/zoning-lookup.service';
import type { SearchParams } from './dto/search-params';
import { characterPairs, type RankedList } from './engine/inverted-index';
import { planQuery, type QueryPlan } from './engine/query-plan';
import { SearchIndexService, phraseText, type IndexState } from './engine/search-index.service';
import { Segmenter } from './engine/segmenter';
import { SearchLog } from './log/search-log.service';

/** An answer as cached: the JSON, and how many results it counted (for the search log on repeats). */
interface BuiltAnswer {
  body: string;
  total: number;
}

/** A query's ranked results in one index generation: pages are slices of it, so paging is stable. */
interface ResultList extends RankedList {
  plan: QueryPlan;
}

/** Results ranked and kept per query: four pages of 10; a further page ranks again, keeping twice what it needs. */
const KEEP = 40;
const PHRASE_KEEP = 300;
const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 90;
/** Pages beyond this offset are not offered (a parent refines the query long before). */
const MAX_OFFSET = 1000;
/** A cursor: [this instance's tag, the index generation of page 1, the offset]. */
const isCursor = (v: unknown): v is [number, number, number] =>
  Array.isArray(v) && v.length === 3 && v.every((n) => Number.isInteger(n) && n >= 0) && (v[2] as number) <= MAX_OFFSET;

/**
 * One search for parents over notices (办事指南 shown as guides), the public Q&A and, for a query
 * that reads as an address, the 学区 lookup. Answers are built once per query, page and index
 * generation and kept in the `PublicCache` (dropped on every public change, on other instances
 * within the poll); building an answer reads each result again from the database, so an instance
 * that has not yet heard of a withdrawal still leaves the notice out of any answer it builds.
 */
@Injectable()
export class SearchService {
  private readonly lists = new LRUCache<string, ResultList>({ max: 500, ttl: 10 * 60_000 });
  /** Tags this instance's cursors (its generations mean nothing to another instance). */
  private readonly instance = randomInt(1, 2 ** 31 - 1);

  constructor(
    private readonly index: SearchIndexService,
    private readonly segmenter: Segmenter,
    private readonly notices: NoticesService,
    private readonly zoning: ZoningLookupService,
    private readonly log: SearchLog,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
  ) {}

  /**
   * The answer's JSON. `beforeBuild` runs only when the answer is not cached (the route passes the
   * per-address search limit: repeats of a popular query cost nothing and are not limited).
   */
  async search(params: SearchParams, beforeBuild?: () => Promise<void>): Promise<string> {
    const folded = this.fold(params.q);
    const state = await this.index.current();
    const [instance, cursorGeneration, offset] = params.cursor ? decodeCursor(params.cursor, isCursor) : [this.instance, state.generation, 0];
    // Generations are counted per instance: another instance's cursor names no list here, so its
    // next page is ranked on this index (the offset still applies).
    const generation = instance === this.instance ? cursorGeneration : state.generation;
    const key = `search:${state.generation}:${generation}:${offset}:${params.limit}:${folded}`;
    if (beforeBuild && !this.cache.has(key)) await beforeBuild();
    const answer = await this.cache.getOrBuild<BuiltAnswer>(key, () => this.build(state, folded, params.q, generation, offset, params.limit));
    // Counted on every first page, cached or not; masked before it is kept.
    if (offset === 0) this.log.record(folded, answer.total);
    return answer.body;
  }

  /**
   * Not cached: the popular queries move with the search log, not with public content (SearchLog
   * keeps them a minute), and the titles are a lookup in the index's character pairs.
   */
  async suggest(q: string): Promise<string> {
    const folded = q ? this.fold(q) : '';
    const state = await this.index.current();
    const popular = await this.log.popular(50);
    const suggestions: SearchSuggestion[] = [];
    if (!folded) {
      for (const text of popular.slice(0, SEARCH_SUGGEST_MAX)) suggestions.push({ text, kind: 'query' });
    } else {
      const compact = folded.replace(/\s+/gu, '');
      for (const text of popular) {
        if (suggestions.length >= 3) break;
        if (text !== folded && text.replace(/\s+/gu, '').includes(compact)) suggestions.push({ text, kind: 'query' });
      }
      for (const t of state.index.titlesContaining(folded, SEARCH_SUGGEST_MAX - suggestions.length)) {
        if (t.kind !== 'qa') suggestions.push({ text: t.title, kind: 'notice', noticeId: t.id });
      }
    }
    return JSON.stringify({ query: folded, suggestions } satisfies SearchSuggestResponse);
  }

  private fold(q: string): string {
    const folded = this.segmenter.foldQuery(q);
    if ([...folded].length > SEARCH_QUERY_MAX) throw new ApiError(400, 'SEARCH_QUERY_INVALID', `搜索内容最多 ${SEARCH_QUERY_MAX} 个字，请精简后再搜`);
    return folded;
  }

  private async build(state: IndexState, folded: string, raw: string, generation: number, offset: number, limit: number): Promise<BuiltAnswer> {
    // Read once per answer: after a change it is built again, and each part below needs it.
    const snap = await this.notices.snapshot();
    const list = await this.list(state, folded, generation, offset + limit + 1, snap);
    const page = list.hits.slice(offset, offset + limit);
    const noticeIds = page.filter((h) => h.kind !== 'qa').map((h) => h.id);
    const found = await this.notices.searchHits(noticeIds, snap);
    const items: SearchHit[] = [];
    for (const hit of page) {
      if (hit.kind === 'qa') {
        const qa = state.qa.get(hit.id);
        if (qa) items.push({ kind: 'qa', qa });
        continue;
      }
      const row = found.get(hit.id);
      // Not public any more (withdrawn since this instance last heard): never shown.
      if (!row) continue;
      items.push({ kind: row.item.category.code === 'BSZN' ? 'guide' : 'notice', notice: row.item, snippet: snippet(row.bodyText, list.plan.highlight) });
    }
    if (offset === 0 && looksLikeAddress(folded)) {
      const zoning = await this.zoning.answerFor(raw.trim());
      if (zoning) items.unshift({ kind: 'zoning', zoning });
    }
    const more = offset + limit < list.total && list.hits.length > offset + limit;
    const response: SearchResponse = {
      query: folded,
      highlight: list.plan.highlight,
      items,
      nextCursor: more && offset + limit <= MAX_OFFSET ? encodeCursor([this.instance, generation, offset + limit]) : null,
      total: list.total,
      partial: list.partial,
      empty: list.total === 0 ? this.emptyHelp(folded, list.plan, snap) : null,
    };
    return { body: JSON.stringify(response), total: response.total };
  }

  /**
   * The query's ranked list: from the generation the cursor names when still kept (so a page 2
   * continues page 1 even after a change), else ranked now on the current index.
   */
  private async list(state: IndexState, folded: string, generation: number, need: number, snap: Snapshot): Promise<ResultList> {
    const kept = this.lists.get(`${generation}:${folded}`) ?? this.lists.get(`${state.generation}:${folded}`);
    if (kept && (kept.hits.length >= need || kept.hits.length === kept.total)) return kept;
    const plan = planQuery(folded, this.segmenter, state.synonyms);
    const now = this.clock.now();
    // YYYY-MM-DD in Asia/Shanghai.
    const today = shanghaiDate(now);
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const topics = this.topicsNamed(plan, snap);
    const ranked = state.index.rank(
      plan.clauses,
      { year: plan.year, topics, seasonYear: plan.enrollment && inEnrollmentSeason(month) ? year : null, now: now.getTime(), compact: plan.compact },
      // A quoted phrase is checked on the text of the kept results: keep more of them.
      Math.max(plan.clauses.some((c) => c.phrase) ? PHRASE_KEEP : KEEP, need * 2),
    );
    const list: ResultList = { ...ranked, plan };
    const phrases = plan.clauses.filter((c) => c.phrase).map((c) => c.text);
    if (phrases.length) await this.keepPhrases(list, phrases);
    this.lists.set(`${state.generation}:${folded}`, list);
    return list;
  }

  /**
   * A quoted phrase must appear as typed: checked on each kept result's folded text, as the index
   * keeps it (SearchIndexService.foldedText); a text it does not keep is read from the database
   * (only the texts: the list items are read for the page shown, later) and folded here.
   */
  private async keepPhrases(list: ResultList, phrases: string[]): Promise<void> {
    list.hits = list.hits.slice(0, PHRASE_KEEP);
    const texts = new Map<number, string>();
    const unread: number[] = [];
    for (const hit of list.hits) {
      if (hit.kind === 'qa') continue;
      const text = this.index.foldedText(hit.id);
      if (text === undefined) unread.push(hit.id);
      else texts.set(hit.id, text);
    }
    if (unread.length) {
      const fold = (text: string) => this.segmenter.foldDocument(text);
      for (const [id, row] of await this.notices.searchTexts(unread)) texts.set(id, phraseText(fold(row.title), fold(row.summary), fold(row.bodyText)));
    }
    list.hits = list.hits.filter((h) => {
      const text = h.kind === 'qa' ? undefined : texts.get(h.id);
      return text !== undefined && phrases.every((p) => holdsCompact(text, p));
    });
    list.total = list.hits.length;
  }

  /** Topics whose name holds a term of the query that no other topic's name holds (划片 → 义务教育划片). */
  private topicsNamed(plan: QueryPlan, snap: Snapshot): Set<string> {
    const topics = snap.views.topics;
    const named = new Set<string>();
    for (const term of plan.terms) {
      if ([...term].length < 2) continue;
      const holding = topics.filter((t) => t.name.includes(term));
      if (holding.length === 1) named.add(holding[0]!.code);
    }
    return named;
  }

  /** Nothing found: the topic or category whose name shares most with the query, and the question to ask. */
  private emptyHelp(folded: string, plan: QueryPlan, snap: Snapshot): SearchEmptyHelp {
    const words = new Set(plan.terms.flatMap((t) => characterPairs(t)));
    let best: { kind: 'topic' | 'category'; code: string; name: string; score: number } | null = null;
    const consider = (kind: 'topic' | 'category', code: string, name: string, description: string): void => {
      const score = characterPairs(name).filter((p) => words.has(p)).length * 2 + characterPairs(description).filter((p) => words.has(p)).length;
      if (score > 0 && (!best || score > best.score)) best = { kind, code, name, score };
    };
    for (const t of snap.views.topics) consider('topic', t.code, t.name, t.description);
    for (const c of snap.views.categories) consider('category', c.code, c.name, c.description);
    const chosen = best as { kind: 'topic' | 'category'; code: string; name: string } | null;
    return { browse: chosen ? { kind: chosen.kind, code: chosen.code, name: chosen.name } : null, ask: folded };
  }
}

/**
 * Whether `compactSearchText(folded)` holds `phrase`, without compacting the text (which, for each
 * of up to 300 results, cost a quoted search tens of milliseconds): from each place the phrase's
 * first character stands, its characters are matched in order, skipping what compacting drops.
 */
export function holdsCompact(folded: string, phrase: string): boolean {
  if (!phrase) return true;
  for (let at = folded.indexOf(phrase[0]!); at >= 0; at = folded.indexOf(phrase[0]!, at + 1)) {
    let i = 0;
    for (let j = at; i < phrase.length && j < folded.length; j += 1) {
      if (folded[j] === phrase[i]) i += 1;
      else if (!isSeparator(folded[j]!)) break;
    }
    if (i === phrase.length) return true;
  }
  return false;
}

/** Characters compacting drops, as found (a few dozen at most: punctuation and spaces). */
const separators = new Map<string, boolean>();
function isSeparator(ch: string): boolean {
  let found = separators.get(ch);
  if (found === undefined) {
    found = compactSearchText(ch) === '';
    if (separators.size < 10_000) separators.set(ch, found);
  }
  return found;
}

/** A stretch of the body around the first matched word, or null when the body holds none. */
function snippet(body: string, words: string[]): string | null {
  const lower = body.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return null;
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const text = body.slice(start, start + SNIPPET_LENGTH).replace(/\s+/gu, ' ').trim();
  return `${start > 0 ? '…' : ''}${text}${start + SNIPPET_LENGTH < body.length ? '…' : ''}`;
}

