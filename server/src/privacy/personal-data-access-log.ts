import { Injectable } from '@nestjs/common';
import type { Page, PersonalDataAccessView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';

export const ACCESS_ACTIONS = ['personal_data.view', 'personal_data.export'] as const;

export interface PersonalDataAccess {
  action: 'view' | 'export';
  /** What was read, e.g. `inquiry`, `privacy_rights_request`. */
  entityType: string;
  entityId: string | number | null;
  /** Whose data it was; null for a person who never signed in (a 依申请公开 request entered by staff). */
  parentId: number | null;
  /** Which personal fields were shown, e.g. `['content', 'phone']`. */
  fields: string[];
  /** Why, in Chinese, e.g. `办理咨询投诉`. */
  purpose: string;
}

/** What an access record keeps in the audit log's `after`; the parent is also its `subjectParentId`, which the review filters by. */
interface AccessRecord {
  parentId: number | null;
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
  ) {}

  /** Pass the transaction's manager when the read is part of one; null: a write of its own. */
  async record(manager: EntityManager | null, staff: StaffPrincipal, meta: RequestMeta, access: PersonalDataAccess): Promise<void> {
    const after: AccessRecord = { parentId: access.parentId, fields: [...access.fields], purpose: access.purpose };
    const input = { action: `personal_data.${access.action}`, entityType: access.entityType, entityId: access.entityId, after, subjectParentId: access.parentId };
    if (manager) await this.audit.record(manager, staff, meta, input);
    else await this.db.write((m) => this.audit.record(m, staff, meta, input));
  }

  async list(query: { parentId?: number; actor?: string; cursor?: string; limit: number }): Promise<Page<PersonalDataAccessView>> {
    await this.db.settled();
    const page = await this.audit.list({ actions: ACCESS_ACTIONS, subjectParentId: query.parentId, actorUsername: query.actor, cursor: query.cursor, limit: query.limit });
    return {
      items: page.items.map((row) => {
        const after = (row.after ?? {}) as Partial<AccessRecord>;
        return {
          id: row.id,
          actorId: row.actorId,
          actorUsername: row.actorUsername,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          parentId: row.subjectParentId,
          fields: Array.isArray(after.fields) ? after.fields.map(String) : [],
          purpose: typeof after.purpose === 'string' ? after.purpose : '',
          ip: row.ip,
          createdAt: row.createdAt,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
