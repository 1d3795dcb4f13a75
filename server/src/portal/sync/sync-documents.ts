import { Injectable } from '@nestjs/common';
import type { NoticeDetail, SyncChange, SyncNotice } from '@gongkai/shared';
import { NoticesService } from '../../catalog/notices.service';
import { PublicUrls } from '../../catalog/public-urls';
import type { ChangeRow } from '../../publishing/changes/change-log.service';

/**
 * Change-log rows as the change feed returns them and as each push carries them: the notice as
 * it is now, every address absolute. A row whose notice is no longer public (withdrawn later,
 * or its disclosure changed) is given as `withdrawn`: a mirror must not keep it.
 */
@Injectable()
export class SyncDocuments {
  constructor(
    private readonly notices: NoticesService,
    private readonly urls: PublicUrls,
  ) {}

  async changes(rows: ChangeRow[]): Promise<SyncChange[]> {
    const docs = await this.notices.documents(rows.filter((r) => r.kind !== 'withdrawn').map((r) => r.noticeId));
    const indexNos = await this.notices.indexNumbers(rows.map((r) => r.noticeId));
    return rows.map((r) => {
      const doc = r.kind === 'withdrawn' ? undefined : docs.get(r.noticeId);
      return {
        seq: r.seq,
        kind: doc ? r.kind : 'withdrawn',
        noticeId: r.noticeId,
        indexNo: doc?.indexNo ?? indexNos.get(r.noticeId) ?? '',
        changedAt: r.changedAt.toISOString(),
        notice: doc ? this.notice(doc) : null,
        reason: doc ? null : r.reason,
      };
    });
  }

  notice(doc: NoticeDetail): SyncNotice {
    const { viewCount: _views, disclosure: _d, normativeIssuedOn: _i, normativeRepealedOn: _r, ...rest } = doc;
    const last = doc.corrections[doc.corrections.length - 1];
    return {
      ...rest,
      bodyHtml: this.urls.absoluteBody(doc.bodyHtml),
      attachments: doc.attachments.map((a) => ({ ...a, url: this.urls.absolute(a.url) })),
      url: this.urls.notice(doc.id),
      updatedAt: last?.correctedAt ?? doc.publishedAt,
    };
  }
}
