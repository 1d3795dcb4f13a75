import { Injectable } from '@nestjs/common';
import { PUSH_TARGET_KINDS, SUBSCRIBE_RESULTS, type ConsentChannel, type ErrorDetail, type PushQuotasResponse, type PushSubscriptionItem, type PushSubscriptionsBody } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { Db } from '../database/db';
import { ConsentsService } from '../privacy/consents.service';
import { PushTemplates } from './push-templates';
import { SubscriptionsRepository } from './subscriptions.repository';

/** A parent's subscriptions and one-time subscribe quotas. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly db: Db,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly templates: PushTemplates,
    private readonly clock: Clock,
    private readonly consents: ConsentsService,
  ) {}

  async list(parent: ParentPrincipal): Promise<PushSubscriptionsBody> {
    const rows = await this.subscriptions.list(parent.id);
    return { items: rows.map((r) => ({ kind: r.targetKind, code: r.targetCode })) };
  }

  /**
   * Replaces the whole set; every code must name an existing category, topic or unit. Subscribing
   * to something is consent to subscribe messages, recorded when it changes (not on every save);
   * emptying the set is not a withdrawal (the consents page withdraws).
   */
  async replace(parent: ParentPrincipal, body: PushSubscriptionsBody, channel: ConsentChannel): Promise<PushSubscriptionsBody> {
    const unique = new Map<string, PushSubscriptionItem>();
    for (const item of body.items) unique.set(`${item.kind}:${item.code}`, { kind: item.kind, code: item.code });
    const items = [...unique.values()];
    const problems: ErrorDetail[] = [];
    for (const kind of PUSH_TARGET_KINDS) {
      const codes = items.filter((i) => i.kind === kind).map((i) => i.code);
      if (!codes.length) continue;
      const found = await this.subscriptions.existingCodes(kind, codes);
      for (const code of codes) if (!found.has(code)) problems.push({ field: 'items', message: `没有这个${kind === 'category' ? '公开目录' : kind === 'topic' ? '专题' : '单位'}：${code}` });
    }
    if (problems.length) throw ApiError.validation(problems);
    await this.db.transaction(async (m) => {
      await this.subscriptions.replace(m, parent.id, items);
      if (items.length) await this.consentGiven(m, parent.id, channel);
    });
    return this.list(parent);
  }

  /**
   * Records what requestSubscribeMessage answered: each accept allows one more message of that
   * template, and an accept is consent to subscribe messages (recorded when it changes).
   */
  async recordResults(parent: ParentPrincipal, results: Record<string, unknown>, channel: ConsentChannel): Promise<PushQuotasResponse> {
    const entries = Object.entries(results);
    const problems: ErrorDetail[] = [];
    if (entries.length === 0 || entries.length > 20) problems.push({ field: 'results', message: 'results 须有 1–20 个模板的结果' });
    for (const [id, result] of entries) {
      if (!this.templates.find('subscribe', id)) problems.push({ field: 'results', message: `未配置的订阅消息模板：${id}` });
      if (!(SUBSCRIBE_RESULTS as readonly unknown[]).includes(result)) problems.push({ field: 'results', message: `结果须为 accept、reject、ban 或 filter：${id}` });
    }
    if (problems.length) throw ApiError.validation(problems);
    const now = this.clock.now();
    await this.db.write((m) => this.subscriptions.ensureQuotas(m, parent.id, entries.map(([templateId]) => templateId), now));
    await this.db.transaction(async (m) => {
      for (const [templateId, result] of entries as [string, string][]) await this.subscriptions.addQuota(m, parent.id, templateId, result === 'accept' ? 1 : 0, result, now);
      if (entries.some(([, result]) => result === 'accept')) await this.consentGiven(m, parent.id, channel);
    });
    return this.quotas(parent);
  }

  private async consentGiven(m: EntityManager, parentId: number, channel: ConsentChannel): Promise<void> {
    await this.consents.recordIn(m, parentId, { kind: 'subscribe_messages', granted: true, channel, onlyIfChanged: true });
  }

  async quotas(parent: ParentPrincipal): Promise<PushQuotasResponse> {
    const rows = await this.subscriptions.quotas(parent.id);
    const remaining = new Map(rows.map((r) => [r.templateId, r.remaining]));
    return { items: this.templates.list().subscribe.map((t) => ({ templateId: t.id, remaining: remaining.get(t.id) ?? 0 })) };
  }

  /**
   * For a single subscribe message sent outside a campaign (an inquiry's reply notice): takes one
   * of the parent's acceptances of `templateId`; false when none is left.
   */
  async takeOne(parentId: number, templateId: string): Promise<boolean> {
    return this.db.write((m) => this.subscriptions.takeOne(m, parentId, templateId, this.clock.now()));
  }

  /** WeChat refused the message taken for: 43101 means no acceptance is left whatever we counted; otherwise nothing went out and the one taken comes back. */
  async settleRefused(parentId: number, templateId: string, errcode: number): Promise<void> {
    await this.db.write((m) => this.subscriptions.giveBack(m, parentId, templateId, errcode === 43101 ? 'none' : 'one', this.clock.now()));
  }
}
