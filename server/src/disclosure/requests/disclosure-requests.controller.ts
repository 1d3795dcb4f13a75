import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApplicantDisclosureListItem, ApplicantDisclosureView, DisclosureCreated, DisclosureLookupView, Page } from '@gongkai/shared';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../../common/auth/parent-auth.guard';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { RateLimited } from '../../common/rate-limit/rate-limiter';
import { notFound } from '../disclosure-steps.service';
import { ApplicantDisclosureSupplementDto, CreateDisclosureRequestDto, DisclosureLookupDto, DisclosureWithdrawDto } from '../dto/applicant.dto';
import { DisclosureApplicantService } from './disclosure-applicant.service';
import { DisclosureIntakeService } from './disclosure-intake.service';

const requestId = new ParseIntPipe({ exceptionFactory: () => notFound() });

@ApiTags('依申请公开')
@Controller('disclosure')
export class DisclosureIntakeController {
  constructor(
    private readonly intake: DisclosureIntakeService,
    private readonly applicant: DisclosureApplicantService,
  ) {}

  @Post('requests')
  @ApiBearerAuth()
  @UseGuards(ParentAuthGuard)
  @ApiOperation({ summary: '在线提交政府信息公开申请（须已同意个人信息保护政策；每天最多 10 件）；查询码只显示这一次' })
  create(@CurrentParent() parent: ParentPrincipal, @Body() dto: CreateDisclosureRequestDto): Promise<DisclosureCreated> {
    return this.intake.create(parent, dto);
  }

  @Post('lookup')
  @HttpCode(200)
  @RateLimited('disclosureLookup')
  @ApiOperation({ summary: '凭申请编号和查询码查询办理情况（无需登录；同一地址限频）；答复中的 lookupToken 用于打开答复书和收费通知' })
  lookup(@Body() dto: DisclosureLookupDto): Promise<DisclosureLookupView> {
    return this.applicant.lookup(dto);
  }
}

@ApiTags('依申请公开')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me/disclosure-requests')
export class ParentDisclosureController {
  constructor(private readonly applicant: DisclosureApplicantService) {}

  @Get()
  @ApiOperation({ summary: '我的政府信息公开申请（最新的在前）' })
  list(@CurrentParent() parent: ParentPrincipal, @Query() query: PageQueryDto): Promise<Page<ApplicantDisclosureListItem>> {
    return this.applicant.list(parent, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '我的一件申请及其办理过程' })
  view(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number): Promise<ApplicantDisclosureView> {
    return this.applicant.view(parent, id);
  }

  @Post(':id/supplement')
  @HttpCode(200)
  @ApiOperation({ summary: '按补正告知提交补正内容（答复期限自提交之日起重新计算）' })
  supply(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number, @Body() dto: ApplicantDisclosureSupplementDto): Promise<ApplicantDisclosureView> {
    return this.applicant.supply(parent, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回申请（答复前；按“其他处理”办结）' })
  withdraw(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number, @Body() dto: DisclosureWithdrawDto): Promise<ApplicantDisclosureView> {
    return this.applicant.withdraw(parent, id, dto);
  }
}
