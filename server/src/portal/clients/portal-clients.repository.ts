import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { PortalClient } from './portal-client.entity';

/** Every query of the portal's API keys. */
@Injectable()
export class PortalClientsRepository {
  constructor(private readonly db: Db) {}

  /** Newest first, revoked ones included (the admin sees the history). */
  async list(): Promise<PortalClient[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PortalClient).find({ order: { id: 'DESC' } });
  }

  async create(m: EntityManager, row: Omit<PortalClient, 'id' | 'lastUsedAt' | 'revokedAt'>): Promise<PortalClient> {
    return m.save(PortalClient, m.create(PortalClient, { ...row, lastUsedAt: null, revokedAt: null }));
  }

  find(m: EntityManager, id: number): Promise<PortalClient | null> {
    return m.findOne(PortalClient, { where: { id } });
  }

  /** Revokes it if it still works; false if it was revoked already. */
  async revoke(m: EntityManager, id: number, at: Date): Promise<boolean> {
    const result = await m.createQueryBuilder().update(PortalClient).set({ revokedAt: at }).where('id = :id AND revoked_at IS NULL', { id }).execute();
    return Boolean(result.affected);
  }

  /** The working key with this hash; null for an unknown or revoked one. */
  async findActiveByHash(keyHash: string): Promise<Pick<PortalClient, 'id' | 'name' | 'lastUsedAt'> | null> {
    await this.db.settled();
    return this.db.dataSource
      .getRepository(PortalClient)
      .createQueryBuilder('c')
      .select(['c.id', 'c.name', 'c.lastUsedAt'])
      .where('c.keyHash = :keyHash AND c.revokedAt IS NULL', { keyHash })
      .getOne();
  }

  /**
   * Records a use, unless one was recorded in the minute before `at`: one conditional UPDATE, so
   * instances answering the same portal at once write it at most once a minute between them.
   */
  async touch(id: number, at: Date, notBefore: Date): Promise<void> {
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .update(PortalClient)
        .set({ lastUsedAt: at })
        .where('id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)', { id, notBefore })
        .execute(),
    );
  }
}
