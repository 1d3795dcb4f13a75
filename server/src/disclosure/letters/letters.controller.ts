import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DisclosureLetterView } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../../common/auth/parent-auth.guard';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NOT_FOUND_MESSAGE } from '../disclosure-steps.service';
import { DraftLetterDto, LetterVersionDto, ReturnLetterDto } from '../dto/letter.dto';
import { verifyLookupToken } from '../lookup-tokens';
import { DisclosureLettersService, LETTER_NOT_FOUND } from './disclosure-letters.service';

const requestId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound(NOT_FOUND_MESSAGE) });

@ApiTags('工作人员：依申请公开')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/disclosure/requests')
export class StaffDisclosureLettersController {
  constructor(private readonly letters: DisclosureLettersService) {}

  @Post(':id/letter')
  @HttpCode(200)
  @RequirePermission('disclosure.handle')
  @ApiOperation({ summary: '拟写答复书（按答复结果的模板；提交政府信息公开办公室负责人审批；部分公开须列出不予公开的内容及理由）' })
  draft(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: DraftLetterDto, @Meta() meta: RequestMeta): Promise<DisclosureLetterView> {
    return this.letters.draft(staff, id, dto, meta);
  }

  @Post(':id/letter/approve')
  @HttpCode(200)
  @RequirePermission('disclosure.approve')
  @ApiOperation({ summary: '审批答复书：编号（〔年〕号）、生成 HTML 和 PDF、送达申请人，申请办结；拟写人不能审批自己的答复书' })
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: LetterVersionDto, @Meta() meta: RequestMeta): Promise<DisclosureLetterView> {
    return this.letters.approve(staff, id, dto.version, meta);
  }

  @Post(':id/letter/return')
  @HttpCode(200)
  @RequirePermission('disclosure.approve')
  @ApiOperation({ summary: '退回答复书（须说明理由），申请回到办理中' })
  return(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ReturnLetterDto, @Meta() meta: RequestMeta): Promise<DisclosureLetterView> {
    return this.letters.return(staff, id, dto.version, dto.reason, meta);
  }

  @Get(':id/letter.html')
  @RequirePermission('disclosure.handle', 'disclosure.approve')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '答复书 HTML（已审批的为送达的文本；未审批的为草稿，无文号）' })
  async html(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Meta() meta: RequestMeta): Promise<void> {
    await this.letters.sendToStaff(staff, id, 'html', request, reply, meta);
  }

  @Get(':id/letter.pdf')
  @RequirePermission('disclosure.handle', 'disclosure.approve')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '答复书 PDF（嵌入中文字体；未审批的为草稿，无文号）' })
  async pdf(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Req() request: FastifyRequest, @Res() reply: FastifyReply, @Meta() meta: RequestMeta): Promise<void> {
    await this.letters.sendToStaff(staff, id, 'pdf', request, reply, meta);
  }
}

@ApiTags('申请人：依申请公开')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me/disclosure-requests')
export class ApplicantDisclosureLettersController {
  constructor(private readonly letters: DisclosureLettersService) {}

  @Get(':id/letter.html')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '我的申请的答复书 HTML（审批送达后）' })
  async html(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.letters.ownRequest(parent.id, id);
    await this.letters.sendToApplicant(id, 'html', request, reply);
  }

  @Get(':id/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '我的申请的答复书 PDF（审批送达后）' })
  async pdf(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.letters.ownRequest(parent.id, id);
    await this.letters.sendToApplicant(id, 'pdf', request, reply);
  }
}

@ApiTags('申请人：依申请公开')
@Controller('disclosure/lookup')
export class LookupDisclosureLettersController {
  constructor(
    private readonly letters: DisclosureLettersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':token/letter.html')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '凭查询令牌（按申请编号和查询码查询后取得，30 分钟有效）获取答复书 HTML' })
  async html(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.letters.sendToApplicant(this.requestOf(token), 'html', request, reply);
  }

  @Get(':token/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '凭查询令牌获取答复书 PDF' })
  async pdf(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.letters.sendToApplicant(this.requestOf(token), 'pdf', request, reply);
  }

  /** A forged, expired or malformed token answers like a missing letter. */
  private requestOf(token: string): number {
    const id = verifyLookupToken(this.config.auth.jwtSecret, token, this.clock.nowMs());
    if (id === null) throw LETTER_NOT_FOUND();
    return id;
  }
}
