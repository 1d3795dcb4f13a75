import { Injectable } from '@nestjs/common';
import { LessThan, type EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { PrivacyErasure } from './entities/privacy-erasure.entity';

/** The erasure log: appended inside the erasing transaction, read newest first. */
@Injectable()
export class ErasuresRepository {
  constructor(private readonly db: Db) {}

  async append(m: EntityManager, rows: Omit<PrivacyErasure, 'id'>[]): Promise<void> {
    if (rows.length) await m.insert(PrivacyErasure, rows);
  }

  async page(query: { parentId?: number; beforeId?: number; take: number }): Promise<PrivacyErasure[]> {
    await this.db.settled(); // SQLite: not a half-done erasure's rows
    return this.db.dataSource.getRepository(PrivacyErasure).find({
      where: {
        ...(query.parentId !== undefined ? { parentId: query.parentId } : {}),
        ...(query.beforeId !== undefined ? { id: LessThan(query.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: query.take,
    });
  }
}
