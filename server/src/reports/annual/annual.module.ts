import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { DisclosureStatisticsModule } from '../../disclosure/statistics/disclosure-statistics.module';
import { InquiriesModule } from '../../inquiries/inquiries.module';
import { PushModule } from '../../push/push.module';
import { ReportRecordsModule } from '../records/records.module';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportService } from './annual-report.service';
import { AnnualReportsRepository } from './annual-reports.repository';
import { ReportDataService } from './report-data.service';

/** The report of a year: its data from every feature's exported figures, the checks, the narrative, the notice it becomes. */
@Module({
  imports: [CommonModule, CatalogModule, InquiriesModule, PushModule, DisclosureStatisticsModule, ReportRecordsModule],
  controllers: [AnnualReportController],
  providers: [ReportDataService, AnnualReportsRepository, AnnualReportService],
  exports: [AnnualReportService],
})
export class AnnualReportModule {}
