import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { Category } from './entities/category.entity';
import { Topic } from './entities/topic.entity';

export type CatalogEntryKind = 'category' | 'topic';
const ENTITY = { category: Category, topic: Topic } as const;

/** A category or topic row as the admin service reads and writes it. */
export type CatalogEntryRow = Category | Topic;

/** Queries of the admin edits of categories and topics (units are identity's: UnitsService). */
@Injectable()
export class CatalogAdminRepository {
  constructor(private readonly db: Db) {}

  categories(): Promise<Category[]> {
    return this.db.dataSource.getRepository(Category).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  byCode(m: EntityManager, kind: CatalogEntryKind, code: string): Promise<CatalogEntryRow | null> {
    return m.findOne(ENTITY[kind], { where: { code } });
  }

  async insert(m: EntityManager, kind: CatalogEntryKind, values: Partial<CatalogEntryRow>): Promise<CatalogEntryRow> {
    const inserted = await m.insert(ENTITY[kind], values);
    return m.findOneOrFail(ENTITY[kind], { where: { id: Number(inserted.identifiers[0]!.id) } });
  }

  async update(m: EntityManager, kind: CatalogEntryKind, id: number, values: Partial<CatalogEntryRow>): Promise<CatalogEntryRow> {
    if (Object.values(values).some((v) => v !== undefined)) await m.update(ENTITY[kind], { id }, values);
    return m.findOneOrFail(ENTITY[kind], { where: { id } });
  }
}
