import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { ReportEntriesService } from './report-entries.service';
import { ReportRecordsController } from './report-records.controller';
import { ReportRecordsRepository } from './report-records.repository';
import { ReportRecordsService } from './report-records.service';
import { YearlyFiguresService } from './yearly-figures.service';

/** Hot-topic responses, briefings, NPC / CPPCC proposals, other systems' yearly figures, and the 规范性文件 register (a view over catalog's notices). */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [ReportRecordsController],
  providers: [ReportRecordsRepository, ReportRecordsService, ReportEntriesService, YearlyFiguresService],
  exports: [ReportRecordsService],
})
export class ReportRecordsModule {}
