import { Injectable } from '@nestjs/common';
import type { ErasureRecordView, Page } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/paging/cursor';
import type { ErasureReason } from '@gongkai/shared';
import { ErasuresRepository } from './erasures.repository';
import type { ErasedCount } from './personal-data-registry';

/** What was erased, when and why: counts per kind, appended in the erasing transaction (never the values). */
@Injectable()
export class ErasureLog {
  constructor(private readonly repo: ErasuresRepository) {}

  /** Only what changed rows: the parent's cancellation result states the zeros, the log need not. */
  record(m: EntityManager, reason: ErasureReason, parentId: number | null, counts: ErasedCount[], now: Date): Promise<void> {
    const rows = counts.filter((c) => c.count > 0).map((c) => ({ reason, kind: c.kind, label: c.label.slice(0, 100), count: c.count, parentId, createdAt: now }));
    return this.repo.append(m, rows);
  }

  async list(query: { parentId?: number; cursor?: string; limit: number }): Promise<Page<ErasureRecordView>> {
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : undefined;
    const rows = await this.repo.page({ parentId: query.parentId, beforeId: before, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({ id: r.id, reason: r.reason, kind: r.kind, label: r.label || r.kind, count: r.count, parentId: r.parentId, createdAt: r.createdAt.toISOString() })),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }
}
