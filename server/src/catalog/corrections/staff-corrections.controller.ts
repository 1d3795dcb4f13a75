import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffCorrectionView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { CorrectionStartDto, CorrectionUpdateDto } from './correction.dto';
import { StaffCorrectionsService } from './staff-corrections.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

/** The content of a correction (更正); its steps through the review chain are publishing's (CorrectionFlowController). */
@ApiTags('工作人员：信息更正')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices/:id')
export class StaffCorrectionsController {
  constructor(private readonly corrections: StaffCorrectionsService) {}

  @Post('corrections')
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '发起更正（已发布的信息；从已发布的内容开始，须填写更正说明；同一信息同时只能有一个进行中的更正）' })
  start(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionStartDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.corrections.start(staff, id, dto, meta);
  }

  @Get('correction')
  @ApiOperation({ summary: '进行中的更正（无则 404）' })
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<StaffCorrectionView> {
    return this.corrections.view(staff, id);
  }

  @Patch('correction')
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '修改更正（仅发起人或管理员，且未进入审核）' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionUpdateDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.corrections.update(staff, id, dto, meta);
  }

  /** The same edit as PATCH, for the mini-program: WeChat's wx.request has no PATCH. */
  @Put('correction')
  @RequirePermission('notice.draft')
  @ApiOperation({ summary: '修改更正（同 PATCH，供小程序使用）' })
  updateByPut(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: CorrectionUpdateDto, @Meta() meta: RequestMeta): Promise<StaffCorrectionView> {
    return this.corrections.update(staff, id, dto, meta);
  }
}
