import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DisclosureChallengeView, Page } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { DisclosureChallengeDto, DisclosureChallengeQueryDto, UpdateDisclosureChallengeDto } from '../dto/challenge.dto';
import { CHALLENGE_NOT_FOUND, DisclosureChallengesService } from './challenges.service';

const challengeId = new ParseIntPipe({ exceptionFactory: () => CHALLENGE_NOT_FOUND() });

@ApiTags('工作人员：依申请公开')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('disclosure.challenges')
@Controller('staff/disclosure/challenges')
export class DisclosureChallengesController {
  constructor(private readonly challenges: DisclosureChallengesService) {}

  @Get()
  @ApiOperation({ summary: '政府信息公开行政复议、行政诉讼记录（最新的在前；year：按立案日期的年份）' })
  list(@Query() query: DisclosureChallengeQueryDto): Promise<Page<DisclosureChallengeView>> {
    return this.challenges.list(query);
  }

  @Post()
  @ApiOperation({ summary: '登记一件行政复议或行政诉讼（涉及一个依申请公开申请或一条主动公开的信息）' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: DisclosureChallengeDto, @Meta() meta: RequestMeta): Promise<DisclosureChallengeView> {
    return this.challenges.create(staff, dto, meta);
  }

  @Put(':id')
  @ApiOperation({ summary: '修改记录（如登记结果和结案日期）；version 与当前不符时返回 409' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', challengeId) id: number, @Body() dto: UpdateDisclosureChallengeDto, @Meta() meta: RequestMeta): Promise<DisclosureChallengeView> {
    return this.challenges.update(staff, id, dto, meta);
  }
}
