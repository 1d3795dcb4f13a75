import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, ZoningMissView } from '@gongkai/shared';
import { RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import { ZoningMissesQueryDto } from './dto/zoning-misses-query.dto';
import { ZoningMisses } from './zoning-misses.service';

/** The addresses parents searched that found nothing, for staff who add rules. */
@ApiTags('工作人员：学区查询')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/zoning')
export class ZoningMissesController {
  constructor(private readonly misses: ZoningMisses) {}

  @Get('misses')
  @RequirePermission('zoning.manage')
  @ApiOperation({ summary: '家长查询未查到结果的地址（去掉单元、室号，不含查询人），查询次数多的在前' })
  list(@Query() query: ZoningMissesQueryDto): Promise<Page<ZoningMissView>> {
    return this.misses.list(query);
  }
}
