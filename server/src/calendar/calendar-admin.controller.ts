import { Body, Controller, Get, Injectable, Param, PipeTransform, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN, type CalendarYearView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { CalendarService } from './calendar.service';
import { CalendarYearDto } from './dto/calendar.dto';

@Injectable()
class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX)) throw ApiError.field('year', `年份须为 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 之间的四位数字`);
    return year;
  }
}

@ApiTags('管理员：工作日历')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('calendar.admin')
@Controller('staff/calendar')
export class CalendarAdminController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':year')
  @ApiOperation({ summary: '某年的全部放假日与调休上班日（注明来自内置数据还是工作人员录入），及该年是否已有完整日历' })
  year(@Param('year', YearPipe) year: number): Promise<CalendarYearView> {
    return this.calendar.year(year);
  }

  @Put(':year')
  @ApiOperation({ summary: '整体替换工作人员录入的该年放假日与调休上班日（优先于内置数据）；complete 为 true 时该年期限不再标记' })
  replace(@CurrentStaff() s: StaffPrincipal, @Param('year', YearPipe) year: number, @Body() dto: CalendarYearDto, @Meta() meta: RequestMeta): Promise<CalendarYearView> {
    return this.calendar.replaceYear(s, year, dto, meta);
  }
}
