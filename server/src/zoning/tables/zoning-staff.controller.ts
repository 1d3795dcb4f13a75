import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseGuards, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZONING_LIMITS, type Page, type ZoningDiff, type ZoningImportResult, type ZoningRuleStaffView, type ZoningTableView, type ZoningYearView } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { ZoningAttachDto, ZoningCompareQueryDto, ZoningDiffQueryDto, ZoningRuleDeleteQueryDto, ZoningRuleDto, ZoningRulesQueryDto, ZoningTableDeleteQueryDto } from './dto/zoning-staff.dto';
import { ZoningEditsService } from './zoning-edits.service';
import { ZoningFilesService } from './zoning-files.service';
import { TABLE_NOT_FOUND, ZoningTablesService } from './zoning-tables.service';

/** A path id: a positive INT, else 404 as if absent (never a 500 for 1e30 or “abc”). */
const idOf = (notFound: () => ApiError): PipeTransform<string, number> => ({
  transform: (value) => {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= 2_147_483_647)) throw notFound();
    return id;
  },
});
const tableId = idOf(TABLE_NOT_FOUND);
const ruleId = idOf(() => ApiError.notFound('未找到该条划片规则，可能已被删除'));
/** A path year: digits only (the service checks the range). */
const yearOf: PipeTransform<string, number> = {
  transform: (value) => {
    if (!/^\d{1,6}$/.test(value)) throw ApiError.field('year', '招生年度须为四位年份，如 2026');
    return Number(value);
  },
};

@ApiTags('工作人员：学区划片')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('zoning.manage')
@Controller('staff/zoning')
export class ZoningStaffController {
  constructor(
    private readonly tables: ZoningTablesService,
    private readonly edits: ZoningEditsService,
    private readonly files: ZoningFilesService,
  ) {}

  @Get('template.xlsx')
  @ApiOperation({ summary: '下载划片表模板（XLSX：学区划分、学校信息、地名别称、说明）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  template(@Res() reply: FastifyReply): Promise<void> {
    return this.files.template(reply);
  }

  @Get('years')
  @ApiOperation({ summary: '各招生年度及其划片表（含状态：草稿、已关联通知、审核中、已发布、已被替换、已撤回）' })
  years(): Promise<ZoningYearView[]> {
    return this.tables.years();
  }

  @Post('years/:year/import')
  @ApiOperation({
    summary: '导入一个年度的划片表（multipart：file 为 XLSX 或 CSV；CSV 的学校信息可另附 schools）',
    description:
      `文件不超过 ${ZONING_LIMITS.fileBytes / 1024 / 1024} MB（超过 413 PAYLOAD_TOO_LARGE）。逐行检查，有任何问题时 422 ZONING_IMPORT_INVALID，` +
      'details 逐项给出工作表（sheet）、行号（row，Excel 行号，1 为表头）、列（column）和问题，且不导入任何内容。成功时存为该年度的草稿（替换该年度未关联通知的旧草稿），' +
      '返回与上一年度生效划片表相比的变化。',
  })
  @ApiParam({ name: 'year', description: '招生年度，如 2026' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, schools: { type: 'string', format: 'binary' } }, required: ['file'] } })
  import(@CurrentStaff() staff: StaffPrincipal, @Param('year', yearOf) year: number, @Req() request: FastifyRequest, @Meta() meta: RequestMeta): Promise<ZoningImportResult> {
    return this.tables.importUpload(staff, year, request, meta);
  }

  @Get('compare')
  @ApiOperation({ summary: '比较两个年度生效的划片表（学校增减、地址改划）；年度未公布时 404 ZONING_YEAR_NOT_PUBLISHED' })
  compare(@Query() query: ZoningCompareQueryDto): Promise<ZoningDiff> {
    return this.tables.compare(query.from, query.to);
  }

  @Get('tables/:id')
  get(@Param('id', tableId) id: number): Promise<ZoningTableView> {
    return this.tables.view(id);
  }

  @Delete('tables/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除草稿划片表（未关联通知时）' })
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', tableId) id: number, @Query() query: ZoningTableDeleteQueryDto, @Meta() meta: RequestMeta): Promise<void> {
    return this.edits.deleteTable(staff, id, query.tableVersion, meta);
  }

  @Get('tables/:id/diff')
  @ApiOperation({ summary: '该表与另一张表（against）或上一年度生效的表相比的变化' })
  diff(@Param('id', tableId) id: number, @Query() query: ZoningDiffQueryDto): Promise<ZoningDiff> {
    return this.tables.diff(id, query.against);
  }

  @Get('tables/:id/rules')
  @ApiOperation({ summary: '划片表的规则（分页；q 按镇街、社区村、小区道路筛选）' })
  rules(@Param('id', tableId) id: number, @Query() query: ZoningRulesQueryDto): Promise<Page<ZoningRuleStaffView>> {
    return this.tables.rules(id, query);
  }

  @Get('tables/:id/export.xlsx')
  @ApiOperation({ summary: '导出划片表（XLSX，与模板格式相同，可再次导入）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  export(@Param('id', tableId) id: number, @Res() reply: FastifyReply): Promise<void> {
    return this.files.export(id, reply);
  }

  @Post('tables/:id/rules')
  @ApiOperation({ summary: '新增一条规则（仅草稿或已关联但未送审的表；已关联时通知附件随之更新）' })
  addRule(@CurrentStaff() staff: StaffPrincipal, @Param('id', tableId) id: number, @Body() dto: ZoningRuleDto, @Meta() meta: RequestMeta): Promise<ZoningRuleStaffView> {
    return this.edits.addRule(staff, id, dto, meta);
  }

  @Post('tables/:id/attach')
  @HttpCode(200)
  @ApiOperation({
    summary: '把划片表关联到划片通知（本人可编辑的“义务教育划片”专题草稿）',
    description: '生成“{年度}年义务教育学校划片范围.xlsx”作为通知附件（替换此前关联的表）；通知随后按审核链送审，发布后该表生效。表已送审或已发布时 409 ZONING_TABLE_LOCKED。',
  })
  attach(@CurrentStaff() staff: StaffPrincipal, @Param('id', tableId) id: number, @Body() dto: ZoningAttachDto, @Meta() meta: RequestMeta): Promise<ZoningTableView> {
    return this.edits.attach(staff, id, dto, meta);
  }

  @Patch('rules/:id')
  @ApiOperation({ summary: '更正一条规则（仅草稿或已关联但未送审的表；已送审或已发布时 409 ZONING_TABLE_LOCKED）' })
  updateRule(@CurrentStaff() staff: StaffPrincipal, @Param('id', ruleId) id: number, @Body() dto: ZoningRuleDto, @Meta() meta: RequestMeta): Promise<ZoningRuleStaffView> {
    return this.edits.updateRule(staff, id, dto, meta);
  }

  /** The same correction as PATCH, for the mini-program: WeChat's wx.request has no PATCH. */
  @Put('rules/:id')
  @ApiOperation({ summary: '更正一条规则（同 PATCH，供小程序使用）' })
  updateRuleByPut(@CurrentStaff() staff: StaffPrincipal, @Param('id', ruleId) id: number, @Body() dto: ZoningRuleDto, @Meta() meta: RequestMeta): Promise<ZoningRuleStaffView> {
    return this.edits.updateRule(staff, id, dto, meta);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除一条规则（tableVersion 为乐观锁）' })
  deleteRule(@CurrentStaff() staff: StaffPrincipal, @Param('id', ruleId) id: number, @Query() query: ZoningRuleDeleteQueryDto, @Meta() meta: RequestMeta): Promise<void> {
    return this.edits.deleteRule(staff, id, query.tableVersion, meta);
  }
}
