import { Injectable } from '@nestjs/common';
import type { StaffCategoryView, TopicView, UnitView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { PublicCache } from '../common/cache/public-cache';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { UnitsService } from '../identity/units.service';
import { CatalogAdminRepository, type CatalogEntryKind } from './catalog-admin.repository';
import { CategoryUpdateDto, TopicCreateDto, TopicUpdateDto, UnitCreateDto, UnitUpdateDto } from './dto/catalog-admin.dto';

type Kind = CatalogEntryKind | 'unit';
const LABELS: Record<Kind, string> = { category: '分类', topic: '专题', unit: '单位' };
type Row = { id: number; code: string } & Record<string, unknown>;

/** Admin edits of categories, topics and units; each is audited and refreshes public answers. */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly db: Db,
    private readonly repo: CatalogAdminRepository,
    private readonly units: UnitsService,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every category (staff; a category's automatic push is push's: /staff/push/auto-push). */
  async listCategories(): Promise<StaffCategoryView[]> {
    await this.db.settled();
    return (await this.repo.categories()).map(categoryView);
  }

  /** Name, description and order. */
  async updateCategory(staff: StaffPrincipal, code: string, dto: CategoryUpdateDto, meta: RequestMeta): Promise<StaffCategoryView> {
    return categoryView(await this.patch<StaffCategoryView>('category', staff, code, dto, meta));
  }

  createTopic(staff: StaffPrincipal, dto: TopicCreateDto, meta: RequestMeta): Promise<TopicView> {
    return this.create<TopicView>('topic', staff, dto, meta);
  }

  updateTopic(staff: StaffPrincipal, code: string, dto: TopicUpdateDto, meta: RequestMeta): Promise<TopicView> {
    return this.patch<TopicView>('topic', staff, code, dto, meta);
  }

  createUnit(staff: StaffPrincipal, dto: UnitCreateDto, meta: RequestMeta): Promise<UnitView> {
    return this.create<UnitView>('unit', staff, dto, meta);
  }

  updateUnit(staff: StaffPrincipal, code: string, dto: UnitUpdateDto, meta: RequestMeta): Promise<UnitView> {
    return this.patch<UnitView>('unit', staff, code, dto, meta);
  }

  private async byCode(m: EntityManager, kind: Kind, code: string): Promise<Row | null> {
    const row = kind === 'unit' ? await this.units.byCode(m, code) : await this.repo.byCode(m, kind, code);
    return row as Row | null;
  }

  private async create<T>(kind: Kind, staff: StaffPrincipal, dto: object & { code: string }, meta: RequestMeta): Promise<T> {
    const saved = await this.db.transaction(async (m) => {
      if (await this.byCode(m, kind, dto.code)) throw new ApiError(409, 'CODE_TAKEN', `${LABELS[kind]}代码“${dto.code}”已被使用`);
      const now = this.clock.now();
      const values = { description: '', sortOrder: 0, ...dto, createdAt: now, updatedAt: now };
      const row = kind === 'unit' ? await this.units.create(m, dto as UnitCreateDto) : await this.repo.insert(m, kind, values);
      await this.audit.record(m, staff, meta, { action: `${kind}.create`, entityType: kind, entityId: dto.code, after: row });
      await this.cache.bump(m, 'catalog');
      return row;
    });
    this.cache.clear('catalog');
    return strip(saved as unknown as Row) as T;
  }

  private async patch<T>(kind: Kind, staff: StaffPrincipal, code: string, dto: object, meta: RequestMeta): Promise<T> {
    const saved = await this.db.transaction(async (m) => {
      const before = await this.byCode(m, kind, code);
      if (!before) throw ApiError.notFound(`${LABELS[kind]}“${code}”不存在`);
      // The clock stamps the edit (an empty patch changes nothing, not even the time).
      const changed = Object.values(dto).some((v) => v !== undefined);
      const after = kind === 'unit' ? await this.units.update(m, before.id, dto) : await this.repo.update(m, kind, before.id, changed ? { ...dto, updatedAt: this.clock.now() } : {});
      await this.audit.record(m, staff, meta, { action: `${kind}.update`, entityType: kind, entityId: code, before, after });
      await this.cache.bump(m, 'catalog');
      return after;
    });
    this.cache.clear('catalog');
    return strip(saved as unknown as Row) as T;
  }
}

function categoryView(row: StaffCategoryView): StaffCategoryView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    sortOrder: row.sortOrder,
  };
}

function strip(row: Row): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}
