import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AnnualReportData, ReportExportFormat } from '@gongkai/shared';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { AnnualReportService } from '../annual/annual-report.service';
import { renderReportDocx } from './report-docx';
import { renderReportHtml } from './report-html';
import { renderReportMarkdown } from './report-markdown';
import { renderReportPdf } from './report-pdf';

const FORMATS: Record<ReportExportFormat, { type: string; render: (data: AnnualReportData) => Promise<Buffer> | Buffer }> = {
  pdf: { type: 'application/pdf', render: renderReportPdf },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderReportDocx },
  md: { type: 'text/markdown; charset=utf-8', render: (data) => Buffer.from(renderReportMarkdown(data)) },
  html: { type: 'text/html; charset=utf-8', render: (data) => Buffer.from(renderReportHtml(data)) },
};

/**
 * A year's report as a file: the data as the report page shows it (frozen once its notice is on
 * its way, else live), rendered on request, sent as an attachment named `<title>.<ext>` (RFC 6266
 * with RFC 8187's filename* for the Chinese name, an ASCII fallback beside it).
 */
@ApiTags('工作人员：政府信息公开工作年度报告')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('report.edit')
@Controller('staff/reports/annual')
export class ReportExportController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get(':year/export.pdf')
  @ApiOperation({ summary: '导出年度报告（PDF：A4，嵌入中文字体，含统计图）' })
  @ApiParam({ name: 'year', type: Number })
  @ApiProduces(FORMATS.pdf.type)
  pdf(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(staff, year, 'pdf', reply);
  }

  @Get(':year/export.docx')
  @ApiOperation({ summary: '导出年度报告（Word：公文版式，表格按全国统一格式合并单元格，含统计图）' })
  @ApiParam({ name: 'year', type: Number })
  @ApiProduces(FORMATS.docx.type)
  docx(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(staff, year, 'docx', reply);
  }

  @Get(':year/export.md')
  @ApiOperation({ summary: '导出年度报告（Markdown：表格不合并单元格，统计图为内嵌 SVG 图片）' })
  @ApiParam({ name: 'year', type: Number })
  @ApiProduces('text/markdown')
  markdown(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(staff, year, 'md', reply);
  }

  @Get(':year/export.html')
  @ApiOperation({ summary: '导出年度报告（可打印的 HTML 页面，A4 版式，统计图为 SVG）' })
  @ApiParam({ name: 'year', type: Number })
  @ApiProduces('text/html')
  html(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Res() reply: FastifyReply): Promise<void> {
    return this.send(staff, year, 'html', reply);
  }

  private async send(staff: StaffPrincipal, rawYear: string, format: ReportExportFormat, reply: FastifyReply): Promise<void> {
    const { data } = await this.reports.view(staff, this.reports.year(rawYear));
    const { type, render } = FORMATS[format];
    const bytes = await render(data);
    await reply
      .code(200)
      .header('content-type', type)
      .header('content-disposition', contentDisposition(`${data.title}.${format}`, { type: 'attachment' }))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(bytes.length))
      .send(bytes);
  }
}
