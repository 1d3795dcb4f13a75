import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NoticePortalSync, Page, PortalDeliveryView, PortalEndpointSaved, PortalEndpointView, PortalResendResult } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { PortalDeliveriesQueryDto, PortalEndpointDto, PortalEndpointUpdateDto, PortalResendDto } from './dto/portal-endpoint.dto';
import { PortalEndpointsService } from './portal-endpoints.service';

const endpointId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该推送端点') });
const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

@ApiTags('工作人员：门户同步')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('portal.manage')
@Controller('staff/portal/endpoints')
export class PortalEndpointsController {
  constructor(private readonly endpoints: PortalEndpointsService) {}

  @Get()
  @ApiOperation({ summary: '门户推送端点及各自已同步、待推送、推送失败的信息数（不含密钥）' })
  list(): Promise<PortalEndpointView[]> {
    return this.endpoints.list();
  }

  @Post()
  @ApiOperation({ summary: '登记推送端点：此后每次发布、更正、撤回都签名推送到该地址；新端点先补推全部已公开信息（审计）' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: PortalEndpointDto, @Meta() meta: RequestMeta): Promise<PortalEndpointSaved> {
    return this.endpoints.create(staff, dto, meta);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改名称、地址、分类、启用状态或密钥（审计）' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', endpointId) id: number, @Body() dto: PortalEndpointUpdateDto, @Meta() meta: RequestMeta): Promise<PortalEndpointSaved> {
    return this.endpoints.update(staff, id, dto, meta);
  }

  /** PUT = PATCH (wx.request has no PATCH). */
  @Put(':id')
  @ApiOperation({ summary: '同 PATCH（小程序的请求不支持 PATCH）' })
  updateByPut(@CurrentStaff() staff: StaffPrincipal, @Param('id', endpointId) id: number, @Body() dto: PortalEndpointUpdateDto, @Meta() meta: RequestMeta): Promise<PortalEndpointSaved> {
    return this.endpoints.update(staff, id, dto, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除推送端点及其推送记录（审计）' })
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', endpointId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.endpoints.remove(staff, id, meta);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: '各条信息在该端点的同步状态（最近一次变更），含最后一次错误；新的在前' })
  deliveries(@Param('id', endpointId) id: number, @Query() query: PortalDeliveriesQueryDto): Promise<Page<PortalDeliveryView>> {
    return this.endpoints.deliveries(id, query);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOperation({ summary: '重新推送：指定信息的最近一次变更，或（不指定）该端点全部推送失败的信息；重新计算重试次数和期限（审计）' })
  resend(@CurrentStaff() staff: StaffPrincipal, @Param('id', endpointId) id: number, @Body() dto: PortalResendDto, @Meta() meta: RequestMeta): Promise<PortalResendResult> {
    return this.endpoints.resend(staff, id, dto.noticeId, meta);
  }
}

@ApiTags('工作人员：门户同步')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('portal.manage')
@Controller('staff/notices')
export class NoticePortalSyncController {
  constructor(private readonly endpoints: PortalEndpointsService) {}

  @Get(':id/portal-sync')
  @ApiOperation({ summary: '一条信息在每个门户推送端点的同步状态' })
  noticeSync(@Param('id', noticeId) id: number): Promise<NoticePortalSync> {
    return this.endpoints.noticeSync(id);
  }
}
