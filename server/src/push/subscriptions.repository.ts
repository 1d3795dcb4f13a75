import { Injectable } from '@nestjs/common';
import type { PushSubscriptionItem, PushTargetKind } from '@gongkai/shared';
import { EntityManager, In } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Db } from '../database/db';
import { Unit } from '../identity/entities/unit.entity';
import { PushQuota } from './entities/push-quota.entity';
import { PushSubscription } from './entities/push-subscription.entity';

const TARGET_ENTITIES = { category: Category, topic: Topic, unit: Unit } as const;

/** Every query of parents' subscriptions and one-time subscribe quotas. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly db: Db) {}

  async list(parentId: number): Promise<PushSubscription[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PushSubscription).find({ where: { parentId }, order: { targetKind: 'ASC', targetCode: 'ASC' } });
  }

  /** Of `codes`, those naming an existing category, topic or unit. */
  async existingCodes(kind: PushTargetKind, codes: string[]): Promise<Set<string>> {
    await this.db.settled();
    const rows = await this.db.dataSource.getRepository(TARGET_ENTITIES[kind]).find({ where: { code: In(codes) }, select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  async replace(m: EntityManager, parentId: number, items: PushSubscriptionItem[]): Promise<void> {
    await m.delete(PushSubscription, { parentId });
    if (items.length) await m.insert(PushSubscription, items.map((i) => ({ parentId, targetKind: i.kind, targetCode: i.code })));
  }

  async quotas(parentId: number): Promise<PushQuota[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PushQuota).find({ where: { parentId } });
  }

  /**
   * Deletes the parent's subscriptions and quotas (cancellation, or the subscribe-message consent
   * withdrawn); answers how many rows of each went.
   */
  async forgetParent(m: EntityManager, parentId: number): Promise<{ subscriptions: number; quotas: number }> {
    const subscriptions = await m.delete(PushSubscription, { parentId });
    const quotas = await m.delete(PushQuota, { parentId });
    return { subscriptions: subscriptions.affected ?? 0, quotas: quotas.affected ?? 0 };
  }

  /** Takes one acceptance of `templateId` if any is left (one conditional UPDATE); false when none is. */
  async takeOne(m: EntityManager, parentId: number, templateId: string, now: Date): Promise<boolean> {
    const taken = await m.createQueryBuilder().update(PushQuota).set({ remaining: () => 'remaining - 1', updatedAt: now }).where('parent_id = :parentId AND template_id = :templateId AND remaining > 0', { parentId, templateId }).execute();
    return !!taken.affected;
  }

  /** `none`: no acceptance is left; `one`: the one taken comes back. */
  async giveBack(m: EntityManager, parentId: number, templateId: string, how: 'none' | 'one', now: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PushQuota)
      .set({ remaining: () => (how === 'none' ? '0' : 'remaining + 1'), updatedAt: now })
      .where('parent_id = :parentId AND template_id = :templateId', { parentId, templateId })
      .execute();
  }

  /**
   * The parent's quota rows of these templates exist (INSERT IGNORE, committed at once, before the
   * transaction that counts): inserting them inside parallel transactions deadlocks on MySQL (the
   * UPDATE of a missing row takes a gap lock the other's insert waits for).
   */
  async ensureQuotas(m: EntityManager, parentId: number, templateIds: string[], now: Date): Promise<void> {
    if (!templateIds.length) return;
    await m.createQueryBuilder().insert().into(PushQuota).values(templateIds.map((templateId) => ({ parentId, templateId, remaining: 0, lastResult: null, updatedAt: now }))).orIgnore().execute();
  }

  /** Adds `count` (0 records the result only) to a row ensureQuotas made. */
  async addQuota(m: EntityManager, parentId: number, templateId: string, count: number, result: string, now: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PushQuota)
      .set({ remaining: () => `remaining + ${Math.floor(count)}`, lastResult: result, updatedAt: now })
      .where('parent_id = :parentId AND template_id = :templateId', { parentId, templateId })
      .execute();
  }
}
