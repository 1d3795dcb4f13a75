import { Injectable } from '@nestjs/common';
import type { AutoPushCategoryView, AutoPushSetting } from '@gongkai/shared';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { AutoPushSettingsRepository, type CategoryRef } from './auto-push-settings.repository';
import type { PushAutoSetting } from './entities/push-auto-setting.entity';
import { PushCampaignsService } from './push-campaigns.service';

/** The categories' automatic push settings (admin): read, set, replace, turn off; each change audited on the category. */
@Injectable()
export class AutoPushSettingsService {
  constructor(
    private readonly db: Db,
    private readonly settings: AutoPushSettingsRepository,
    private readonly campaigns: PushCampaignsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<AutoPushCategoryView[]> {
    return (await this.settings.list()).map(({ category, setting }) => view(category, setting));
  }

  /**
   * A setting is checked like a campaign (configured templates, the mapping fitted to them) and
   * refused with 400 when it does not fit; `autoPushSince` is set when it is turned on and kept
   * while it is edited; `null` turns it off.
   */
  async update(staff: StaffPrincipal, code: string, autoPush: AutoPushSetting | null, meta: RequestMeta): Promise<AutoPushCategoryView> {
    return this.db.transaction(async (m) => {
      const category = await this.settings.category(m, code);
      if (!category) throw ApiError.notFound(`分类“${code}”不存在`);
      const before = await this.settings.find(m, category.id);
      let after: PushAutoSetting | null = null;
      if (autoPush === null) {
        await this.settings.remove(m, category.id);
      } else {
        const setting = this.campaigns.checkContent(autoPush, category, 'autoPush');
        after = { categoryId: category.id, setting, since: before?.since ?? this.clock.now() };
        await this.settings.save(m, after, before !== null);
      }
      await this.audit.record(m, staff, meta, {
        action: 'category.auto_push',
        entityType: 'category',
        entityId: code,
        before: settingAudit(before),
        after: settingAudit(after),
      });
      return view(category, after);
    });
  }
}

function view(category: CategoryRef, row: PushAutoSetting | null): AutoPushCategoryView {
  return { code: category.code, name: category.name, autoPush: row?.setting ?? null, autoPushSince: row?.since.toISOString() ?? null };
}

function settingAudit(row: PushAutoSetting | null): { autoPush: AutoPushSetting | null; autoPushSince: string | null } {
  return { autoPush: row?.setting ?? null, autoPushSince: row?.since.toISOString() ?? null };
}
