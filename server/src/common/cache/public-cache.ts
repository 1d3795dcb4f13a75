import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { AppState } from '../../database/app-state.entity';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

const VERSION_KEY = 'content_version';

/**
 * Public responses are built once and served from memory until public content changes.
 * A change bumps `content_version` inside its transaction; the instance that made it clears its
 * cache on commit, and every other instance notices the new version on its next poll
 * (PUBLIC_CACHE_POLL_MS, 1 s by default), so a stale public answer lives at most that long.
 */
@Injectable()
export class PublicCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PublicCache.name);
  private readonly entries: LRUCache<string, object>;
  private readonly building = new Map<string, Promise<object>>();
  /** Bumped on every clear: a build that began before it must not be stored. */
  private generation = 0;
  private seenVersion: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.entries = new LRUCache<string, object>({ max: Math.max(1, config.publicCache.maxEntries), ttl: 60_000 });
  }

  async onModuleInit(): Promise<void> {
    this.seenVersion = await this.readVersion();
    this.timer = setInterval(() => void this.poll(), this.config.publicCache.versionPollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async getOrBuild<T extends object>(key: string, build: () => Promise<T>): Promise<T> {
    if (this.config.publicCache.maxEntries === 0) return build();
    const hit = this.entries.get(key);
    if (hit) return hit as T;
    const pending = this.building.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const promise = build().finally(() => this.building.delete(key));
    this.building.set(key, promise);
    const value = await promise;
    if (generation === this.generation) this.entries.set(key, value);
    return value;
  }

  /** Whether `key` would be answered from memory (built, or being built) without building it. */
  has(key: string): boolean {
    return this.config.publicCache.maxEntries > 0 && (this.entries.has(key) || this.building.has(key));
  }

  /** Call inside the transaction that changes public content. */
  async bump(manager: EntityManager): Promise<void> {
    await manager.update(AppState, { key: VERSION_KEY }, { value: randomUUID() });
  }

  /** Call after that transaction committed. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.building.clear();
  }

  private async readVersion(): Promise<string | null> {
    const row = await this.dataSource.getRepository(AppState).findOne({ where: { key: VERSION_KEY } });
    return row?.value ?? null;
  }

  private async poll(): Promise<void> {
    try {
      const version = await this.readVersion();
      if (version !== this.seenVersion) {
        this.seenVersion = version;
        this.clear();
      }
    } catch (error) {
      this.logger.warn(`content version poll failed: ${String(error)}`);
    }
  }
}
