import { Controller, Get, Param, ParseIntPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NoticeViewsView } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { ViewStatsService } from './view-stats.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

@ApiTags('工作人员：信息撰写')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices')
export class NoticeViewsController {
  constructor(private readonly stats: ViewStatsService) {}

  @Get(':id/views')
  @ApiOperation({ summary: '阅读次数：按日（北京时间）和渠道（小程序、H5、网页、其他客户端）；可见该信息的工作人员均可查看' })
  views(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number): Promise<NoticeViewsView> {
    return this.stats.forNotice(staff, id);
  }
}
