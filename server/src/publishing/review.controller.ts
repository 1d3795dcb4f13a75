import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NoticeRevision, PendingReview, ReviewCounts, ReviewLogEntry, RoundChanges, StaffNoticeView } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { PublishDto, ReviewDto, SubmitDto, WithdrawDto } from './dto/review.dto';
import { ReviewService } from './review.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

/** Who may act is decided per step by the review chain (REVIEW_NOT_ALLOWED), not by a route role. */
@ApiTags('工作人员：审核发布')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff')
export class ReviewController {
  constructor(private readonly reviews: ReviewService) {}

  @Post('notices/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '作者提交审核（草稿或退回后），进入科室负责人审核' })
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: SubmitDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.reviews.submit(staff, id, dto, meta);
  }

  @Post('notices/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '审核：通过或退回（科室负责人、保密审查员、分管领导，各在本环节）' })
  review(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: ReviewDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.reviews.review(staff, id, dto, meta);
  }

  @Post('notices/:id/registration')
  @HttpCode(200)
  @ApiOperation({ summary: '信息发布中心登记发布：立即发布，或指定将来的时间定时发布' })
  registration(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: PublishDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.reviews.registration(staff, id, dto, meta);
  }

  @Post('notices/:id/unschedule')
  @HttpCode(200)
  @ApiOperation({ summary: '取消定时发布（回到待发布）' })
  unschedule(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: SubmitDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.reviews.unschedule(staff, id, dto, meta);
  }

  @Post('notices/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回已发布的信息（分管领导或信息发布中心，须说明理由）；公众即刻不可见' })
  withdraw(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Body() dto: WithdrawDto, @Meta() meta: RequestMeta): Promise<StaffNoticeView> {
    return this.reviews.withdraw(staff, id, dto, meta);
  }

  @Get('notices/:id/reviews')
  @ApiOperation({ summary: '审核记录（从早到晚；只读）' })
  log(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<ReviewLogEntry[]> {
    return this.reviews.reviews(staff, id);
  }

  @Get('notices/:id/revisions')
  @ApiOperation({ summary: '每轮送审的标题与正文' })
  revisions(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<NoticeRevision[]> {
    return this.reviews.revisions(staff, id);
  }

  @Get('notices/:id/changes')
  @ApiOperation({ summary: '最近两轮送审之间的改动（只有一轮时为 null）' })
  changes(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<RoundChanges | null> {
    return this.reviews.changes(staff, id);
  }

  @Get('reviews/pending')
  @ApiOperation({ summary: '待我处理的信息（按本人角色，等待最久的在前）' })
  pending(@CurrentStaff() staff: StaffPrincipal): Promise<PendingReview[]> {
    return this.reviews.pending(staff);
  }

  @Get('reviews/counts')
  @ApiOperation({ summary: '各环节等待处理的数量（本人可见范围内）' })
  counts(@CurrentStaff() staff: StaffPrincipal): Promise<ReviewCounts> {
    return this.reviews.counts(staff);
  }
}
