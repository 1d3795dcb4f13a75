import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/calendar.module';
import { CommonModule } from '../../common/common.module';
import { OfficialAccountModule } from '../../wechat/official-account/official-account.module';
import { WechatModule } from '../../wechat/wechat.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeesModule } from '../fees/fees.module';
import { DisclosureLettersModule } from '../letters/letters.module';
import { DisclosureRequestsModule } from '../requests/requests.module';
import { DisclosureDeadlines } from './disclosure-deadlines.service';
import { DisclosureHandlingRepository } from './disclosure-handling.repository';
import { DisclosureHandlingService } from './disclosure-handling.service';
import { DisclosureStaffController } from './disclosure-staff.controller';
import { StaffDisclosureViews } from './staff-disclosure-views.service';

/** Staff's side: entry of paper / post / fax requests, the inbox by time left, receipt, 补正, consultation, extension with the office head's approval, deadline warnings and lapses. */
@Module({
  imports: [CommonModule, CalendarModule, WechatModule, OfficialAccountModule, DisclosureCoreModule, DisclosureFeesModule, DisclosureLettersModule, DisclosureRequestsModule],
  controllers: [DisclosureStaffController],
  providers: [DisclosureHandlingRepository, StaffDisclosureViews, DisclosureHandlingService, DisclosureDeadlines],
  exports: [StaffDisclosureViews],
})
export class DisclosureHandlingModule {}
