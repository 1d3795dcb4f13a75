import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SUBSCRIBE_RESULTS, type ErrorDetail, type PushQuotasResponse, type PushSubscriptionItem, type PushSubscriptionsBody, type PushTargetKind } from '@gongkai/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { ApiError } from '../common/errors/api-error';
import { Db } from '../database/db';
import { PushQuota } from './entities/push-quota.entity';
import { PushSubscription } from './entities/push-subscription.entity';
import { PushTemplates } from './push-templates';

const TARGET_ENTITIES = { category: Category, topic: Topic, unit: Unit } as const;

/** A parent's subscriptions and one-time subscribe quotas. */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly templates: PushTemplates,
  ) {}

  async list(parent: ParentPrincipal): Promise<PushSubscriptionsBody> {
    await this.db.settled();
    const rows = await this.dataSource.getRepository(PushSubscription).find({ where: { parentId: parent.id }, order: { targetKind: 'ASC', targetCode: 'ASC' } });
    return { items: rows.map((r) => ({ kind: r.targetKind, code: r.targetCode })) };
  }

  /** Replaces the whole set; every code must name an existing category, topic or unit. */
  async replace(parent: ParentPrincipal, body: PushSubscriptionsBody): Promise<PushSubscriptionsBody> {
    const unique = new Map<string, PushSubscriptionItem>();
    for (const item of body.items) unique.set(`${item.kind}:${item.code}`, { kind: item.kind, code: item.code });
    const items = [...unique.values()];
    const problems: ErrorDetail[] = [];
    for (const kind of Object.keys(TARGET_ENTITIES) as PushTargetKind[]) {
      const codes = items.filter((i) => i.kind === kind).map((i) => i.code);
      if (!codes.length) continue;
      const found = new Set((await this.dataSource.getRepository(TARGET_ENTITIES[kind]).find({ where: { code: In(codes) }, select: { code: true } })).map((r) => r.code));
      for (const code of codes) if (!found.has(code)) problems.push({ field: 'items', message: `没有这个${kind === 'category' ? '公开目录' : kind === 'topic' ? '专题' : '单位'}：${code}` });
    }
    if (problems.length) throw ApiError.validation(problems);
    await this.db.transaction(async (m) => {
      await m.delete(PushSubscription, { parentId: parent.id });
      if (items.length) await m.insert(PushSubscription, items.map((i) => ({ parentId: parent.id, targetKind: i.kind, targetCode: i.code })));
    });
    return this.list(parent);
  }

  /** Records what requestSubscribeMessage answered: each accept allows one more message of that template. */
  async recordResults(parent: ParentPrincipal, results: Record<string, unknown>): Promise<PushQuotasResponse> {
    const entries = Object.entries(results);
    const problems: ErrorDetail[] = [];
    if (entries.length === 0 || entries.length > 20) problems.push({ field: 'results', message: 'results 须有 1–20 个模板的结果' });
    for (const [id, result] of entries) {
      if (!this.templates.find('subscribe', id)) problems.push({ field: 'results', message: `未配置的订阅消息模板：${id}` });
      if (!(SUBSCRIBE_RESULTS as readonly unknown[]).includes(result)) problems.push({ field: 'results', message: `结果须为 accept、reject、ban 或 filter：${id}` });
    }
    if (problems.length) throw ApiError.validation(problems);
    const now = new Date();
    await this.db.transaction(async (m) => {
      for (const [templateId, result] of entries as [string, string][]) await this.addQuota(m, parent.id, templateId, result === 'accept' ? 1 : 0, result, now);
    });
    return this.quotas(parent);
  }

  async quotas(parent: ParentPrincipal): Promise<PushQuotasResponse> {
    await this.db.settled();
    const rows = await this.dataSource.getRepository(PushQuota).find({ where: { parentId: parent.id } });
    const remaining = new Map(rows.map((r) => [r.templateId, r.remaining]));
    return { items: this.templates.list().subscribe.map((t) => ({ templateId: t.id, remaining: remaining.get(t.id) ?? 0 })) };
  }

  /**
   * For a single subscribe message sent outside a campaign (an inquiry's reply notice): takes one
   * of the parent's acceptances of `templateId`; false when none is left.
   */
  async takeOne(parentId: number, templateId: string): Promise<boolean> {
    const taken = await this.db.write((m) =>
      m.createQueryBuilder().update(PushQuota).set({ remaining: () => 'remaining - 1', updatedAt: new Date() }).where('parent_id = :parentId AND template_id = :templateId AND remaining > 0', { parentId, templateId }).execute(),
    );
    return !!taken.affected;
  }

  /** WeChat refused the message taken for: 43101 means no acceptance is left whatever we counted; otherwise nothing went out and the one taken comes back. */
  async settleRefused(parentId: number, templateId: string, errcode: number): Promise<void> {
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(PushQuota)
        .set({ remaining: () => (errcode === 43101 ? '0' : 'remaining + 1'), updatedAt: new Date() })
        .where('parent_id = :parentId AND template_id = :templateId', { parentId, templateId })
        .execute(),
    );
  }

  /** Adds `count` (0 records the result only), creating the row on first use. */
  private async addQuota(m: EntityManager, parentId: number, templateId: string, count: number, result: string, now: Date): Promise<void> {
    const update = () =>
      m
        .createQueryBuilder()
        .update(PushQuota)
        .set({ remaining: () => `remaining + ${count}`, lastResult: result, updatedAt: now })
        .where('parent_id = :parentId AND template_id = :templateId', { parentId, templateId })
        .execute();
    if ((await update()).affected) return;
    await m.createQueryBuilder().insert().into(PushQuota).values({ parentId, templateId, remaining: 0, lastResult: null, updatedAt: now }).orIgnore().execute();
    await update();
  }
}
