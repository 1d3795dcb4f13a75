import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppState } from '../../database/app-state.entity';
import { Db } from '../../database/db';

const VERSION_KEY = 'content_version';

/** The `content_version` row instances poll to learn that public content changed. */
@Injectable()
export class ContentVersionRepository {
  constructor(private readonly db: Db) {}

  async read(): Promise<string | null> {
    const row = await this.db.dataSource.getRepository(AppState).findOne({ where: { key: VERSION_KEY } });
    return row?.value ?? null;
  }

  async bump(m: EntityManager): Promise<void> {
    await m.update(AppState, { key: VERSION_KEY }, { value: randomUUID() });
  }
}
