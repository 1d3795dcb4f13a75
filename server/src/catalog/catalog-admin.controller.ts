import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffCategoryView, TopicView, UnitView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { CatalogAdminService } from './catalog-admin.service';
import { CategoryUpdateDto, TopicCreateDto, TopicUpdateDto, UnitCreateDto, UnitUpdateDto } from './dto/catalog-admin.dto';

@ApiTags('管理员：公开目录')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('catalog.admin')
@Controller('staff')
export class CatalogAdminController {
  constructor(private readonly admin: CatalogAdminService) {}

  @Get('categories')
  @ApiOperation({ summary: '全部分类（自动推送设置见 /staff/push/auto-push）' })
  listCategories(): Promise<StaffCategoryView[]> {
    return this.admin.listCategories();
  }

  @Patch('categories/:code')
  @ApiOperation({ summary: '修改分类：名称、说明、排序（审计）' })
  updateCategory(@CurrentStaff() s: StaffPrincipal, @Param('code') code: string, @Body() dto: CategoryUpdateDto, @Meta() meta: RequestMeta): Promise<StaffCategoryView> {
    return this.admin.updateCategory(s, code, dto, meta);
  }

  @Post('topics')
  createTopic(@CurrentStaff() s: StaffPrincipal, @Body() dto: TopicCreateDto, @Meta() meta: RequestMeta): Promise<TopicView> {
    return this.admin.createTopic(s, dto, meta);
  }

  @Patch('topics/:code')
  updateTopic(@CurrentStaff() s: StaffPrincipal, @Param('code') code: string, @Body() dto: TopicUpdateDto, @Meta() meta: RequestMeta): Promise<TopicView> {
    return this.admin.updateTopic(s, code, dto, meta);
  }

  @Post('units')
  createUnit(@CurrentStaff() s: StaffPrincipal, @Body() dto: UnitCreateDto, @Meta() meta: RequestMeta): Promise<UnitView> {
    return this.admin.createUnit(s, dto, meta);
  }

  @Patch('units/:code')
  updateUnit(@CurrentStaff() s: StaffPrincipal, @Param('code') code: string, @Body() dto: UnitUpdateDto, @Meta() meta: RequestMeta): Promise<UnitView> {
    return this.admin.updateUnit(s, code, dto, meta);
  }
}
