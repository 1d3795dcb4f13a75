import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { StaffAccountView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { StaffAccountCreateDto, StaffAccountUpdateDto } from './dto/staff-account.dto';
import { StaffAccountsService } from './staff-accounts.service';

@ApiTags('管理员：工作人员账号')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('staff.admin')
@Controller('staff/accounts')
export class StaffAccountsController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Get()
  list(): Promise<StaffAccountView[]> {
    return this.accounts.list();
  }

  @Post()
  create(@CurrentStaff() admin: StaffPrincipal, @Body() dto: StaffAccountCreateDto, @Meta() meta: RequestMeta): Promise<StaffAccountView> {
    return this.accounts.create(admin, dto, meta);
  }

  @Patch(':id')
  update(
    @CurrentStaff() admin: StaffPrincipal,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该账号') })) id: number,
    @Body() dto: StaffAccountUpdateDto,
    @Meta() meta: RequestMeta,
  ): Promise<StaffAccountView> {
    return this.accounts.update(admin, id, dto, meta);
  }
}
