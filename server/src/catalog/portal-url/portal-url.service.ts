import { Injectable } from '@nestjs/common';
import type { PortalUrlView } from '@gongkai/shared';
import { AuditService } from '../../common/audit/audit.service';
import { PublicCache } from '../../common/cache/public-cache';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import { PortalUrlRepository } from './portal-url.repository';

/**
 * Where the county portal published a notice, as the portal tells us (PUT /sync/notices/:id/
 * portal-url). It becomes the public pages' canonical and `NoticeDetail.portalUrl`. It is the
 * portal's own data, not a change of the notice: no change-log entry, no new version.
 */
@Injectable()
export class NoticePortalUrls {
  constructor(
    private readonly db: Db,
    private readonly repo: PortalUrlRepository,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
  ) {}

  /** Sets (or with null clears) the address of a public notice; 404 for any other. Audited with the client's name. */
  async set(id: number, url: string | null, client: { id: number; name: string }, meta: RequestMeta): Promise<PortalUrlView> {
    const changed = await this.db.transaction(async (m) => {
      const notice = await this.repo.lockPublic(m, id);
      if (!notice) throw ApiError.notFound();
      if (notice.portalUrl === url) return false;
      await this.repo.set(m, id, url);
      await this.audit.record(m, null, meta, {
        action: 'notice.portal_url',
        entityType: 'notice',
        entityId: id,
        before: { portalUrl: notice.portalUrl },
        after: { portalUrl: url, portalClient: client.name, portalClientId: client.id },
      });
      await this.cache.bump(m);
      return true;
    });
    if (changed) this.cache.clear();
    return { noticeId: id, portalUrl: url };
  }
}
