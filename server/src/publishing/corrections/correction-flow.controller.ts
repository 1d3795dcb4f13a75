import { Body, Controller, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffCorrectionView } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { CorrectionReviewDto, CorrectionStepDto } from './correction-flow.dto';
import { CorrectionFlowService } from './correction-flow.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

/** Who may act is decided per step by the correction flow (REVIEW_NOT_ALLOWED, OWN_NOTICE, FOUR_EYES), not by a route role. */
@ApiTags('工作人员：信息更正')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices/:id/correction')
export class CorrectionFlowController {
  constructor(private readonly flow: CorrectionFlowService) {}

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: '发起人提交更正审核（草稿或退回后），作为该信息新的一轮进入科室负责人审核' })
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionStepDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.flow.submit(staff, id, dto, meta);
  }

  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: '审核更正：通过或退回（科室负责人、保密审查员、分管领导，各在本环节）' })
  review(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionReviewDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.flow.review(staff, id, dto, meta);
  }

  @Post('registration')
  @HttpCode(200)
  @ApiOperation({ summary: '信息发布中心登记更正：立即替换已发布的内容（索引号与发布时间不变），公众可见更正说明' })
  registration(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionStepDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.flow.registration(staff, id, dto, meta);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '发起人取消更正（草稿或退回后）' })
  cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionStepDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.flow.cancel(staff, id, dto, meta);
  }
}
