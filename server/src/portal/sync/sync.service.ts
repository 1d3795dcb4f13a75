import { Injectable } from '@nestjs/common';
import type { PortalUrlView, SyncChangesPage } from '@gongkai/shared';
import { NoticePortalUrls } from '../../catalog/portal-url/portal-url.service';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../../common/paging/cursor';
import { ChangeLog } from '../../publishing/changes/change-log.service';
import type { PortalCaller } from '../clients/portal-clients.service';
import type { SyncChangesQueryDto } from './sync.dto';
import { SyncDocuments } from './sync-documents';

/** The change feed's cursor: the position of the last change returned. */
type SyncCursor = { after: number };
const isSyncCursor = (v: unknown): v is SyncCursor =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && Number.isSafeInteger((v as SyncCursor).after) && (v as SyncCursor).after >= 0;

/**
 * The change feed for the portal and other integrators. It pages through the notice change log
 * by position. A position is taken under the `index_sequence` row lock inside the writing
 * transaction and the lock is held until that transaction commits, so positions become visible
 * in order: when a reader sees position n, every position below n has committed (or never
 * existed), and a cursor at n never skips a change that commits later.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly log: ChangeLog,
    private readonly documents: SyncDocuments,
    private readonly portalUrls: NoticePortalUrls,
  ) {}

  async changes(query: SyncChangesQueryDto): Promise<SyncChangesPage> {
    const since = query.since ? decodeCursor(query.since, isSyncCursor).after : 0;
    const rows = await this.log.since(since, query.limit + 1);
    // A position beyond the log's end: the cursor is from another installation or a restored
    // database; resuming from it would silently skip everything up to it.
    if (!rows.length && since > (await this.log.head())) throw new ApiError(400, 'INVALID_CURSOR', '同步游标超出当前变更记录，请不带 since 从头重新同步');
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      changes: await this.documents.changes(page),
      cursor: encodeCursor({ after: last ? last.seq : since } satisfies SyncCursor),
      hasMore: rows.length > query.limit,
    };
  }

  setPortalUrl(client: PortalCaller, noticeId: number, url: string | null, meta: RequestMeta): Promise<PortalUrlView> {
    return this.portalUrls.set(noticeId, url, client, meta);
  }
}
