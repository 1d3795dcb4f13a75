import { Inject, Injectable } from '@nestjs/common';
import {
  DISCLOSURE_OUTCOMES,
  DISCLOSURE_OUTCOME_CODES,
  OUTCOME_GROUPS,
  TABLE3_COLUMNS,
  annualReportTitle,
  type AnnualReportData,
  type DisclosureOutcomeGroup,
  type NarrativePart,
  type Table2DocumentColumn,
  type Table3Counts,
} from '@gongkai/shared';
import { NormativeRegisterService } from '../../catalog/normative/normative-register.service';
import { PublicationStatisticsService } from '../../catalog/statistics/publication-statistics.service';
import { ViewStatsService } from '../../catalog/views/view-stats.service';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DisclosureStatisticsService } from '../../disclosure/statistics/disclosure-statistics.service';
import { InquiryYearFigures } from '../../inquiries/inquiry-year-figures.service';
import { PushYearFigures } from '../../push/push-year-figures.service';
import { ReportRecordsService } from '../records/report-records.service';

/** A county bureau makes no 规章: table 二's first row is always zero. */
const NO_REGULATIONS: Record<Table2DocumentColumn, number> = { issued: 0, repealed: 0, inForce: 0 };

/**
 * A year's report data read live from the features' exported figures (catalog, views, inquiries,
 * push, disclosure) and the records. Pure reading: nothing is stored here.
 */
@Injectable()
export class ReportDataService {
  private readonly agency: string;

  constructor(
    private readonly publication: PublicationStatisticsService,
    private readonly normative: NormativeRegisterService,
    private readonly views: ViewStatsService,
    private readonly inquiries: InquiryYearFigures,
    private readonly pushes: PushYearFigures,
    private readonly disclosure: DisclosureStatisticsService,
    private readonly records: ReportRecordsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.agency = config.disclosure.agency;
  }

  /** The live data of `year`, with `narrative` and the date to print (`dated`, YYYY-MM-DD) as given. */
  async live(year: number, narrative: Record<NarrativePart, string>, dated: string): Promise<AnnualReportData> {
    const asOf = this.clock.now().toISOString();
    // Every read is independent of the others: run them side by side (the benchmark times the whole).
    const [published, normative, views, inquiries, pushes, table3, table4, records] = await Promise.all([
      this.publication.publishedInYear(year),
      this.normative.counts(year),
      this.views.year(year),
      this.inquiries.ofYear(year),
      this.pushes.ofYear(year),
      this.disclosure.table3(year),
      this.disclosure.table4(year),
      this.records.figuresOf(year),
    ]);

    // The chart of requests by outcome: each group's outcome rows, 总计 column.
    const requestsByOutcomeGroup = Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0])) as Record<DisclosureOutcomeGroup, number>;
    for (const outcome of DISCLOSURE_OUTCOME_CODES) requestsByOutcomeGroup[DISCLOSURE_OUTCOMES[outcome].group] += table3[outcome].total;

    return {
      year,
      agency: this.agency,
      title: annualReportTitle(this.agency, year),
      asOf,
      table2: { documents: { regulations: { ...NO_REGULATIONS }, normative }, yearly: records.yearly },
      table3,
      table4,
      figures: {
        published: { byType: published.byType, total: published.total },
        publishedMonthly: published.monthly,
        pageViews: views.total,
        hotTopics: records.hotTopics,
        briefings: records.briefings,
        proposals: records.proposals,
        inquiries,
        pushes,
        requestsByOutcomeGroup,
      },
      narrative: { ...narrative },
      dated,
    };
  }

  /** Row 四 (结转下年度) of `year` as the data reads now; null when nothing was carried. */
  async carriedOut(year: number): Promise<Table3Counts | null> {
    const table3 = await this.disclosure.table3(year);
    const row = table3.carriedOut;
    return TABLE3_COLUMNS.every((c) => row[c] === 0) ? null : { ...row };
  }
}
