import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Page, PushCampaignView, PushDeliveryView, PushPreviewResponse } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { CreatePushDto } from './dto/push.dto';
import { PushCampaignsService } from './push-campaigns.service';
import { PushWorker } from './push-worker';

const campaignId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该推送') });

@ApiTags('工作人员：推送')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('push.campaign')
@Controller('staff/pushes')
export class PushCampaignsController {
  constructor(
    private readonly campaigns: PushCampaignsService,
    private readonly worker: PushWorker,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: '预览每个渠道将发送的内容（已按模板字段规则截取），不保存' })
  preview(@Body() dto: CreatePushDto): Promise<PushPreviewResponse> {
    return this.campaigns.preview(dto);
  }

  @Post()
  @ApiOperation({ summary: '推送一条已发布的主动公开信息：生成每位接收人、每个渠道一条发送记录（审计）' })
  async create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: CreatePushDto, @Meta() meta: RequestMeta): Promise<PushCampaignView> {
    const view = await this.campaigns.create(staff, dto, meta);
    this.worker.poke();
    return view;
  }

  @Get(':id')
  @ApiOperation({ summary: '推送进度与结果：按状态、失败原因、跳过原因统计' })
  report(@Param('id', campaignId) id: number): Promise<PushCampaignView> {
    return this.campaigns.report(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: '每位接收人的发送状态（openid 已打码）' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  deliveries(@Param('id', campaignId) id: number, @Query('status') status?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<Page<PushDeliveryView>> {
    const n = limit === undefined ? undefined : Number(limit);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 200)) throw ApiError.field('limit', 'limit 须为 1–200 的整数');
    return this.campaigns.deliveries(id, { status, cursor, limit: n });
  }

  @Get(':id/dry-run')
  @ApiOperation({ summary: '演示（未配置微信凭据）时记录的每条请求内容，代替实际发送' })
  dryRun(@Param('id', campaignId) id: number): ReturnType<PushCampaignsService['dryRun']> {
    return this.campaigns.dryRun(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消推送：尚未发送的改为已取消，已发送的不变（审计）' })
  cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', campaignId) id: number, @Meta() meta: RequestMeta): Promise<PushCampaignView> {
    return this.campaigns.cancel(staff, id, meta);
  }
}
