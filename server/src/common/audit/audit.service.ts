import { Injectable } from '@nestjs/common';
import type { AuditEntryView, Page } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/staff-principal';
import type { RequestMeta } from '../http/request-meta';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import type { AuditLog } from './audit-log.entity';
import { AuditRepository } from './audit.repository';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: object | null;
  after?: object | null;
}

/** Appends who did what to which row. Pass the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly logs: AuditRepository) {}

  async record(manager: EntityManager, actor: StaffPrincipal | null, meta: RequestMeta, input: AuditInput): Promise<void> {
    const entry: Partial<AuditLog> = {
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId === null ? null : String(input.entityId),
      before: input.before ?? null,
      after: input.after ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
    };
    await this.logs.append(manager, entry);
  }

  async list(query: { entityType?: string; entityId?: string; cursor?: string; limit: number }): Promise<Page<AuditEntryView>> {
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is [number] => Array.isArray(v) && Number.isInteger(v[0])) : null;
    const rows = await this.logs.list({ entityType: query.entityType, entityId: query.entityId, beforeId: after?.[0], take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        actorId: row.actorId,
        actorUsername: row.actorUsername,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
        ip: row.ip,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }
}
