import { Injectable } from '@nestjs/common';
import type { AuditEntryView, Page } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/staff-principal';
import type { RequestMeta } from '../http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../paging/cursor';
import type { AuditLog } from './audit-log.entity';
import { AuditRepository, type AuditQuery } from './audit.repository';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: object | null;
  after?: object | null;
  /** The parent whose personal data a read event concerns. */
  subjectParentId?: number | null;
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
      subjectParentId: input.subjectParentId ?? null,
    };
    await this.logs.append(manager, entry);
  }

  async list(query: Omit<AuditQuery, 'beforeId' | 'take'> & { cursor?: string; limit: number }): Promise<Page<AuditEntryView>> {
    const { cursor, limit, ...filters } = query;
    const after = cursor ? decodeCursor(cursor, isIdCursor) : null;
    const rows = await this.logs.list({ ...filters, beforeId: after?.[0], take: limit + 1 });
    const page = rows.slice(0, limit);
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
        subjectParentId: row.subjectParentId,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }
}
