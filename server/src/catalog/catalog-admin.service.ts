import { Injectable } from '@nestjs/common';
import type { StaffCategoryView, TopicView, UnitView } from '@gongkai/shared';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { Db } from '../database/db';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { PublicCache } from '../common/cache/public-cache';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { PushCampaignsService } from '../push/push-campaigns.service';
import { CategoryUpdateDto, TopicCreateDto, TopicUpdateDto, UnitCreateDto, UnitUpdateDto } from './dto/catalog-admin.dto';
import { Category } from './entities/category.entity';
import { Topic } from './entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';

type CatalogEntity = typeof Category | typeof Topic | typeof Unit;
const LABELS = new Map<CatalogEntity, { type: string; label: string }>([
  [Category, { type: 'category', label: '分类' }],
  [Topic, { type: 'topic', label: '专题' }],
  [Unit, { type: 'unit', label: '单位' }],
]);

/** Admin edits of categories, topics and units; each is audited and refreshes public answers. */
@Injectable()
export class CatalogAdminService {
  constructor(
    private readonly db: Db,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
    private readonly pushes: PushCampaignsService,
  ) {}

  /** Every category with its automatic push setting (staff only; the public list never has it). */
  async listCategories(): Promise<StaffCategoryView[]> {
    await this.db.settled();
    const rows = await this.db.dataSource.getRepository(Category).find({ order: { sortOrder: 'ASC', id: 'ASC' } });
    return rows.map(categoryView);
  }

  /**
   * Name, description, order and the automatic push: a setting is checked like a campaign
   * (configured templates, the mapping fitted to them) and refused with 400 when it does not fit;
   * `autoPushSince` is set when it is turned on and kept while it is edited.
   */
  async updateCategory(staff: StaffPrincipal, code: string, dto: CategoryUpdateDto, meta: RequestMeta): Promise<StaffCategoryView> {
    const { autoPush, ...fields } = dto;
    const saved = await this.patch(Category, staff, code, fields, meta, (before) => {
      if (autoPush === undefined) return fields;
      if (autoPush === null) return { ...fields, autoPush: null, autoPushSince: null };
      const setting = this.pushes.checkContent(autoPush, { code: before.code, name: fields.name ?? before.name }, 'autoPush');
      return { ...fields, autoPush: setting, autoPushSince: before.autoPush ? before.autoPushSince : new Date() };
    });
    return categoryView(saved as Category);
  }

  createTopic(staff: StaffPrincipal, dto: TopicCreateDto, meta: RequestMeta): Promise<TopicView> {
    return this.create(Topic, staff, dto, meta) as Promise<TopicView>;
  }

  updateTopic(staff: StaffPrincipal, code: string, dto: TopicUpdateDto, meta: RequestMeta): Promise<TopicView> {
    return this.patch(Topic, staff, code, dto, meta) as Promise<TopicView>;
  }

  createUnit(staff: StaffPrincipal, dto: UnitCreateDto, meta: RequestMeta): Promise<UnitView> {
    return this.create(Unit, staff, dto, meta) as Promise<UnitView>;
  }

  updateUnit(staff: StaffPrincipal, code: string, dto: UnitUpdateDto, meta: RequestMeta): Promise<UnitView> {
    return this.patch(Unit, staff, code, dto, meta) as Promise<UnitView>;
  }

  private async create(entity: CatalogEntity, staff: StaffPrincipal, dto: ObjectLiteral & { code: string }, meta: RequestMeta) {
    const { type, label } = LABELS.get(entity)!;
    const saved = await this.db.transaction(async (m) => {
      if (await m.findOne(entity as EntityTarget<ObjectLiteral>, { where: { code: dto.code } })) {
        throw new ApiError(409, 'CODE_TAKEN', `${label}代码“${dto.code}”已被使用`);
      }
      const inserted = await m.insert(entity as EntityTarget<ObjectLiteral>, { description: '', sortOrder: 0, ...dto });
      const row = await m.findOneOrFail(entity as EntityTarget<ObjectLiteral>, { where: { id: inserted.identifiers[0]!.id } });
      await this.audit.record(m, staff, meta, { action: `${type}.create`, entityType: type, entityId: dto.code, after: row });
      await this.cache.bump(m);
      return row;
    });
    this.cache.clear();
    return strip(saved);
  }

  /** `columns` gives what to write from the row before (it may refuse by throwing); the DTO itself by default. */
  private async patch(entity: CatalogEntity, staff: StaffPrincipal, code: string, dto: ObjectLiteral, meta: RequestMeta, columns: (before: ObjectLiteral) => ObjectLiteral = () => dto) {
    const { type, label } = LABELS.get(entity)!;
    const saved = await this.db.transaction(async (m) => {
      const before = await m.findOne(entity as EntityTarget<ObjectLiteral>, { where: { code } });
      if (!before) throw ApiError.notFound(`${label}“${code}”不存在`);
      const values = columns(before);
      if (Object.values(values).some((v) => v !== undefined)) await m.update(entity as EntityTarget<ObjectLiteral>, { id: before.id }, values);
      const after = await m.findOneOrFail(entity as EntityTarget<ObjectLiteral>, { where: { id: before.id } });
      await this.audit.record(m, staff, meta, { action: `${type}.update`, entityType: type, entityId: code, before, after });
      await this.cache.bump(m);
      return after;
    });
    this.cache.clear();
    return strip(saved);
  }
}

function categoryView(row: Category): StaffCategoryView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    sortOrder: row.sortOrder,
    autoPush: row.autoPush,
    autoPushSince: row.autoPushSince?.toISOString() ?? null,
  };
}

function strip(row: ObjectLiteral): ObjectLiteral {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}
