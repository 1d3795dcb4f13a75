import { Inject, Injectable, Logger } from '@nestjs/common';
import { shanghaiYear, type ZoningLookupResult, type ZoningPlaces, type ZoningYearSummary } from '@gongkai/shared';
import { PublicCache } from '../../common/cache/public-cache';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { weakEtag } from '../../common/http/etag';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ZoningIndex } from '../matching/zoning-index';
import { currentYear, effectiveFrom, tablesInEffect } from '../tables/table-state';
import type { LookupParams, PlacesParams } from './dto/zoning-lookup-query';
import { ZoningTablesRepository } from '../tables/zoning-tables.repository';
import { ZoningLookupRepository } from './zoning-lookup.repository';
import { ZoningMisses } from './zoning-misses.service';

/** A year's table in effect, as the public answers name it. */
interface YearInEffect {
  year: number;
  tableId: number;
  effectiveFrom: Date;
  notice: { id: number; title: string } | null;
}

/** Which table answers each year: read from the database only when public content changed. */
interface LookupState {
  byYear: Map<number, YearInEffect>;
  current: number | null;
  years: CachedJson;
}

/** A prebuilt answer: its JSON and weak ETag. */
export interface CachedJson {
  body: string;
  etag: string;
}

const STATE_KEY = 'zoning:state';

/**
 * The public lookup. Which table is in effect per year comes from the database once per content
 * version (`PublicCache`: publishing or withdrawing a notice, or a set-up publication, bumps it on
 * every instance), so a new year becomes current without a restart. Each table in effect gets one
 * `ZoningIndex`, built once (single flight) and kept while it is in effect: such a table never
 * changes (edits are refused then). A lookup itself is a few map reads in memory.
 */
@Injectable()
export class ZoningLookupService {
  private readonly logger = new Logger('ZoningLookup');
  /** By table id: the index, or its build in progress. */
  private readonly indexes = new Map<number, Promise<ZoningIndex>>();
  /** The same indexes once built, for the lookup's path without waiting. */
  private readonly built = new Map<number, ZoningIndex>();
  /** The state the indexes were last pruned against. */
  private seenState: LookupState | null = null;

  constructor(
    private readonly repo: ZoningLookupRepository,
    private readonly tables: ZoningTablesRepository,
    private readonly misses: ZoningMisses,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `beforeMiss` runs before a search that found nothing is kept: the route passes the per-address
   * search limit, so one address cannot fill the list of misses (it gets a 429 instead).
   */
  async lookup(params: LookupParams, beforeMiss?: () => Promise<void>, quiet = false): Promise<ZoningLookupResult> {
    const { query } = params;
    // Nearly always the state and the index are built: take them without a promise per step
    // (the hot path's awaits were measurable); else wait for them.
    const state = this.cache.peek<LookupState>(STATE_KEY);
    let entry = state ? this.entryOf(this.seen(state), params.year) : undefined;
    let index = entry ? this.built.get(entry.tableId) : undefined;
    if (!entry || !index) {
      entry = await this.yearEntry(params.year);
      index = await this.index(entry.tableId);
    }
    const match = index.lookup(query);
    if (match.status === 'none' && !quiet) {
      const text = index.missText(query);
      if (text) {
        await beforeMiss?.();
        this.misses.record(entry.year, text);
      }
    }
    // Whenever the advice says to call the bureau (nothing found, or one stage not found), say whom.
    const contact = this.config.zoning.helpContact;
    const advice = contact && (match.status === 'none' || match.advice?.includes(CALL_BUREAU)) ? withContact(match.advice, contact) : match.advice;
    return { ...match, year: entry.year, notice: entry.notice, advice };
  }

  /**
   * Search's 学区 answer for free text that may be an address: the current year's lookup, keeping
   * no miss (most searches are not addresses); null when no year is published or nothing matched.
   */
  async answerFor(q: string): Promise<ZoningLookupResult | null> {
    try {
      const answer = await this.lookup({ query: { q } }, undefined, true);
      return answer.status === 'none' ? null : answer;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ZONING_YEAR_NOT_PUBLISHED') return null;
      throw error;
    }
  }

  /** The cascade's next level (prebuilt per table and level: a table in effect never changes). */
  async places(params: PlacesParams): Promise<CachedJson> {
    const entry = await this.yearEntry(params.year);
    const key = `zoning:places:${entry.tableId}:${JSON.stringify([params.town ?? null, params.village ?? null])}`;
    return this.cache.getOrBuild(key, async () => {
      const index = await this.index(entry.tableId);
      const body: ZoningPlaces = { year: entry.year, options: index.places(params.town, params.village) };
      return toCached(body);
    });
  }

  /** The years in effect, latest first. */
  async years(): Promise<CachedJson> {
    return (await this.state()).years;
  }

  private async yearEntry(requested: number | undefined): Promise<YearInEffect> {
    return this.entryOf(await this.state(), requested);
  }

  private entryOf(state: LookupState, requested: number | undefined): YearInEffect {
    const year = requested ?? state.current;
    const entry = year === null ? undefined : state.byYear.get(year);
    if (!entry) {
      const shown = year ?? shanghaiYear(this.clock.now());
      throw new ApiError(404, 'ZONING_YEAR_NOT_PUBLISHED', `${shown}年的划片范围尚未公布`);
    }
    return entry;
  }

  private async state(): Promise<LookupState> {
    return this.seen(await this.cache.getOrBuild(STATE_KEY, () => this.buildState()));
  }

  /** A state seen for the first time drops the indexes of tables no longer in effect (superseded, withdrawn); the others are kept. */
  private seen(state: LookupState): LookupState {
    if (state !== this.seenState) {
      this.seenState = state;
      const live = new Set([...state.byYear.values()].map((e) => e.tableId));
      for (const id of this.indexes.keys()) if (!live.has(id)) this.indexes.delete(id);
      for (const id of this.built.keys()) if (!live.has(id)) this.built.delete(id);
    }
    return state;
  }

  private async buildState(): Promise<LookupState> {
    const inEffect = tablesInEffect(await this.repo.publishedTables());
    const byYear = new Map<number, YearInEffect>();
    for (const [year, t] of inEffect) {
      // The notice is named only while the public can read it (主动公开).
      const notice = t.notice && t.notice.status === 'published' && t.notice.disclosure === 'proactive' ? { id: t.notice.id, title: t.notice.title } : null;
      byYear.set(year, { year, tableId: t.id, effectiveFrom: effectiveFrom(t)!, notice });
    }
    const current = currentYear(inEffect);
    const summaries: ZoningYearSummary[] = [...byYear.values()]
      .sort((a, b) => b.year - a.year)
      .map((e) => ({ year: e.year, current: e.year === current, effectiveFrom: e.effectiveFrom.toISOString(), notice: e.notice }));
    const state: LookupState = { byYear, current, years: toCached(summaries) };
    // Tables newly in effect get their index now, so the first parent after a switch-over does not wait for it.
    for (const e of byYear.values()) void this.index(e.tableId).catch(() => undefined);
    return state;
  }

  /** The table's index: built once (concurrent callers share the build); a failed build is tried again by the next call. */
  private index(tableId: number): Promise<ZoningIndex> {
    let pending = this.indexes.get(tableId);
    if (!pending) {
      const started = this.clock.nowMs();
      const build: Promise<ZoningIndex> = this.tables.data(tableId).then((data) => {
        const index = new ZoningIndex(data);
        // Only while still wanted: a state seen meanwhile may have dropped this table.
        if (this.indexes.get(tableId) === build) this.built.set(tableId, index);
        this.logger.log(`index of zoning table ${tableId} built: ${data.rules.length} rules in ${this.clock.nowMs() - started} ms`);
        return index;
      });
      pending = build;
      this.indexes.set(tableId, build);
      build.catch((error: unknown) => {
        if (this.indexes.get(tableId) === build) this.indexes.delete(tableId);
        this.logger.warn(`index of zoning table ${tableId} failed: ${error instanceof Error ? error.name : 'error'}`);
      });
    }
    return pending;
  }
}

function toCached(value: unknown): CachedJson {
  const body = JSON.stringify(value);
  return { body, etag: weakEtag(body) };
}

/** Whom to call, after the matcher's advice on what to try: beside its “请致电县教育局咨询”, or as a sentence of its own. */
const CALL_BUREAU = '致电县教育局咨询';

function withContact(advice: string | null, contact: string): string {
  const base = advice?.trim() ?? '';
  if (base.endsWith(CALL_BUREAU)) return `${base}（${contact}）`;
  const sep = !base || /[。！？.!?]$/.test(base) ? '' : '。';
  return `${base}${sep}咨询：${contact}`;
}
