import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BriefingView, HotTopicView, NormativeItem, NormativeRegister, ProposalView, ReportRecordList, YearlyFiguresView } from '@gongkai/shared';
import { NormativeRegisterService } from '../../catalog/normative/normative-register.service';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import {
  BriefingDto,
  HotTopicDto,
  NormativeRepealDto,
  ProposalDto,
  ReportYearQueryDto,
  UpdateBriefingDto,
  UpdateHotTopicDto,
  UpdateProposalDto,
  YearlyFiguresDto,
} from './dto/report-records.dto';
import { recordNotFound, ReportEntriesService } from './report-entries.service';
import { reportYear } from '../report-year';
import { YearlyFiguresService } from './yearly-figures.service';

const hotTopicId = new ParseIntPipe({ exceptionFactory: () => recordNotFound('hot_topic') });
const briefingId = new ParseIntPipe({ exceptionFactory: () => recordNotFound('briefing') });
const proposalId = new ParseIntPipe({ exceptionFactory: () => recordNotFound('proposal') });
const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

@ApiTags('工作人员：政府信息公开工作年度报告')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('report.edit')
@Controller('staff/reports')
export class ReportRecordsController {
  constructor(
    private readonly entries: ReportEntriesService,
    private readonly figures: YearlyFiguresService,
    private readonly normative: NormativeRegisterService,
    private readonly clock: Clock,
  ) {}

  // ---- 回应关切 (hot topics) ----

  @Get('hot-topics')
  @ApiOperation({ summary: '一年的回应社会关切记录（日期新的在前）；year 须在 2008 年至今年之间' })
  hotTopics(@CurrentStaff() staff: StaffPrincipal, @Query() query: ReportYearQueryDto): Promise<ReportRecordList<HotTopicView>> {
    return this.entries.hotTopics(staff, query.year);
  }

  @Post('hot-topics')
  @ApiOperation({ summary: '登记一次回应社会关切（关联本局的一条信息或一个网址，二选一）' })
  createHotTopic(@CurrentStaff() staff: StaffPrincipal, @Body() dto: HotTopicDto, @Meta() meta: RequestMeta): Promise<HotTopicView> {
    return this.entries.createHotTopic(staff, dto, meta);
  }

  @Put('hot-topics/:id')
  @ApiOperation({ summary: '修改回应社会关切记录；version 与当前不符时返回 409' })
  updateHotTopic(@CurrentStaff() staff: StaffPrincipal, @Param('id', hotTopicId) id: number, @Body() dto: UpdateHotTopicDto, @Meta() meta: RequestMeta): Promise<HotTopicView> {
    return this.entries.updateHotTopic(staff, id, dto, meta);
  }

  @Delete('hot-topics/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除回应社会关切记录' })
  deleteHotTopic(@CurrentStaff() staff: StaffPrincipal, @Param('id', hotTopicId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.entries.remove(staff, 'hot_topic', id, meta);
  }

  // ---- 新闻发布会、政策吹风会 (briefings) ----

  @Get('briefings')
  @ApiOperation({ summary: '一年的新闻发布会、政策吹风会（日期新的在前）' })
  briefings(@CurrentStaff() staff: StaffPrincipal, @Query() query: ReportYearQueryDto): Promise<ReportRecordList<BriefingView>> {
    return this.entries.briefings(staff, query.year);
  }

  @Post('briefings')
  @ApiOperation({ summary: '登记一次新闻发布会或政策吹风会' })
  createBriefing(@CurrentStaff() staff: StaffPrincipal, @Body() dto: BriefingDto, @Meta() meta: RequestMeta): Promise<BriefingView> {
    return this.entries.createBriefing(staff, dto, meta);
  }

  @Put('briefings/:id')
  @ApiOperation({ summary: '修改发布会记录；version 与当前不符时返回 409' })
  updateBriefing(@CurrentStaff() staff: StaffPrincipal, @Param('id', briefingId) id: number, @Body() dto: UpdateBriefingDto, @Meta() meta: RequestMeta): Promise<BriefingView> {
    return this.entries.updateBriefing(staff, id, dto, meta);
  }

  @Delete('briefings/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除发布会记录' })
  deleteBriefing(@CurrentStaff() staff: StaffPrincipal, @Param('id', briefingId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.entries.remove(staff, 'briefing', id, meta);
  }

  // ---- 人大代表建议、政协提案 (proposals) ----

  @Get('proposals')
  @ApiOperation({ summary: '一年的人大代表建议和政协提案（最近登记的在前）' })
  proposals(@Query() query: ReportYearQueryDto): Promise<ReportRecordList<ProposalView>> {
    return this.entries.proposals(query.year);
  }

  @Post('proposals')
  @ApiOperation({ summary: '登记一件建议或提案；同一年份、类型和编号已有时返回 409 PROPOSAL_DUPLICATE' })
  createProposal(@CurrentStaff() staff: StaffPrincipal, @Body() dto: ProposalDto, @Meta() meta: RequestMeta): Promise<ProposalView> {
    return this.entries.createProposal(staff, dto, meta);
  }

  @Put('proposals/:id')
  @ApiOperation({ summary: '修改建议提案（如登记答复日期和满意度）；version 与当前不符时返回 409' })
  updateProposal(@CurrentStaff() staff: StaffPrincipal, @Param('id', proposalId) id: number, @Body() dto: UpdateProposalDto, @Meta() meta: RequestMeta): Promise<ProposalView> {
    return this.entries.updateProposal(staff, id, dto, meta);
  }

  @Delete('proposals/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除建议提案记录' })
  deleteProposal(@CurrentStaff() staff: StaffPrincipal, @Param('id', proposalId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.entries.remove(staff, 'proposal', id, meta);
  }

  // ---- 其他系统的年度数字 (table 二) ----

  @Get('figures')
  @ApiOperation({ summary: '一年的行政许可、行政处罚、行政强制数量和行政事业性收费金额，及各由谁填写' })
  yearlyFigures(@Query() query: ReportYearQueryDto): Promise<YearlyFiguresView> {
    return this.figures.view(query.year);
  }

  @Put('figures/:year')
  @ApiOperation({ summary: '填写或更正一年的数字（未列出的保持不变）；version 与当前不符时返回 409' })
  enterFigures(@CurrentStaff() staff: StaffPrincipal, @Param('year') year: string, @Body() dto: YearlyFiguresDto, @Meta() meta: RequestMeta): Promise<YearlyFiguresView> {
    return this.figures.enter(staff, year, dto, meta);
  }

  // ---- 规范性文件 (the register over catalog's notices) ----

  @Get('normative')
  @ApiOperation({ summary: '规范性文件登记簿：截至该年年底已印发的规范性文件，及表二的制发、废止、现行有效件数' })
  register(@Query() query: ReportYearQueryDto): Promise<NormativeRegister> {
    return this.normative.register(reportYear(query.year, this.clock.now()));
  }

  @Put('normative/:noticeId')
  @ApiOperation({ summary: '登记规范性文件的废止日期（null 撤销）：须为已发布的规范性文件，不早于印发日期、不晚于今天' })
  markRepeal(@CurrentStaff() staff: StaffPrincipal, @Param('noticeId', noticeId) id: number, @Body() dto: NormativeRepealDto, @Meta() meta: RequestMeta): Promise<NormativeItem> {
    return this.normative.markRepeal(staff, id, dto.repealedOn, meta);
  }
}
