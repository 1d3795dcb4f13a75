import { Injectable } from '@nestjs/common';
import { isCalendarDate, shanghaiDate, type NormativeItem, type NormativeRegister, type Table2DocumentColumn } from '@gongkai/shared';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { PublicCache } from '../../common/cache/public-cache';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import { NormativeRegisterRepository, type NormativeRow } from './normative-register.repository';

const STALE = () => new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后再试');

/**
 * The 规范性文件 register: a view over the notices marked normative, and marking their repeal.
 * A notice counts once it was published (withdrawing it later does not undo its issue); its
 * 印发日期 (`normativeIssuedOn`) puts it in a year, its 废止日期 takes it out of force.
 */
@Injectable()
export class NormativeRegisterService {
  constructor(
    private readonly db: Db,
    private readonly repo: NormativeRegisterRepository,
    private readonly audit: AuditService,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
  ) {}

  /** The register as of `year`'s end: every normative notice issued by then, newest issue first. */
  async register(year: number): Promise<NormativeRegister> {
    await this.db.settled();
    const yearEnd = `${year}-12-31`;
    const [rows, counts] = await Promise.all([this.repo.issuedBy(yearEnd), this.counts(year)]);
    return { year, items: rows.map((r) => item(r, yearEnd)), counts };
  }

  /** Table 二's 行政规范性文件 row of `year`: issued in it, repealed in it, in force at its end. */
  async counts(year: number): Promise<Record<Table2DocumentColumn, number>> {
    return this.repo.counts(`${year}-01-01`, `${year}-12-31`);
  }

  /**
   * Marks (or with null, undoes) a normative notice's repeal: only a published normative notice,
   * on or after its issue date and not in the future. The public detail shows the repeal date, so
   * public answers are rebuilt. The county portal's change feed does not carry it (its documents
   * leave the normative dates out, and only publishing's steps write the change log).
   */
  async markRepeal(staff: StaffPrincipal, noticeId: number, repealedOn: string | null, meta: RequestMeta): Promise<NormativeItem> {
    if (repealedOn !== null && !isCalendarDate(repealedOn)) throw ApiError.field('repealedOn', '废止日期不是有效的日期');
    const now = this.clock.now();
    const changed = await this.db.transaction(async (m) => {
      const notice = await this.repo.lock(m, noticeId);
      if (!notice) throw ApiError.notFound('未找到该信息');
      if (!notice.normative) throw ApiError.field('noticeId', '该信息不是规范性文件，不能登记废止');
      if (!notice.publishedAt) throw new ApiError(409, 'NOTICE_NOT_PUBLISHED', '该规范性文件尚未发布，不能登记废止');
      if (repealedOn !== null) {
        if (notice.normativeIssuedOn && repealedOn < notice.normativeIssuedOn) throw ApiError.field('repealedOn', `废止日期不能早于印发日期（${notice.normativeIssuedOn}）`);
        if (repealedOn > shanghaiDate(now)) throw ApiError.field('repealedOn', '废止日期不能晚于今天');
      }
      if (notice.normativeRepealedOn === repealedOn) return false;
      if (!(await this.repo.setRepealedIf(m, noticeId, notice.version, repealedOn, now))) throw STALE();
      await this.audit.record(m, staff, meta, {
        action: 'notice.repeal',
        entityType: 'notice',
        entityId: noticeId,
        before: { normativeRepealedOn: notice.normativeRepealedOn },
        after: { normativeRepealedOn: repealedOn },
      });
      // The public detail and pages print the repeal date: rebuild them (only a public notice is shown).
      if (notice.status === 'published') await this.cache.bump(m);
      return notice.status === 'published';
    });
    if (changed) this.cache.clear();
    const row = await this.repo.find(noticeId);
    if (!row) throw ApiError.notFound('未找到该信息');
    // In force as of today's year end: the register's view of the year the repeal is marked in.
    return item(row, `${shanghaiDate(now).slice(0, 4)}-12-31`);
  }
}

function item(r: NormativeRow, yearEnd: string): NormativeItem {
  const issued = r.normativeIssuedOn !== null && r.normativeIssuedOn <= yearEnd;
  return {
    noticeId: r.id,
    title: r.title,
    documentNo: r.documentNo,
    issuedOn: r.normativeIssuedOn,
    repealedOn: r.normativeRepealedOn,
    status: r.status,
    inForce: issued && (r.normativeRepealedOn === null || r.normativeRepealedOn > yearEnd),
  };
}
