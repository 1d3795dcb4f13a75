import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { ReportRecordsService } from './report-records.service';

/** Hot-topic responses, briefings, NPC / CPPCC proposals, other systems' yearly figures, and the 规范性文件 register (a view over catalog's notices). */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [],
  providers: [ReportRecordsService],
  exports: [ReportRecordsService],
})
export class ReportRecordsModule {}
