import { Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { StaffOaBindingView } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { StaffOaBindings } from './staff-oa-bindings.service';

@ApiTags('工作人员：公众号提醒')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/me/oa-binding')
export class StaffOaBindingController {
  constructor(private readonly bindings: StaffOaBindings) {}

  @Get()
  view(@CurrentStaff() s: StaffPrincipal): Promise<StaffOaBindingView> {
    return this.bindings.view(s.id);
  }

  @Post()
  @HttpCode(200)
  newCode(@CurrentStaff() s: StaffPrincipal): Promise<StaffOaBindingView> {
    return this.bindings.newCode(s);
  }

  @Delete()
  unbind(@CurrentStaff() s: StaffPrincipal, @Meta() meta: RequestMeta): Promise<StaffOaBindingView> {
    return this.bindings.unbind(s, meta);
  }
}
