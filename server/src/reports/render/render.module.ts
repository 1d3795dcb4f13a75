import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { AnnualReportModule } from '../annual/annual.module';
import { ReportExportController } from './report-export.controller';

/** The report's renderings (HTML, Markdown, DOCX, PDF with charts) and their download routes. */
@Module({
  imports: [CommonModule, AnnualReportModule],
  controllers: [ReportExportController],
})
export class ReportRenderModule {}
