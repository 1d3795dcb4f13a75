import { Injectable } from '@nestjs/common';
import type { AutoPushSetting } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Db } from '../database/db';
import { PushAutoSetting } from './entities/push-auto-setting.entity';
import { PushCampaign } from './entities/push-campaign.entity';

export interface CategoryRef {
  id: number;
  code: string;
  name: string;
}

/** Every query of the categories' automatic push settings (and the sweep's look for notices missing their campaign). */
@Injectable()
export class AutoPushSettingsRepository {
  constructor(private readonly db: Db) {}

  /** Every category, in the catalog's order, with its setting (null: off). */
  async list(): Promise<{ category: CategoryRef; setting: PushAutoSetting | null }[]> {
    await this.db.settled();
    const categories = await this.db.dataSource.getRepository(Category).find({ select: { id: true, code: true, name: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
    const settings = new Map((await this.db.dataSource.getRepository(PushAutoSetting).find()).map((s) => [s.categoryId, s]));
    return categories.map((c) => ({ category: { id: c.id, code: c.code, name: c.name }, setting: settings.get(c.id) ?? null }));
  }

  async category(m: EntityManager, code: string): Promise<CategoryRef | null> {
    const row = await m.findOne(Category, { where: { code }, select: { id: true, code: true, name: true } });
    return row ? { id: row.id, code: row.code, name: row.name } : null;
  }

  async categoryById(m: EntityManager, id: number): Promise<CategoryRef | null> {
    const row = await m.findOne(Category, { where: { id }, select: { id: true, code: true, name: true } });
    return row ? { id: row.id, code: row.code, name: row.name } : null;
  }

  find(m: EntityManager, categoryId: number): Promise<PushAutoSetting | null> {
    return m.findOneBy(PushAutoSetting, { categoryId });
  }

  /** Writes the category's setting (and since when it is on), replacing the one that `exists`. */
  async save(m: EntityManager, row: PushAutoSetting, exists: boolean): Promise<void> {
    if (exists) await m.update(PushAutoSetting, { categoryId: row.categoryId }, { setting: row.setting, since: row.since });
    else await m.insert(PushAutoSetting, row);
  }

  async remove(m: EntityManager, categoryId: number): Promise<void> {
    await m.delete(PushAutoSetting, { categoryId });
  }

  /**
   * Published 主动公开 notices of categories with auto push, published since `after` and since the
   * category's auto push was on, without their automatic campaign; oldest first, at most `limit`.
   * One indexed anti-join.
   */
  async missing(after: Date, limit: number): Promise<{ id: number; setting: AutoPushSetting }[]> {
    await this.db.settled();
    const rows = await this.db.dataSource
      .getRepository(Notice)
      .createQueryBuilder('n')
      .innerJoin(PushAutoSetting, 's', 's.category_id = n.category_id')
      .leftJoin(PushCampaign, 'p', 'p.auto_notice_id = n.id')
      .select('n.id', 'id')
      .addSelect('s.setting', 'setting')
      .where("n.status = 'published' AND n.disclosure = 'proactive'")
      .andWhere('n.published_at >= :after AND n.published_at >= s.since', { after })
      .andWhere('p.id IS NULL')
      .orderBy('n.published_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string; setting: string }>();
    return rows.map((r) => ({ id: Number(r.id), setting: JSON.parse(r.setting) as AutoPushSetting }));
  }
}
