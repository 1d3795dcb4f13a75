import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FEE_MAX_COUNT, FEE_MAX_PRIOR_PIECES, type DisclosureFeeView, type FeeQuote, type PayStart } from '@gongkai/shared';
import type { FastifyReply } from 'fastify';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../../common/auth/parent-auth.guard';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { validateQuery } from '../../common/errors/validation.pipe';
import { notFound } from '../disclosure-steps.service';
import { CancelDisclosureFeeDto, ChargeDisclosureFeeDto, FeeQuoteQueryDto, RefundDisclosureFeeDto } from '../dto/fee.dto';
import { DisclosureFeeNotices } from './disclosure-fee-notices.service';
import { DisclosureFeesService } from './disclosure-fees.service';

/** A path id: a positive INT, else 404 as if absent (never a 500 for 1e30 or “abc”). */
const requestId: PipeTransform<string, number> = {
  transform: (value) => {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= 2_147_483_647)) throw notFound();
    return id;
  },
};

function sendHtml(reply: FastifyReply, html: string): void {
  void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8').send(html);
}

@ApiTags('依申请公开：信息处理费')
@Controller('disclosure')
export class DisclosureFeePublicController {
  constructor(
    private readonly fees: DisclosureFeesService,
    private readonly notices: DisclosureFeeNotices,
  ) {}

  @Get('fee')
  @ApiOperation({
    summary: '信息处理费计算器（无需登录）：按件（同一申请人本自然月累计件数）或按量（本申请页数），超额累进',
    description: '参数有误（缺少、非整数、负数、0 件、超过上限，或按量时提供 priorPiecesThisMonth）时 400 DISCLOSURE_FEE_INVALID。',
  })
  @ApiQuery({ name: 'method', enum: ['piece', 'volume'], description: 'piece：按件计收；volume：按量计收' })
  @ApiQuery({ name: 'count', type: Number, description: `按件：本申请的件数；按量：页数（1–${FEE_MAX_COUNT}）` })
  @ApiQuery({ name: 'priorPiecesThisMonth', type: Number, required: false, description: `按件：同一申请人本自然月此前已申请的件数（0–${FEE_MAX_PRIOR_PIECES}，默认 0）；按量时不得提供` })
  async quote(@Query() raw: Record<string, unknown>): Promise<FeeQuote> {
    let query: FeeQuoteQueryDto;
    try {
      query = await validateQuery(FeeQuoteQueryDto, raw);
    } catch (error) {
      if (error instanceof ApiError) throw new ApiError(400, 'DISCLOSURE_FEE_INVALID', error.details?.[0]?.message ?? '计算参数有误', error.details);
      throw error;
    }
    if (query.method === 'volume' && query.priorPiecesThisMonth !== undefined) {
      const message = '按量计收按本申请的页数计算，不需要 priorPiecesThisMonth（本月已申请件数只用于按件计收）';
      throw new ApiError(400, 'DISCLOSURE_FEE_INVALID', message, [{ field: 'priorPiecesThisMonth', message }]);
    }
    return this.fees.quote(query);
  }

  @Get('lookup/:token/fee-notice')
  @ApiOperation({ summary: '收费通知书（HTML），凭查询后取得的链接（30 分钟内有效）' })
  @ApiProduces('text/html')
  async lookupNotice(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendHtml(reply, await this.notices.forLookup(token));
  }
}

@ApiTags('依申请公开：信息处理费')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me/disclosure-requests')
export class ParentDisclosureFeeController {
  constructor(
    private readonly fees: DisclosureFeesService,
    private readonly notices: DisclosureFeeNotices,
  ) {}

  @Post(':id/pay')
  @HttpCode(200)
  @ApiOperation({ summary: '缴纳信息处理费：微信支付（JSAPI 参数，交小程序 Taro.requestPayment）；演示环境为标明的模拟支付（立即到账）' })
  pay(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number): Promise<PayStart> {
    return this.fees.pay(parent, id);
  }

  @Get(':id/fee-notice')
  @ApiOperation({ summary: '我的申请的收费通知书（HTML）' })
  @ApiProduces('text/html')
  async notice(@CurrentParent() parent: ParentPrincipal, @Param('id', requestId) id: number, @Res() reply: FastifyReply): Promise<void> {
    sendHtml(reply, await this.notices.forParent(parent, id));
  }
}

@ApiTags('工作人员：依申请公开')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('disclosure.handle')
@Controller('staff/disclosure/requests')
export class StaffDisclosureFeeController {
  constructor(
    private readonly fees: DisclosureFeesService,
    private readonly notices: DisclosureFeeNotices,
  ) {}

  @Post(':id/fee')
  @HttpCode(200)
  @ApiOperation({
    summary: '发出收费通知（办理中的申请；按件或按量，二者选一）：缴费期限为收到通知次日起 20 个工作日；自发出通知至缴费之日不计入答复期限',
    description: '按件计收的“本月此前件数”按申请人证件号码（或统一社会信用代码）的加密散列匹配同一申请人本自然月先收到的申请。应缴金额为 0 时 409（无需发出收费通知）。',
  })
  charge(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ChargeDisclosureFeeDto, @Meta() meta: RequestMeta): Promise<DisclosureFeeView> {
    return this.fees.charge(staff, id, dto, meta);
  }

  @Post(':id/fee/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销收费通知（缴费前；须说明理由），答复期限恢复计算' })
  cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: CancelDisclosureFeeDto, @Meta() meta: RequestMeta): Promise<DisclosureFeeView> {
    return this.fees.cancel(staff, id, dto, meta);
  }

  @Post(':id/fee/refund')
  @HttpCode(200)
  @RequirePermission('disclosure.approve')
  @ApiOperation({ summary: '退还已缴纳的信息处理费（政府信息公开办公室负责人；全部或部分，不超过已缴减已退）' })
  refund(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: RefundDisclosureFeeDto, @Meta() meta: RequestMeta): Promise<DisclosureFeeView> {
    return this.fees.refund(staff, id, dto, meta);
  }

  @Get(':id/fee-notice')
  @ApiOperation({ summary: '收费通知书（HTML）' })
  @ApiProduces('text/html')
  async notice(@Param('id', requestId) id: number, @Res() reply: FastifyReply): Promise<void> {
    sendHtml(reply, await this.notices.forStaff(id));
  }
}
