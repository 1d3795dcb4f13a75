import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InquiryAlerts, InquiryPhotoUpload, InquiryStats, Page, ParentInquiryListItem, ParentInquiryView, QaItem, StaffInquiryListItem, StaffInquiryView } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../common/auth/parent-auth.guard';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { PageQueryDto } from '../common/paging/page-query.dto';
import {
  CreateInquiryDto,
  InquiryNoteDto,
  InquiryStatsQueryDto,
  InquiryVersionDto,
  PublishQaDto,
  QaQueryDto,
  RateInquiryDto,
  RejectInquiryDto,
  ReopenInquiryDto,
  ReplyInquiryDto,
  ReviewReplyDto,
  StaffInquiryQueryDto,
  TransferInquiryDto,
} from './dto/inquiry.dto';
import { InquiryHandlingService } from './inquiry-handling.service';
import { InquiryIntakeService } from './inquiry-intake.service';
import { ParentInquiriesService } from './inquiry-parent.service';
import { InquiryPhotosService } from './inquiry-photos.service';
import { InquiryQaService } from './inquiry-qa.service';
import { InquiryStatsService } from './inquiry-stats.service';

const inquiryId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该事项') });
const qaId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该问答') });

@ApiTags('家长：咨询投诉')
@Controller('inquiries')
export class InquiryIntakeController {
  constructor(
    private readonly intake: InquiryIntakeService,
    private readonly photos: InquiryPhotosService,
  ) {}

  @Post('photos')
  @ApiBearerAuth()
  @UseGuards(ParentAuthGuard)
  @ApiOperation({ summary: '上传一张照片（multipart 字段 file；JPEG/PNG/GIF/WebP，按内容识别，≤ 5 MB）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  upload(@CurrentParent() parent: ParentPrincipal, @Req() request: FastifyRequest): Promise<InquiryPhotoUpload> {
    return this.photos.upload(parent, request);
  }

  @Get('photos/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: '查看照片（上传的家长本人，或可查看该事项的工作人员）' })
  async photo(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Meta() meta: RequestMeta): Promise<void> {
    await this.photos.send(request, reply.header('x-content-type-options', 'nosniff'), id, meta);
  }

  @Post()
  @ApiBearerAuth()
  @UseGuards(ParentAuthGuard)
  @ApiOperation({ summary: '提交咨询、投诉、建议或反馈（经内容安全检测；每天最多 10 条）' })
  create(@CurrentParent() parent: ParentPrincipal, @Body() dto: CreateInquiryDto, @Meta() meta: RequestMeta): Promise<ParentInquiryView> {
    return this.intake.create(parent, dto, meta);
  }
}

@ApiTags('家长：咨询投诉')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me/inquiries')
export class ParentInquiriesController {
  constructor(private readonly inquiries: ParentInquiriesService) {}

  @Get()
  @ApiOperation({ summary: '我提交的事项（最新的在前）' })
  list(@CurrentParent() parent: ParentPrincipal, @Query() query: PageQueryDto): Promise<Page<ParentInquiryListItem>> {
    return this.inquiries.list(parent, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '我的一个事项及其办理过程' })
  view(@CurrentParent() parent: ParentPrincipal, @Param('id', inquiryId) id: number): Promise<ParentInquiryView> {
    return this.inquiries.view(parent, id);
  }

  @Post(':id/rating')
  @HttpCode(200)
  @ApiOperation({ summary: '评价答复（满意、基本满意、不满意），事项办结' })
  rate(@CurrentParent() parent: ParentPrincipal, @Param('id', inquiryId) id: number, @Body() dto: RateInquiryDto): Promise<ParentInquiryView> {
    return this.inquiries.rate(parent, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: '评价不满意后申请重新办理（限一次，重新计算期限）' })
  reopen(@CurrentParent() parent: ParentPrincipal, @Param('id', inquiryId) id: number, @Body() dto: ReopenInquiryDto): Promise<ParentInquiryView> {
    return this.inquiries.reopen(parent, id, dto);
  }
}

@ApiTags('工作人员：咨询投诉')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('inquiry.handle')
@Controller('staff/inquiries')
export class StaffInquiriesController {
  constructor(
    private readonly inquiries: InquiryHandlingService,
    private readonly figures: InquiryStatsService,
    private readonly qa: InquiryQaService,
  ) {}

  @Get()
  @RequirePermission('inquiry.handle', 'inquiry.reviewReply')
  @ApiOperation({ summary: '本单位的事项（未办结的：已超期的在前，再按剩余时间）；scope=reply_review：待我审核的投诉答复（分管领导只能用这一项）' })
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: StaffInquiryQueryDto): Promise<Page<StaffInquiryListItem>> {
    return this.inquiries.list(staff, query);
  }

  @Get('alerts')
  @ApiOperation({ summary: '工作台提醒：本单位已超期、即将到期的事项，待审核、答复待审核、期限待确认的数量' })
  alerts(@CurrentStaff() staff: StaffPrincipal): Promise<InquiryAlerts> {
    return this.figures.alerts(staff);
  }

  @Get('stats')
  @ApiOperation({ summary: '统计：按收到日期（上海时间，含首尾），本单位（系统管理员为全部）' })
  stats(@CurrentStaff() staff: StaffPrincipal, @Query() query: InquiryStatsQueryDto): Promise<InquiryStats> {
    return this.figures.stats(staff, query.from, query.to);
  }

  @Get(':id')
  @RequirePermission('inquiry.handle', 'inquiry.reviewReply')
  @ApiOperation({ summary: '事项详情、办理记录和内部备注（分管领导：送交领导审核答复的投诉）' })
  view(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.view(staff, id, meta);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: '内容审核放行（待审核 → 已提交）' })
  release(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: InquiryVersionDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.release(staff, id, dto.version, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理（待审核的事项，须说明理由）' })
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: RejectInquiryDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.reject(staff, id, dto, meta);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '受理（受理人成为办理人）' })
  accept(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: InquiryVersionDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.accept(staff, id, dto.version, meta);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: '转办至其他单位（须说明理由）' })
  transfer(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: TransferInquiryDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.transfer(staff, id, dto, meta);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: '答复（投诉的答复须经科室负责人审核后才送达）' })
  reply(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: ReplyInquiryDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.reply(staff, id, dto, meta);
  }

  @Post(':id/reply-review')
  @HttpCode(200)
  @RequirePermission('inquiry.handle', 'inquiry.reviewReply')
  @ApiOperation({ summary: '审核投诉的答复：通过（送达家长）或退回修改；撰写人不能审核自己的答复，本单位没有其他负责人时由分管领导审核' })
  reviewReply(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: ReviewReplyDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.reviewReply(staff, id, dto, meta);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: '内部备注（家长看不到）' })
  note(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: InquiryNoteDto, @Meta() meta: RequestMeta): Promise<StaffInquiryView> {
    return this.inquiries.note(staff, id, dto, meta);
  }

  @Post(':id/publish-qa')
  @ApiOperation({ summary: '匿名发布为公开问答（须家长同意，且已答复或已办结）' })
  publishQa(@CurrentStaff() staff: StaffPrincipal, @Param('id', inquiryId) id: number, @Body() dto: PublishQaDto, @Meta() meta: RequestMeta): Promise<QaItem> {
    return this.qa.publish(staff, id, dto, meta);
  }
}

@ApiTags('公开问答')
@Controller('qa')
export class QaController {
  constructor(private readonly qa: InquiryQaService) {}

  @Get()
  @ApiOperation({ summary: '公开问答（最新的在前；q 搜索问题和答复）' })
  list(@Query() query: QaQueryDto): Promise<Page<QaItem>> {
    return this.qa.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '一条公开问答' })
  view(@Param('id', qaId) id: number): Promise<QaItem> {
    return this.qa.find(id);
  }
}

