import { Body, Controller, Get, Param, ParseIntPipe, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PortalUrlView, SyncChangesPage } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { CurrentPortalClient, PortalKeyGuard } from '../clients/portal-key.guard';
import type { PortalCaller } from '../clients/portal-clients.service';
import { PortalUrlDto, SyncChangesQueryDto } from './sync.dto';
import { SyncService } from './sync.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound() });

/** The portal's side: `Authorization: Bearer <portal key>`. */
@ApiTags('门户同步')
@ApiBearerAuth('portal-key')
@UseGuards(PortalKeyGuard)
@Controller('sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Get('changes')
  @ApiOperation({ summary: '变更流：since 之后发布、更正（updated）、撤回的主动公开信息，全文；每条信息只在其最新位置出现一次；返回下次用的 cursor' })
  changes(@Query() query: SyncChangesQueryDto): Promise<SyncChangesPage> {
    return this.sync.changes(query);
  }

  @Put('notices/:id/portal-url')
  @ApiOperation({ summary: '门户告知其发布该信息的网址（公开页面的 canonical 随之改为此网址；不产生变更记录）；仅限已公开的信息（审计）' })
  portalUrl(@CurrentPortalClient() client: PortalCaller, @Param('id', noticeId) id: number, @Body() dto: PortalUrlDto, @Meta() meta: RequestMeta): Promise<PortalUrlView> {
    return this.sync.setPortalUrl(client, id, dto.url, meta);
  }
}
