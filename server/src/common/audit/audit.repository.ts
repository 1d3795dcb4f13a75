import { Injectable } from '@nestjs/common';
import { In, LessThan, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { AuditLog } from './audit-log.entity';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** Only these actions (e.g. the personal-data read events). */
  actions?: readonly string[];
  actorUsername?: string;
  subjectParentId?: number;
  /** Entries older than this id (the page cursor). */
  beforeId?: number;
  take: number;
}

/** Every query on the audit log: append inside the caller's transaction, read newest first. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(m: EntityManager, entry: Partial<AuditLog>): Promise<void> {
    await m.getRepository(AuditLog).insert(entry);
  }

  list(query: AuditQuery): Promise<AuditLog[]> {
    return this.db.dataSource.getRepository(AuditLog).find({
      where: {
        ...(query.entityType ? { entityType: query.entityType } : {}),
        ...(query.entityId ? { entityId: query.entityId } : {}),
        ...(query.actions ? { action: In([...query.actions]) } : {}),
        ...(query.actorUsername ? { actorUsername: query.actorUsername } : {}),
        ...(query.subjectParentId !== undefined ? { subjectParentId: query.subjectParentId } : {}),
        ...(query.beforeId !== undefined ? { id: LessThan(query.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: query.take,
    });
  }
}
