import { Injectable } from '@nestjs/common';
import type { PortalSyncCounts } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { PortalDelivery } from './entities/portal-delivery.entity';
import { PortalEndpoint } from './entities/portal-endpoint.entity';

export type EndpointValues = Pick<PortalEndpoint, 'name' | 'url' | 'secret' | 'categories' | 'active'>;

/** Every query of the portal's push endpoints. */
@Injectable()
export class PortalEndpointsRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<PortalEndpoint[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PortalEndpoint).find({ order: { id: 'ASC' } });
  }

  /** The endpoints pushes go to now, secrets opened (for the worker). */
  async active(): Promise<PortalEndpoint[]> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PortalEndpoint).find({ where: { active: true }, order: { id: 'ASC' } });
  }

  find(m: EntityManager, id: number): Promise<PortalEndpoint | null> {
    return m.findOne(PortalEndpoint, { where: { id } });
  }

  async get(id: number): Promise<PortalEndpoint | null> {
    await this.db.settled();
    return this.find(this.db.dataSource.manager, id);
  }

  insert(m: EntityManager, values: EndpointValues, now: Date): Promise<PortalEndpoint> {
    // Position 0: a new endpoint receives every notice public now (and every change since), so its mirror starts complete.
    return m.save(PortalEndpoint, m.create(PortalEndpoint, { ...values, position: 0, secretSetAt: now, createdAt: now, updatedAt: now }));
  }

  async update(m: EntityManager, id: number, set: Partial<EndpointValues> & { secretSetAt?: Date }, now: Date): Promise<PortalEndpoint> {
    await m.update(PortalEndpoint, { id }, { ...set, updatedAt: now });
    return (await this.find(m, id))!;
  }

  /** Deletes the endpoint and its outbox rows (a send in flight finds its row gone and records nothing). */
  async remove(m: EntityManager, id: number): Promise<void> {
    await m.delete(PortalDelivery, { endpointId: id });
    await m.delete(PortalEndpoint, { id });
  }

  /**
   * Notices per state at each endpoint, from each notice's current row (superseded ones are
   * history). A notice whose older change is still being sent while its newer one waits counts once.
   */
  async counts(): Promise<Map<number, PortalSyncCounts>> {
    await this.db.settled();
    const rows = await this.db.query<{ endpoint_id: number | string; state: keyof PortalSyncCounts; n: number | string }[]>(
      this.db.dataSource.manager,
      `SELECT endpoint_id, CASE status WHEN 'delivered' THEN 'synced' WHEN 'failed' THEN 'failed' ELSE 'pending' END AS state, COUNT(DISTINCT notice_id) AS n
       FROM portal_delivery WHERE status IN ('queued', 'sending', 'delivered', 'failed')
       GROUP BY endpoint_id, CASE status WHEN 'delivered' THEN 'synced' WHEN 'failed' THEN 'failed' ELSE 'pending' END`,
      {},
    );
    const counts = new Map<number, PortalSyncCounts>();
    for (const r of rows) {
      const id = Number(r.endpoint_id);
      const c = counts.get(id) ?? { synced: 0, pending: 0, failed: 0 };
      c[r.state] = Number(r.n);
      counts.set(id, c);
    }
    return counts;
  }
}
