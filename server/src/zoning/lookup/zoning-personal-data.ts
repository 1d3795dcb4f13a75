import { Injectable, type OnModuleInit } from '@nestjs/common';
import { inBatches, PersonalDataRegistry, type ErasedCount, type PersonalDataProvider, type RetentionHandler } from '../../privacy/personal-data-registry';
import { ZoningMissesRepository } from './zoning-misses.repository';

/** Rows one retention batch deletes. */
const RETENTION_BATCH = 1000;

/**
 * 学区查询's part of the rights flow. The lookup keeps only the addresses that found nothing
 * (`zoning_miss`), without who searched: nothing here can be found for a parent, so the export is
 * empty and an erasure has nothing to erase. What is kept goes after PRIVACY_RETAIN_ZONING_MISS_DAYS
 * since its last search.
 */
@Injectable()
export class ZoningPersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'zoning';
  readonly label = '学区查询';
  readonly eraseOrder = 50;
  readonly retention: readonly RetentionHandler[];

  constructor(
    private readonly misses: ZoningMissesRepository,
    private readonly registry: PersonalDataRegistry,
  ) {
    this.retention = [{ kind: 'zoning_miss', run: (m, cutoff) => inBatches(RETENTION_BATCH, (limit) => this.misses.deleteLastBefore(m, cutoff, limit)) }];
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Not tied to anyone: there is nothing of one parent's to show. */
  async export(): Promise<Record<string, unknown>[]> {
    return [];
  }

  async erase(): Promise<ErasedCount[]> {
    return [];
  }
}
