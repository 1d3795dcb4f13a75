import { Injectable } from '@nestjs/common';
import { YEARLY_FIGURE_KEYS, type YearlyFigureKey, type YearlyFiguresView } from '@gongkai/shared';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import type { YearlyFiguresDto } from './dto/report-records.dto';
import { ReportRecordsService } from './report-records.service';
import { ReportRecordsRepository } from './report-records.repository';
import { reportYear } from '../report-year';

const STALE = () => new ApiError(409, 'CONFLICT', '这些数字已被他人修改，请刷新后再试');

/**
 * The figures of table 二 that other systems hold (行政许可, 行政处罚, 行政强制, 行政事业性收费),
 * entered once a year. Each figure keeps who entered it last; the year's `figures_version` on
 * `annual_report` is the optimistic lock of the whole set.
 */
@Injectable()
export class YearlyFiguresService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReportRecordsRepository,
    private readonly records: ReportRecordsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(yearValue: unknown): Promise<YearlyFiguresView> {
    const year = reportYear(yearValue, this.clock.now());
    await this.db.settled();
    const [figures, version] = await Promise.all([this.records.yearlyFigures(year), this.repo.figuresVersion(year)]);
    return { year, figures, version };
  }

  /** Enters the figures given (the others stay); a figure entered again with the same value keeps its first enterer. */
  async enter(staff: StaffPrincipal, yearValue: unknown, dto: YearlyFiguresDto, meta: RequestMeta): Promise<YearlyFiguresView> {
    const now = this.clock.now();
    const year = reportYear(yearValue, now);
    const given = YEARLY_FIGURE_KEYS.filter((key) => dto.values[key] !== undefined);
    if (!given.length) throw ApiError.field('values', '请至少填写一项数字');
    await this.db.transaction(async (m) => {
      if (!(await this.repo.bumpFiguresVersionIf(m, year, dto.version, now))) throw STALE();
      const current = new Map((await this.repo.figures(year, m)).map((f) => [f.key, f.value]));
      const before: Partial<Record<YearlyFigureKey, string | null>> = {};
      const after: Partial<Record<YearlyFigureKey, string>> = {};
      for (const key of given) {
        const value = dto.values[key]!;
        if (current.get(key) === value) continue;
        await this.repo.putFigure(m, year, key, value, staff.id, now);
        before[key] = current.get(key) ?? null;
        after[key] = value;
      }
      await this.audit.record(m, staff, meta, { action: 'report.figures_update', entityType: 'annual_report', entityId: year, before, after });
    });
    return this.view(year);
  }
}
