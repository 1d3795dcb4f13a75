import { Injectable } from '@nestjs/common';
import type { NoticeStatus } from '@gongkai/shared';

/** A row of a notice's review log, as the four-eyes rules read it. */
export interface ReviewLogRow {
  noticeId: number;
  round: number;
  fromStatus: NoticeStatus;
  actorId: number | null;
}

type ReviewLogSource = (staffId: number, noticeIds: number[]) => Promise<ReviewLogRow[]>;

/**
 * The review log is publishing's, which sits above the catalog; the catalog's staff views still
 * need a staff member's steps in each notice's round to say which actions four eyes leaves them.
 * Publishing provides the source when it starts (the catalog never imports it).
 */
@Injectable()
export class ReviewLogPort {
  private source: ReviewLogSource | null = null;

  provide(source: ReviewLogSource): void {
    this.source = source;
  }

  /** The log rows `staffId` wrote on these notices (any round). */
  stepsOf(staffId: number, noticeIds: number[]): Promise<ReviewLogRow[]> {
    if (!this.source) throw new Error('no review log source: PublishingModule provides it');
    return noticeIds.length ? this.source(staffId, noticeIds) : Promise.resolve([]);
  }
}
