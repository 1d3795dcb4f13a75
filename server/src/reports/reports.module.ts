import { Module } from '@nestjs/common';
import { AnnualReportModule } from './annual/annual.module';
import { ReportRecordsModule } from './records/records.module';
import { ReportRenderModule } from './render/render.module';

/**
 * The yearly 政府信息公开工作年度报告: the records it counts that nothing else keeps (records/),
 * the report assembled from every feature's exported figures, its checks, narrative and notice
 * (annual/), and its renderings: HTML, Markdown, DOCX and PDF with charts (render/).
 */
@Module({
  imports: [ReportRecordsModule, AnnualReportModule, ReportRenderModule],
})
export class ReportsModule {}
