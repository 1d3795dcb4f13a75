import { Injectable } from '@nestjs/common';
import type { Page, PersonalDataAccessView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { Db } from '../database/db';
import { AccessLogRepository } from './access-log.repository';
import { isIdCursor } from './erasure-log.service';

export interface PersonalDataAccess {
  action: 'view' | 'export';
  /** What was read, e.g. `inquiry`, `privacy_rights_request`. */
  entityType: string;
  entityId: string | number | null;
  /** Whose data it was. */
  parentId: number;
  /** Which personal fields were shown, e.g. `['content', 'phone']`. */
  fields: string[];
  /** Why, in Chinese, e.g. `办理咨询投诉`. */
  purpose: string;
}

/** What an access record keeps in the audit log's `after` (parentId first: the admin's filter reads it there). */
interface AccessRecord {
  parentId: number;
  fields: string[];
  purpose: string;
}

/**
 * Who among staff read or exported a parent's personal data, when and why (issue 12 item 6): audit
 * log rows with action `personal_data.view` / `personal_data.export`, reviewable by the admin.
 */
@Injectable()
export class PersonalDataAccessLog {
  constructor(
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly repo: AccessLogRepository,
  ) {}

  /** Pass the transaction's manager when the read is part of one; null: a write of its own. */
  async record(manager: EntityManager | null, staff: StaffPrincipal, meta: RequestMeta, access: PersonalDataAccess): Promise<void> {
    const after: AccessRecord = { parentId: access.parentId, fields: [...access.fields], purpose: access.purpose };
    const input = { action: `personal_data.${access.action}`, entityType: access.entityType, entityId: access.entityId, after };
    if (manager) await this.audit.record(manager, staff, meta, input);
    else await this.db.write((m) => this.audit.record(m, staff, meta, input));
  }

  async list(query: { parentId?: number; actor?: string; cursor?: string; limit: number }): Promise<Page<PersonalDataAccessView>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : undefined;
    const rows = await this.repo.page({ parentId: query.parentId, actorUsername: query.actor, beforeId: before, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => {
        const after = (row.after ?? {}) as Partial<AccessRecord>;
        return {
          id: row.id,
          actorId: row.actorId,
          actorUsername: row.actorUsername,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          parentId: typeof after.parentId === 'number' ? after.parentId : null,
          fields: Array.isArray(after.fields) ? after.fields.map(String) : [],
          purpose: typeof after.purpose === 'string' ? after.purpose : '',
          ip: row.ip,
          createdAt: row.createdAt.toISOString(),
        };
      }),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }
}
