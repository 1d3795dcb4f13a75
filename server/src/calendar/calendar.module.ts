import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { CalendarAdminController } from './calendar-admin.controller';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

/**
 * The working-day calendar: the public deadline calculator and the admin's entries of holidays
 * and make-up days. Exports CalendarService for the modules that set deadlines (inquiries, requests).
 */
@Module({
  imports: [CommonModule],
  controllers: [CalendarController, CalendarAdminController],
  providers: [CalendarRepository, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
