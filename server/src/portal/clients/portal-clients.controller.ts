import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PortalClientCreated, PortalClientView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { PortalClientDto } from './portal-client.dto';
import { PortalClientsService } from './portal-clients.service';

const clientId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该门户密钥') });

@ApiTags('工作人员：门户同步')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('portal.manage')
@Controller('staff/portal/clients')
export class PortalClientsController {
  constructor(private readonly clients: PortalClientsService) {}

  @Get()
  @ApiOperation({ summary: '门户密钥列表（含已撤销的；不含密钥本身）' })
  list(): Promise<PortalClientView[]> {
    return this.clients.list();
  }

  @Post()
  @ApiOperation({ summary: '为门户创建密钥：密钥只在此次返回，服务器只保存其散列（审计）' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: PortalClientDto, @Meta() meta: RequestMeta): Promise<PortalClientCreated> {
    return this.clients.create(staff, dto, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '撤销门户密钥，立即失效（审计）' })
  revoke(@CurrentStaff() staff: StaffPrincipal, @Param('id', clientId) id: number, @Meta() meta: RequestMeta): Promise<void> {
    return this.clients.revoke(staff, id, meta);
  }
}
