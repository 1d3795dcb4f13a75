import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { Notice } from '../entities/notice.entity';

/** The portal's address of a notice (`notice.portal_url`). */
@Injectable()
export class PortalUrlRepository {
  constructor(private readonly db: Db) {}

  /**
   * The notice if it is public (published, 主动公开), locked until the caller's transaction ends
   * on MySQL, so a withdrawal cannot slip in between this check and the write (SQLite has one
   * writer anyway); null otherwise.
   */
  async lockPublic(m: EntityManager, id: number): Promise<Pick<Notice, 'id' | 'portalUrl'> | null> {
    const qb = m
      .createQueryBuilder(Notice, 'n')
      .select(['n.id', 'n.portalUrl'])
      .where('n.id = :id AND n.status = :published AND n.disclosure = :proactive', { id, published: 'published', proactive: 'proactive' });
    if (!this.db.sqlite) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Plain SQL: TypeORM's update builder would add `version = version + 1` and `updated_at`, and
   * the portal's address is not an edit (staff's next step on the notice must not turn stale).
   */
  async set(m: EntityManager, id: number, url: string | null): Promise<void> {
    await this.db.query(m, 'UPDATE notice SET portal_url = :url WHERE id = :id', { url, id });
  }
}
