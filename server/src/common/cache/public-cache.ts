import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicTasks } from '../tasks/periodic-tasks';
import { ContentVersionRepository, type ChangeScope, type Versions } from './content-version.repository';

/** The catalogue is read again after this long even if no change was heard of (a safety net). */
const CATALOG_TTL_MS = 10 * 60_000;

/**
 * Values built once and kept until cleared, each built by one caller at a time (the others wait
 * for it); a build that began before a clear is handed to its callers but not kept.
 */
class BuiltValues {
  private readonly building = new Map<string, Promise<object>>();
  /** Bumped on every clear. */
  generation = 0;

  constructor(private readonly values: LRUCache<string, object>) {}

  async getOrBuild<T extends object>(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit) return hit as T;
    const pending = this.building.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const promise: Promise<T> = build().finally(() => {
      // A clear meanwhile may have let another build of the key begin: that one stays.
      if (this.building.get(key) === promise) this.building.delete(key);
    });
    this.building.set(key, promise);
    const value = await promise;
    if (generation === this.generation) this.values.set(key, value);
    return value;
  }

  get(key: string): object | undefined {
    return this.values.get(key);
  }

  /** Built, or being built. */
  has(key: string): boolean {
    return this.values.has(key) || this.building.has(key);
  }

  clear(): void {
    this.generation += 1;
    this.values.clear();
    this.building.clear();
  }
}

/**
 * Public responses are built once and served from memory until public content changes.
 * A change bumps `content_version` inside its transaction; the instance that made it clears its
 * cache on commit, and every other instance notices the new version on its next poll
 * (PUBLIC_CACHE_POLL_MS, 1 s by default; the periodic task 'public-cache'), so a stale public
 * answer lives at most that long.
 *
 * The catalogue (categories, topics, units: what every answer names notices by) is held apart,
 * under its own `catalog_version`: a notice change leaves it, so the first answer built after one
 * does not read it again. It is held with PUBLIC_CACHE_ENTRIES=0 too (that turns off the answers).
 */
@Injectable()
export class PublicCache implements OnModuleInit {
  private readonly entries: BuiltValues;
  private readonly remembered: LRUCache<string, object>;
  private readonly catalog = new BuiltValues(new LRUCache<string, object>({ max: 100, ttl: CATALOG_TTL_MS }));
  private seen: Versions = { content: null, catalog: null };
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly versions: ContentVersionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    this.entries = new BuiltValues(new LRUCache<string, object>({ max: Math.max(1, config.publicCache.maxEntries), ttl: 60_000 }));
    this.remembered = new LRUCache<string, object>({ max: Math.max(1, config.publicCache.maxEntries), ttl: 60_000 });
    tasks.register('public-cache', { everyMs: config.publicCache.versionPollMs }, () => this.poll());
  }

  async onModuleInit(): Promise<void> {
    this.seen = await this.versions.read();
  }

  /** Like getOrBuild, for what is built from the catalogue alone: kept until the catalogue changes. */
  getOrBuildCatalog<T extends object>(key: string, build: () => Promise<T>): Promise<T> {
    return this.catalog.getOrBuild(key, build);
  }

  getOrBuild<T extends object>(key: string, build: () => Promise<T>): Promise<T> {
    return this.config.publicCache.maxEntries === 0 ? build() : this.entries.getOrBuild(key, build);
  }

  /** The built value of `key`, without building or waiting (undefined when not built yet or expired). */
  peek<T extends object>(key: string): T | undefined {
    return this.config.publicCache.maxEntries > 0 ? (this.entries.get(key) as T | undefined) : undefined;
  }

  /**
   * The cache's generation now. A request takes it before it reads anything and passes it to
   * `remember`, so an answer read before a change is never stored after it.
   */
  mark(): number {
    return this.entries.generation;
  }

  /**
   * Stores `value` under `key` when public content did not change since `mark` (an answer the
   * request read, remembered by its address for the lean read path; cleared with everything else).
   * Kept apart from the built entries, in an LRU of the same size: addresses are the client's to
   * make up, so a flood of them pushes out only other remembered answers, never a built one.
   */
  remember(key: string, value: object, mark: number): void {
    if (this.config.publicCache.maxEntries > 0 && mark === this.entries.generation) this.remembered.set(key, value);
  }

  /** A remembered answer (see `remember`), or undefined. */
  recall<T extends object>(key: string): T | undefined {
    return this.remembered.get(key) as T | undefined;
  }

  /** Whether `key` would be answered from memory (built, or being built) without building it. */
  has(key: string): boolean {
    return this.config.publicCache.maxEntries > 0 && this.entries.has(key);
  }

  /** Call inside the transaction that changes public content (`catalog`: a category, topic or unit). */
  async bump(manager: EntityManager, scope: ChangeScope = 'content'): Promise<void> {
    await this.versions.bump(manager, scope);
  }

  /** Call after that transaction committed, with the scope it bumped. */
  clear(scope: ChangeScope = 'content'): void {
    if (scope === 'catalog') this.catalog.clear();
    this.entries.clear();
    this.remembered.clear();
    for (const listener of this.listeners) listener();
  }

  /**
   * Runs `listener` whenever public content changed: this instance's own change once committed, or
   * another instance's when the poll sees the new version. It must not throw (search's index only
   * schedules its refresh here).
   */
  onChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** One poll of the content version (a failure is logged by PeriodicTasks; the next round tries again). */
  private async poll(): Promise<void> {
    const versions = await this.versions.read();
    const catalogChanged = versions.catalog !== this.seen.catalog;
    if (catalogChanged || versions.content !== this.seen.content) {
      this.seen = versions;
      this.clear(catalogChanged ? 'catalog' : 'content');
    }
  }
}
