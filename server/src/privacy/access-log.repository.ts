import { Injectable } from '@nestjs/common';
import { AuditLog } from '../common/audit/audit-log.entity';
import { Db } from '../database/db';

export const ACCESS_ACTIONS = ['personal_data.view', 'personal_data.export'] as const;

/**
 * Reads the records of staff reading parents' personal data. They are audit_log rows (common's
 * table, written through AuditService); this is the read the admin's review needs, filtered by
 * the parent, whose id leads the `after` JSON as PersonalDataAccessLog writes it.
 */
@Injectable()
export class AccessLogRepository {
  constructor(private readonly db: Db) {}

  page(query: { parentId?: number; actorUsername?: string; beforeId?: number; take: number }): Promise<AuditLog[]> {
    const qb = this.db.dataSource.createQueryBuilder(AuditLog, 'a').where('a.action IN (:...actions)', { actions: [...ACCESS_ACTIONS] });
    if (query.actorUsername) qb.andWhere('a.actorUsername = :actor', { actor: query.actorUsername });
    // The prefix holds no LIKE wildcard (digits and fixed characters), so it needs no escaping.
    if (query.parentId !== undefined) qb.andWhere('a.after LIKE :parent', { parent: `{"parentId":${query.parentId},%` });
    if (query.beforeId !== undefined) qb.andWhere('a.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('a.id', 'DESC').take(query.take).getMany();
  }
}
