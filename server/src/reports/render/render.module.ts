import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { AnnualReportModule } from '../annual/annual.module';

/** The report's renderings (HTML, Markdown, DOCX, PDF with charts) and their download routes. */
@Module({
  imports: [CommonModule, AnnualReportModule],
  controllers: [],
})
export class ReportRenderModule {}
