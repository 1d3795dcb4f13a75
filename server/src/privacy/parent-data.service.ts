import { Injectable, Logger } from '@nestjs/common';
import { PRIVACY_NOTICE, type AccountCancellationResult, type ParentDataExport } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { Db } from '../database/db';
import type { ErasureReason } from '@gongkai/shared';
import { ErasureLog } from './erasure-log.service';
import { PersonalDataRegistry, type ErasedCount, type ParentIdentifiers } from './personal-data-registry';

/**
 * The parent's rights over everything the bureau holds (issue 12 item 4): the export (查阅、复制)
 * and the cancellation (注销). Each feature answers for its own tables through its provider in
 * the registry; this service only walks them.
 */
@Injectable()
export class ParentDataService {
  private readonly logger = new Logger('ParentData');

  constructor(
    private readonly db: Db,
    private readonly registry: PersonalDataRegistry,
    private readonly erasures: ErasureLog,
    private readonly clock: Clock,
  ) {}

  /** Every identifier the features know for the parent, merged (identity: the account's openid and unionid). */
  async identifiers(m: EntityManager, parentId: number): Promise<ParentIdentifiers> {
    const who: ParentIdentifiers = { parentId, openids: [], unionids: [] };
    for (const provider of this.registry.all()) {
      if (!provider.identifiers) continue;
      const found = await provider.identifiers(m, parentId);
      for (const id of found.openids ?? []) if (id && !who.openids.includes(id)) who.openids.push(id);
      for (const id of found.unionids ?? []) if (id && !who.unionids.includes(id)) who.unionids.push(id);
    }
    return who;
  }

  /**
   * `GET /parents/me/data`: a section per feature, in the registry's order, every row unmasked (it
   * is the parent's own). Each section is read settled (SQLite: no half-done transaction's rows),
   * so the providers need not settle themselves.
   */
  async export(parentId: number): Promise<ParentDataExport> {
    await this.db.settled();
    const who = await this.identifiers(this.db.dataSource.manager, parentId);
    const sections: ParentDataExport['sections'] = [];
    for (const provider of this.registry.all()) {
      await this.db.settled();
      sections.push({ key: provider.key, label: provider.label, records: await provider.export(parentId, who) });
    }
    return { generatedAt: this.clock.now().toISOString(), parentId, noticeVersion: PRIVACY_NOTICE.version, sections };
  }

  /**
   * 注销: one transaction over every provider's erase, in erase order (identity's account row
   * last), each count in the erasure log. A provider that fails rolls everything back: nothing is
   * half-erased. Identity's erase anonymises the account, so its tokens stop working.
   */
  async cancel(parentId: number, reason: Extract<ErasureReason, 'cancellation' | 'retention'> = 'cancellation'): Promise<AccountCancellationResult> {
    const now = this.clock.now();
    const counts = await this.db.transaction(async (m) => {
      const who = await this.identifiers(m, parentId);
      const all: ErasedCount[] = [];
      for (const provider of this.registry.all()) all.push(...(await provider.erase(m, who, now)));
      await this.erasures.record(m, reason, parentId, all, now);
      return all;
    });
    // Counts only: no identifier of the parent reaches the log.
    this.logger.log(`account cancelled (${reason}): ${counts.map((c) => `${c.kind} ${c.count}`).join(', ') || 'nothing held'}`);
    return { cancelledAt: now.toISOString(), erased: counts.map((c) => ({ key: c.kind, label: c.label, count: c.count })) };
  }
}
