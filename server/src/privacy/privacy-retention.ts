import { Inject, Injectable, Logger } from '@nestjs/common';
import { RETENTION_RULES, type RetentionKind } from '@gongkai/shared';
import { Clock } from '../common/clock/clock';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db } from '../database/db';
import { ErasureLog } from './erasure-log.service';
import { ParentDataService } from './parent-data.service';
import { PersonalDataRegistry } from './personal-data-registry';

const DAY_MS = 24 * 3600_000;
const RETENTION_LABELS = Object.fromEntries(RETENTION_RULES.map((r) => [r.kind, r.label])) as Record<RetentionKind, string>;
/** Inactive accounts cancelled per round at most; the rest in the next rounds. */
export const INACTIVE_BATCH = 200;

/**
 * The retention job (periodic task `privacy-retention`): every feature's retention rules with
 * the cutoffs of configuration, each rule in its own transaction with its count in the erasure
 * log; accounts not signed in for `inactive_account` days are cancelled as a 注销 would. Once at
 * start (time passed while the server was down) and about every 6 h.
 */
@Injectable()
export class PrivacyRetention {
  private readonly logger = new Logger('PrivacyRetention');

  constructor(
    private readonly db: Db,
    private readonly registry: PersonalDataRegistry,
    private readonly erasures: ErasureLog,
    private readonly parents: ParentDataService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tasks: PeriodicTasks,
  ) {
    tasks.register('privacy-retention', { everyMs: 6 * 3600_000, atStart: true, jitter: 0.2 }, () => this.round());
  }

  async round(): Promise<void> {
    const now = this.clock.now();
    const days = this.config.privacy.retentionDays;
    for (const provider of this.registry.all()) {
      for (const rule of provider.retention ?? []) {
        const cutoff = new Date(now.getTime() - days[rule.kind] * DAY_MS);
        const count = await this.db.transaction(async (m) => {
          const n = await rule.run(m, cutoff, now);
          await this.erasures.record(m, 'retention', null, [{ kind: rule.kind, label: RETENTION_LABELS[rule.kind], count: n }], now);
          return n;
        });
        if (count > 0) this.logger.log(`${provider.key} ${rule.kind}: ${count} erased`);
      }
    }
    const cutoff = new Date(now.getTime() - days.inactive_account * DAY_MS);
    for (const provider of this.registry.all()) {
      if (!provider.inactiveParents) continue;
      const ids = await this.db.transaction((m) => provider.inactiveParents!(m, cutoff, INACTIVE_BATCH));
      let failed = 0;
      for (const id of ids) {
        // One account that cannot be cancelled must not hold up the others (it is tried again next round).
        await this.parents.cancel(id, 'retention').catch((error: unknown) => {
          failed++;
          this.logger.warn(`inactive_account: a cancellation failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      if (ids.length) this.logger.log(`inactive_account: ${ids.length - failed} accounts cancelled${failed ? `, ${failed} failed` : ''}`);
    }
  }
}
