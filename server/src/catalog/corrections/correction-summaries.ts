import { Injectable } from '@nestjs/common';
import { EDITABLE_CORRECTION_STATUSES, correctionActions, type CorrectionSummary } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { NoticeRecord } from '../notice-record';
import type { ReviewLogRow } from '../review-log.port';
import type { CorrectionRecord } from './correction-record';
import { CorrectionsRepository } from './corrections.repository';

/** The open correction of each notice of a staff page, with what the reader may do with it: one query per table for the page. */
@Injectable()
export class CorrectionSummaries {
  constructor(private readonly repo: CorrectionsRepository) {}

  async of(staff: StaffPrincipal, notices: NoticeRecord[], log: ReviewLogRow[], m?: EntityManager): Promise<Map<number, CorrectionSummary>> {
    const open = await this.repo.openOf(notices.filter((n) => n.status === 'published').map((n) => n.id), m);
    if (!open.length) return new Map();
    const [editors, names] = await Promise.all([this.repo.editors(open.map((c) => c.noticeId), m), this.repo.displayNames(open.map((c) => c.authorId), m)]);
    const byId = new Map(notices.map((n) => [n.id, n]));
    return new Map(
      open.map((c) => {
        const notice = byId.get(c.noticeId)!;
        const { actions, refusals } = actionsOn(c, notice, staff, editorsOf(c, notice, editors), log);
        return [c.noticeId, { id: c.id, status: c.status, round: c.round, version: c.version, authorName: names.get(c.authorId) ?? '', actions, refusals }];
      }),
    );
  }
}

/** What `staff` may do with the correction, by the shared correction flow over their part in its round. */
export function actionsOn(c: CorrectionRecord, notice: Pick<NoticeRecord, 'authorId'>, staff: StaffPrincipal, editorIds: number[], log: ReviewLogRow[]) {
  return correctionActions(
    { status: c.status, authorId: c.authorId, noticeAuthorId: notice.authorId, round: c.round },
    { id: staff.id, roles: staff.roles, editedRound: editorIds.includes(staff.id), log: log.filter((r) => r.noticeId === c.noticeId) },
  );
}

/** Who edited the correction's round: the one in review, or in draft/returned the one it will be submitted as. */
export function editorsOf(c: CorrectionRecord, notice: Pick<NoticeRecord, 'round'>, editors: { noticeId: number; round: number; staffId: number }[]): number[] {
  const round = EDITABLE_CORRECTION_STATUSES.includes(c.status) ? notice.round + 1 : c.round;
  return editors.filter((e) => e.noticeId === c.noticeId && e.round === round).map((e) => e.staffId).sort((a, b) => a - b);
}
