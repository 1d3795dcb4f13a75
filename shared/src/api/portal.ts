import type { AttachmentView, NoticeCorrectionLine, NoticeListItem } from './catalog';

/**
 * Portal sync: what the change feed (`GET /api/v1/sync/changes`) returns and what each push to a
 * portal endpoint carries (one `SyncChange` as the body). A change is a notice's publication, a
 * correction (更正, `updated`) or a withdrawal.
 */
export const SYNC_CHANGE_KINDS = ['published', 'updated', 'withdrawn'] as const;
export type SyncChangeKind = (typeof SYNC_CHANGE_KINDS)[number];

/** A published 主动公开 notice in full, every address absolute (from PUBLIC_BASE_URL). */
export interface SyncNotice extends Omit<NoticeListItem, 'attachmentCount'> {
  /** Sanitised HTML; image and attachment addresses absolute. */
  bodyHtml: string;
  attachments: AttachmentView[];
  /** Our public page of the notice (`/gk/notices/:id`). */
  url: string;
  /** Where the portal published it, once it told us (PUT /sync/notices/:id/portal-url); also the pages' canonical. */
  portalUrl: string | null;
  /** Corrections, oldest first; empty when never corrected. */
  corrections: NoticeCorrectionLine[];
  /** The last correction's time, or the publication's. */
  updatedAt: string;
}

export interface SyncChange {
  /** Position in the change log; strictly increasing in commit order. */
  seq: number;
  kind: SyncChangeKind;
  noticeId: number;
  /** 索引号: stays the same through corrections and withdrawal. */
  indexNo: string;
  changedAt: string;
  /** The notice as it is now; null for `withdrawn`. */
  notice: SyncNotice | null;
  /** A withdrawal's public explanation; null otherwise. */
  reason: string | null;
}

export interface SyncChangesPage {
  changes: SyncChange[];
  /** Pass as `since` next time (also when `changes` is empty). */
  cursor: string;
  /** More changes wait beyond this page: ask again at once. */
  hasMore: boolean;
}
