import { Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PushQuotasResponse, PushSubscriptionsBody, PushTemplatesResponse } from '@gongkai/shared';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../common/auth/parent-auth.guard';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { PushSubscriptionsDto, SubscribeResultsDto } from './dto/push.dto';
import { PushTemplates } from './push-templates';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('家长：订阅')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get('subscriptions')
  @ApiOperation({ summary: '我订阅的公开目录、专题和单位' })
  list(@CurrentParent() parent: ParentPrincipal): Promise<PushSubscriptionsBody> {
    return this.subscriptions.list(parent);
  }

  @Put('subscriptions')
  @ApiOperation({ summary: '替换我的订阅（整组）' })
  replace(@CurrentParent() parent: ParentPrincipal, @Body() dto: PushSubscriptionsDto, @Meta() meta: RequestMeta): Promise<PushSubscriptionsBody> {
    return this.subscriptions.replace(parent, dto, meta.channel ?? 'api');
  }

  @Post('subscribe-results')
  @HttpCode(200)
  @ApiOperation({ summary: '记录 requestSubscribeMessage 的结果：每个 accept 可多收一条该模板的消息' })
  results(@CurrentParent() parent: ParentPrincipal, @Body() dto: SubscribeResultsDto, @Meta() meta: RequestMeta): Promise<PushQuotasResponse> {
    return this.subscriptions.recordResults(parent, dto.results, meta.channel ?? 'api');
  }

  @Get('quotas')
  @ApiOperation({ summary: '各订阅消息模板剩余可收条数' })
  quotas(@CurrentParent() parent: ParentPrincipal): Promise<PushQuotasResponse> {
    return this.subscriptions.quotas(parent);
  }
}

@ApiTags('推送')
@Controller('push')
export class PushTemplatesController {
  constructor(private readonly templates: PushTemplates) {}

  @Get('templates')
  @ApiOperation({ summary: '已配置的订阅消息和模板消息（小程序据此调用 requestSubscribeMessage）' })
  list(): PushTemplatesResponse {
    return this.templates.list();
  }
}
