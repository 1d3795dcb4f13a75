import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { SearchSynonymGroup } from '../entities/search-synonym-group.entity';
import { SearchSynonymTerm } from '../entities/search-synonym-term.entity';

/** Every query of search_synonym_group and search_synonym_term. */
@Injectable()
export class SynonymsRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  /** Every group, in id order. */
  all(m?: EntityManager): Promise<SearchSynonymGroup[]> {
    return this.m(m).find(SearchSynonymGroup, { order: { id: 'ASC' } });
  }

  find(id: number, m?: EntityManager): Promise<SearchSynonymGroup | null> {
    return this.m(m).findOne(SearchSynonymGroup, { where: { id } });
  }

  count(m: EntityManager): Promise<number> {
    return m.count(SearchSynonymGroup);
  }

  async insertGroup(m: EntityManager, row: Omit<SearchSynonymGroup, 'id'>): Promise<number> {
    const result = await m.insert(SearchSynonymGroup, row);
    return Number(result.identifiers[0]!.id);
  }

  /** Changes the group only if nobody changed it since `version` was read. */
  async updateGroupIf(m: EntityManager, id: number, version: number, set: Pick<SearchSynonymGroup, 'terms' | 'updatedAt' | 'updatedById'>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(SearchSynonymGroup)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Deletes the group only if nobody changed it since `version` was read (its terms first: SQLite may run without foreign keys). */
  async deleteGroupIf(m: EntityManager, id: number, version: number): Promise<boolean> {
    const result = await m.delete(SearchSynonymGroup, { id, version });
    if (result.affected) await m.delete(SearchSynonymTerm, { groupId: id });
    return Boolean(result.affected);
  }

  async deleteTerms(m: EntityManager, groupId: number): Promise<void> {
    await m.delete(SearchSynonymTerm, { groupId });
  }

  /**
   * One term for the group. The term's primary key is the guard that a term belongs to one group
   * only: a term another group holds (or takes at the same moment) fails with a duplicate key,
   * which the caller turns into its refusal.
   */
  async insertTerm(m: EntityManager, term: string, groupId: number): Promise<void> {
    await m.insert(SearchSynonymTerm, { term, groupId });
  }

  /** The first of `terms` (in their order) another group than `groupId` holds; the primary key is the guard, this only spares it the failed statement. */
  async termTaken(m: EntityManager, terms: string[], groupId: number | null): Promise<string | null> {
    const rows = await m.find(SearchSynonymTerm, { where: { term: In(terms) } });
    return terms.find((t) => rows.some((r) => r.term === t && r.groupId !== groupId)) ?? null;
  }

  /** Staff members' display names, by id. */
  async staffNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.dataSource.manager.find(StaffAccount, { where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }
}
