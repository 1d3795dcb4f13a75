import { Injectable } from '@nestjs/common';
import { normalizeSynonymTerm, SYNONYM_GROUP_MAX_TERMS, SYNONYM_GROUP_MIN, SYNONYM_GROUPS_MAX, SYNONYM_TERM_MAX, type SynonymGroupInput, type SynonymGroupView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { PublicCache } from '../../common/cache/public-cache';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { codePoints } from '../../common/errors/validators';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db, isDuplicateKey } from '../../database/db';
import type { SearchSynonymGroup } from '../entities/search-synonym-group.entity';
import { SynonymsRepository } from './synonyms.repository';

const ENTITY = 'search_synonym_group';
const STALE = () => new ApiError(409, 'CONFLICT', '该组同义词已被他人修改，请刷新后再试');
export const synonymGroupNotFound = () => ApiError.notFound('未找到该组同义词，可能已被删除');
const duplicate = (term: string) => {
  const message = `“${term}”已在另一组同义词中，一个词只能属于一组`;
  return new ApiError(409, 'SYNONYM_DUPLICATE', message, [{ field: 'terms', message }]);
};

/**
 * The synonym groups staff edit (学区 ~ 划片 ~ 招生范围). Each change is one transaction: the group,
 * its terms (a term's primary key keeps it in one group only, also against a concurrent change),
 * the audit row and a new content version; after the commit the public cache is cleared, so this
 * instance's search reloads the groups at once and every other one at its next poll of the version.
 */
@Injectable()
export class SynonymsService {
  constructor(
    private readonly db: Db,
    private readonly repo: SynonymsRepository,
    private readonly audit: AuditService,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
  ) {}

  /** Every group's terms (normalised), for the search engine; read once per content version. */
  async groups(): Promise<string[][]> {
    await this.db.settled();
    return (await this.repo.all()).map((g) => g.terms.map((t) => normalizeSynonymTerm(t)).filter((t): t is string => t !== null));
  }

  /** Every group, in id order (the seeded ones first). */
  async list(): Promise<SynonymGroupView[]> {
    await this.db.settled();
    return this.views(await this.repo.all());
  }

  async create(staff: StaffPrincipal, input: SynonymGroupInput, meta: RequestMeta): Promise<SynonymGroupView> {
    const terms = validTerms(input.terms);
    const id = await this.db.transaction(async (m) => {
      await this.serialise(m);
      if ((await this.repo.count(m)) >= SYNONYM_GROUPS_MAX) {
        throw new ApiError(400, 'VALIDATION_FAILED', `同义词最多 ${SYNONYM_GROUPS_MAX} 组，已达上限；请先合并或删除不再需要的组`);
      }
      const id = await this.repo.insertGroup(m, { terms, version: 1, updatedAt: this.clock.now(), updatedById: staff.id });
      await this.putTerms(m, id, terms);
      await this.audit.record(m, staff, meta, { action: 'search.synonyms_create', entityType: ENTITY, entityId: id, after: { terms } });
      return id;
    });
    this.cache.clear();
    return this.view(id);
  }

  async update(staff: StaffPrincipal, id: number, input: SynonymGroupInput, meta: RequestMeta): Promise<SynonymGroupView> {
    const terms = validTerms(input.terms);
    const version = input.version;
    if (version === undefined) throw ApiError.field('version', '须提供读取时的版本号（version，整数）');
    await this.db.transaction(async (m) => {
      await this.serialise(m);
      const before = await this.repo.find(id, m);
      if (!before) throw synonymGroupNotFound();
      if (!(await this.repo.updateGroupIf(m, id, version, { terms, updatedAt: this.clock.now(), updatedById: staff.id }))) throw STALE();
      await this.repo.deleteTerms(m, id);
      await this.putTerms(m, id, terms);
      await this.audit.record(m, staff, meta, { action: 'search.synonyms_update', entityType: ENTITY, entityId: id, before: { terms: before.terms }, after: { terms } });
    });
    this.cache.clear();
    return this.view(id);
  }

  async remove(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.serialise(m);
      const before = await this.repo.find(id, m);
      if (!before) throw synonymGroupNotFound();
      if (!(await this.repo.deleteGroupIf(m, id, version))) throw STALE();
      await this.audit.record(m, staff, meta, { action: 'search.synonyms_delete', entityType: ENTITY, entityId: id, before: { terms: before.terms } });
    });
    this.cache.clear();
  }

  /**
   * The new content version, written first: on MySQL that row stays locked until the commit, so
   * changes to the groups take turns and the count of groups holds (SQLite has one writer anyway).
   */
  private serialise(m: EntityManager): Promise<void> {
    return this.cache.bump(m);
  }

  /**
   * Inserted one by one, so the term another group holds is the one named. Looked up first (no
   * failed statement in the log for the usual refusal); the primary key decides a race.
   */
  private async putTerms(m: EntityManager, groupId: number, terms: string[]): Promise<void> {
    const taken = await this.repo.termTaken(m, terms, groupId);
    if (taken !== null) throw duplicate(taken);
    for (const term of terms) {
      await this.repo.insertTerm(m, term, groupId).catch((error: unknown) => {
        throw isDuplicateKey(error) ? duplicate(term) : error;
      });
    }
  }

  private async view(id: number): Promise<SynonymGroupView> {
    const row = await this.repo.find(id);
    if (!row) throw synonymGroupNotFound();
    return (await this.views([row]))[0]!;
  }

  private async views(rows: SearchSynonymGroup[]): Promise<SynonymGroupView[]> {
    const names = await this.repo.staffNames(rows.flatMap((r) => (r.updatedById === null ? [] : [r.updatedById])));
    return rows.map((r) => ({
      id: r.id,
      terms: r.terms,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: r.updatedById === null ? null : (names.get(r.updatedById) ?? '（已删除的账号）'),
    }));
  }
}

/**
 * The group's terms as stored: each normalised (full-width, case and spaces folded), not empty, at
 * most SYNONYM_TERM_MAX characters, none twice. The DTO has checked the shape already; this holds
 * for any caller.
 */
export function validTerms(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length < SYNONYM_GROUP_MIN || raw.length > SYNONYM_GROUP_MAX_TERMS) {
    throw ApiError.field('terms', `一组同义词须有 ${SYNONYM_GROUP_MIN} 至 ${SYNONYM_GROUP_MAX_TERMS} 个词`);
  }
  const terms: string[] = [];
  for (const value of raw) {
    if (typeof value !== 'string') throw ApiError.field('terms', '每个同义词须为文字');
    const term = normalizeSynonymTerm(value);
    if (term === null) throw ApiError.field('terms', '同义词不能为空');
    if (codePoints(term) > SYNONYM_TERM_MAX) throw ApiError.field('terms', `每个同义词最多 ${SYNONYM_TERM_MAX} 个字`);
    if (terms.includes(term)) throw ApiError.field('terms', `“${term}”在这一组中重复了`);
    terms.push(term);
  }
  return terms;
}
