import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConsentKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { inBatches, PersonalDataRegistry, type ErasedCount, type ParentIdentifiers, type PersonalDataProvider, type RetentionHandler } from '../privacy/personal-data-registry';
import { PushCampaignsRepository } from './push-campaigns.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Deliveries whose openid one retention batch forgets. */
const RETENTION_BATCH = 1000;

/**
 * Push's part of the rights flow: a parent's subscriptions, subscribe quotas and the messages sent
 * to them. Deliveries are never deleted (campaign reports count them); they lose the openid.
 */
@Injectable()
export class PushPersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'push';
  readonly label = '订阅和消息';
  readonly eraseOrder = 30;
  readonly retention: readonly RetentionHandler[];

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly campaigns: PushCampaignsRepository,
    private readonly registry: PersonalDataRegistry,
  ) {
    this.retention = [
      { kind: 'push_openid', run: (m, cutoff) => inBatches(RETENTION_BATCH, (limit) => this.campaigns.forgetFinishedBefore(m, cutoff, limit)) },
    ];
  }
  onModuleInit(): void {
    this.registry.register(this);
  }


  async export(parentId: number, _who: ParentIdentifiers): Promise<Record<string, unknown>[]> {
    const [subscriptions, quotas, deliveries] = await Promise.all([this.subscriptions.list(parentId), this.subscriptions.quotas(parentId), this.campaigns.parentDeliveries(parentId)]);
    return [
      ...subscriptions.map((s) => ({ record: 'subscription', targetKind: s.targetKind, targetCode: s.targetCode })),
      ...quotas.map((q) => ({ record: 'subscribe_quota', templateId: q.templateId, remaining: q.remaining, lastResult: q.lastResult, updatedAt: q.updatedAt.toISOString() })),
      ...deliveries.map((d) => ({
        record: 'delivery',
        id: d.id,
        campaignId: d.campaignId,
        channel: d.channel,
        openid: d.openid,
        status: d.status,
        reason: d.reason,
        sentAt: d.sentAt?.toISOString() ?? null,
      })),
    ];
  }

  async erase(m: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]> {
    const { subscriptions, quotas } = await this.subscriptions.forgetParent(m, who.parentId);
    const { deliveries, dryRuns } = await this.campaigns.forgetParent(m, who.parentId, now);
    return counts(subscriptions, quotas, [
      { kind: 'push_delivery_openid', label: '消息发送记录中的微信标识', count: deliveries },
      { kind: 'push_dry_run_openid', label: '演示发送记录中的微信标识', count: dryRuns },
    ]);
  }

  async consentWithdrawn(m: EntityManager, parentId: number, kind: ConsentKind): Promise<ErasedCount[]> {
    if (kind !== 'subscribe_messages') return [];
    const { subscriptions, quotas } = await this.subscriptions.forgetParent(m, parentId);
    return counts(subscriptions, quotas, []);
  }
}

function counts(subscriptions: number, quotas: number, more: ErasedCount[]): ErasedCount[] {
  return [{ kind: 'push_subscription', label: '订阅', count: subscriptions }, { kind: 'push_quota', label: '订阅消息接收次数', count: quotas }, ...more];
}
