import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { CalendarModule } from '../../calendar/calendar.module';
import { PaymentsModule } from '../../payments/payments.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeeNotices } from './disclosure-fee-notices.service';
import { DisclosureFeeViews } from './disclosure-fee-views.service';
import { DisclosureFeePublicController, ParentDisclosureFeeController, StaffDisclosureFeeController } from './disclosure-fees.controller';
import { DisclosureFeesRepository } from './disclosure-fees.repository';
import { DisclosureFeesService } from './disclosure-fees.service';

/** 信息处理费: the public calculator, fee notices, payment through the payments module, lapses and refunds. */
@Module({
  imports: [CommonModule, CalendarModule, DisclosureCoreModule, PaymentsModule],
  controllers: [DisclosureFeePublicController, ParentDisclosureFeeController, StaffDisclosureFeeController],
  providers: [DisclosureFeesRepository, DisclosureFeesService, DisclosureFeeNotices, DisclosureFeeViews],
  exports: [DisclosureFeeViews],
})
export class DisclosureFeesModule {}
