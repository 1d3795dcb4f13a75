import { Injectable } from '@nestjs/common';
import type { ConsentKind, PersonalDataSectionView, RetentionKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';

/** Who a parent is to the features that keep their own copy of an identifier (push deliveries, 公众号 rows). */
export interface ParentIdentifiers {
  parentId: number;
  openids: string[];
  unionids: string[];
}

/** What one feature erased or anonymised, per kind of row; counted in the cancellation result and the erasure log. */
export interface ErasedCount {
  /** e.g. `inquiry_photo`, `push_subscription`. */
  kind: string;
  label: string;
  count: number;
}

/** A retention rule one feature enforces on its own tables: erase what is older than `cutoff`. */
export interface RetentionHandler {
  kind: RetentionKind;
  /** Erases or anonymises what the rule covers and was due before `cutoff`; returns how many rows it changed. */
  run(manager: EntityManager, cutoff: Date, now: Date): Promise<number>;
}

/** Batches one retention run of a rule takes at most: what is left goes in the next run. */
const RETENTION_BATCHES = 20;

/**
 * A retention rule's work in batches: `step` changes at most `size` rows and answers how many; it
 * runs again until a batch comes back short or the run's batches are used up. The total changed.
 */
export async function inBatches(size: number, step: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < RETENTION_BATCHES; i++) {
    const n = await step(size);
    total += n;
    if (n < size) break;
  }
  return total;
}

/**
 * A feature that stores personal data about parents. Each provider answers for its own tables only,
 * so the rights flow (export, cancellation, withdrawn consents, retention) never reaches into
 * another module's tables: the registry calls every provider, inside one transaction where it
 * changes data.
 */
export interface PersonalDataProvider {
  /** Stable key of the section, e.g. `inquiries`. */
  readonly key: string;
  /** The section's heading in the export, e.g. `咨询投诉`. */
  readonly label: string;
  /** Lower runs first on erase; identity's account row goes last (it is what the others' rows point at). */
  readonly eraseOrder: number;
  /** Identifiers this feature knows for the parent (identity: the account's openid and unionid). */
  identifiers?(manager: EntityManager, parentId: number): Promise<Partial<Omit<ParentIdentifiers, 'parentId'>>>;
  /** Every row about the parent, unmasked, as plain JSON; nobody else's. */
  export(parentId: number, who: ParentIdentifiers): Promise<PersonalDataSectionView['records']>;
  /** Erases or anonymises the parent's personal data in this feature's tables (counts stay right). */
  erase(manager: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]>;
  /** Reacts to a withdrawn consent inside the withdrawal's transaction (e.g. push deletes subscriptions). */
  consentWithdrawn?(manager: EntityManager, parentId: number, kind: ConsentKind, now: Date): Promise<ErasedCount[]>;
  /** The retention rules this feature enforces. */
  readonly retention?: readonly RetentionHandler[];
  /** Identity only: parents not signed in since `cutoff` (inactive_account retention: each is cancelled like a 注销). */
  inactiveParents?(manager: EntityManager, cutoff: Date, limit: number): Promise<number[]>;
  /** Identity only: the accounts' display names, for staff views of privacy's own rows (rights requests); ids not found are left out. */
  parentNames?(ids: number[]): Promise<Map<number, string>>;
}

/**
 * The personal-data registry: features register their provider at start-up (`onModuleInit`), the
 * privacy module's rights and retention services read it. It lives in privacy, low in the module
 * graph, so a feature only depends downward to register.
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly providers = new Map<string, PersonalDataProvider>();

  register(provider: PersonalDataProvider): void {
    if (this.providers.has(provider.key)) throw new Error(`personal-data provider "${provider.key}" registered twice`);
    this.providers.set(provider.key, provider);
  }

  /** Every provider in erase order. */
  all(): PersonalDataProvider[] {
    return [...this.providers.values()].sort((a, b) => a.eraseOrder - b.eraseOrder || a.key.localeCompare(b.key));
  }
}
