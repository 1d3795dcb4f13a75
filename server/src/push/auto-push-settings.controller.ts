import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AutoPushCategoryView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { AutoPushSettingsService } from './auto-push-settings.service';
import { AutoPushUpdateDto } from './dto/push.dto';

@ApiTags('管理员：自动推送')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('catalog.admin')
@Controller('staff/push/auto-push')
export class AutoPushSettingsController {
  constructor(private readonly settings: AutoPushSettingsService) {}

  @Get()
  @ApiOperation({ summary: '全部分类及其自动推送设置' })
  list(): Promise<AutoPushCategoryView[]> {
    return this.settings.list();
  }

  @Put(':categoryCode')
  @ApiOperation({ summary: '设置分类的自动推送（按推送模板校验；null 关闭）（审计）' })
  update(@CurrentStaff() s: StaffPrincipal, @Param('categoryCode') code: string, @Body() dto: AutoPushUpdateDto, @Meta() meta: RequestMeta): Promise<AutoPushCategoryView> {
    return this.settings.update(s, code, dto.autoPush, meta);
  }
}
