import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { AppState } from '../../database/app-state.entity';
import { Db } from '../../database/db';

const CONTENT_KEY = 'content_version';
const CATALOG_KEY = 'catalog_version';

/** What changed: public content only, or the catalogue (categories, topics, units) too. */
export type ChangeScope = 'content' | 'catalog';

/** Both shared versions, as last read. */
export interface Versions {
  content: string | null;
  catalog: string | null;
}

/**
 * The `content_version` and `catalog_version` rows instances poll to learn that public content,
 * or the catalogue, changed.
 */
@Injectable()
export class ContentVersionRepository {
  constructor(private readonly db: Db) {}

  /** Both versions in one query (the poll runs every second on every instance). */
  async read(): Promise<Versions> {
    const rows = await this.db.dataSource.getRepository(AppState).find({ where: { key: In([CONTENT_KEY, CATALOG_KEY]) } });
    const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
    return { content: value(CONTENT_KEY), catalog: value(CATALOG_KEY) };
  }

  /** A catalogue change is a content change too: its names show in every list and detail. */
  async bump(m: EntityManager, scope: ChangeScope): Promise<void> {
    await m.update(AppState, { key: In(scope === 'catalog' ? [CONTENT_KEY, CATALOG_KEY] : [CONTENT_KEY]) }, { value: randomUUID() });
  }
}
