import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, StaffNoticeView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { NoticeDraftDto, NoticeUpdateDto, StaffNoticeQueryDto } from './dto/notice-draft.dto';
import { StaffNoticesService } from './staff-notices.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

@ApiTags('工作人员：信息撰写')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices')
export class StaffNoticesController {
  constructor(private readonly notices: StaffNoticesService) {}

  @Post()
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '新建草稿' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: NoticeDraftDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.notices.create(staff, dto, meta);
  }

  @Get()
  @ApiOperation({ summary: '本单位的信息（保密审查员、分管领导、信息发布中心和管理员可见全部单位）' })
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: StaffNoticeQueryDto): Promise<Page<StaffNoticeView>> {
    return this.notices.list(staff, query);
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<StaffNoticeView> {
    return this.notices.view(staff, id);
  }

  @Patch(':id')
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '修改草稿（仅作者或管理员，且未进入审核）' })
  update(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', noticeId) id: number,
    @Body() dto: NoticeUpdateDto,
    @Meta() meta: RequestMeta,
  ): Promise<StaffNoticeView> {
    return this.notices.update(staff, id, dto, meta);
  }

  /** The same partial edit as PATCH, for the mini-program: WeChat's wx.request has no PATCH. */
  @Put(':id')
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '修改草稿（同 PATCH，供小程序使用）' })
  updateByPut(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', noticeId) id: number,
    @Body() dto: NoticeUpdateDto,
    @Meta() meta: RequestMeta,
  ): Promise<StaffNoticeView> {
    return this.update(staff, id, dto, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '删除草稿' })
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.notices.remove(staff, id, meta);
  }
}
