import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AnnualReportView, ReportYears } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { NarrativeDto, ReportNoticeDto } from '../dto/annual-report.dto';
import { AnnualReportService } from './annual-report.service';

@ApiTags('工作人员：政府信息公开工作年度报告')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('report.edit')
@Controller('staff/reports')
export class AnnualReportController {
  constructor(readonly reports: AnnualReportService) {}

  @Get('years')
  @ApiOperation({ summary: '有年度报告或统计记录的年份（新的在前）及默认打开的年份' })
  years(): Promise<ReportYears> {
    return this.reports.years();
  }

  @Get('annual')
  @ApiOperation({ summary: '某年的年度报告：状态、数据（生成信息后为生成时的数据）、核对结果、文字部分' })
  @ApiQuery({ name: 'year', type: Number, required: true, example: 2025 })
  view(@CurrentStaff() staff: StaffPrincipal, @Query('year') year: unknown): Promise<AnnualReportView> {
    return this.reports.view(staff, this.reports.year(year));
  }

  @Put('annual/:year/narrative')
  @ApiOperation({ summary: '保存年度报告的文字部分（带版本号；信息审核中或已发布时不能修改）' })
  @ApiParam({ name: 'year', type: Number })
  saveNarrative(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Body() dto: NarrativeDto, @Meta() meta: RequestMeta): Promise<AnnualReportView> {
    return this.reports.saveNarrative(staff, this.reports.year(year), dto, meta);
  }

  @Post('annual/:year/notice')
  @HttpCode(200)
  @ApiOperation({ summary: '将核对通过的年度报告生成为待提交审核的信息（附 PDF）；已生成且仍可修改时更新该信息' })
  @ApiParam({ name: 'year', type: Number })
  generateNotice(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Body() dto: ReportNoticeDto, @Meta() meta: RequestMeta): Promise<AnnualReportView> {
    return this.reports.generateNotice(staff, this.reports.year(year), dto, meta);
  }
}
