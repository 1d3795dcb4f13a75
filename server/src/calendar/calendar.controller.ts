import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeadlineView } from '@gongkai/shared';
import { CalendarService } from './calendar.service';
import { DeadlineQueryDto } from './dto/calendar.dto';

/** No sign-in needed: the same calculation the inquiries use for their reply deadlines. */
@ApiTags('工作日')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @ApiOperation({ summary: '答复期限：收到日次日起第 N 个工作日的 23:59:59（北京时间），按法定节假日与调休计算' })
  deadline(@Query() query: DeadlineQueryDto): DeadlineView {
    return this.calendar.calculate(query);
  }
}
