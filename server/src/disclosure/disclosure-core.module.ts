import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CommonModule } from '../common/common.module';
import { DisclosureSteps } from './disclosure-steps.service';
import { DisclosureRequestsRepository } from './requests/disclosure-requests.repository';

/** The heart every part of 依申请公开 shares: the request rows, their timeline and the state machine's steps with the clock. */
@Module({
  imports: [CommonModule, CalendarModule],
  providers: [DisclosureRequestsRepository, DisclosureSteps],
  exports: [DisclosureRequestsRepository, DisclosureSteps],
})
export class DisclosureCoreModule {}
