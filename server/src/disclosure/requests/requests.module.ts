import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/calendar.module';
import { CommonModule } from '../../common/common.module';
import { PushModule } from '../../push/push.module';
import { WechatModule } from '../../wechat/wechat.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeesModule } from '../fees/fees.module';
import { DisclosureLettersModule } from '../letters/letters.module';
import { ApplicantDisclosureViews } from './applicant-disclosure-views.service';
import { DisclosureApplicantRepository } from './disclosure-applicant.repository';
import { DisclosureApplicantService } from './disclosure-applicant.service';
import { DisclosureIntakeService } from './disclosure-intake.service';
import { DisclosureNotices } from './disclosure-notices.service';
import { DisclosurePersonalData } from './disclosure-personal-data';
import { DisclosureIntakeController, ParentDisclosureController } from './disclosure-requests.controller';

/** Applicants' side: online intake, their requests and timeline, the public lookup by tracking number and code, supplements, withdrawal, WeChat notices of each step, the personal-data registry entry. */
@Module({
  imports: [CommonModule, CalendarModule, WechatModule, PushModule, DisclosureCoreModule, DisclosureFeesModule, DisclosureLettersModule],
  controllers: [DisclosureIntakeController, ParentDisclosureController],
  providers: [ApplicantDisclosureViews, DisclosureApplicantRepository, DisclosureIntakeService, DisclosureApplicantService, DisclosureNotices, DisclosurePersonalData],
  // The staff view builds on the applicant's; every step's caller may wake the notices.
  exports: [ApplicantDisclosureViews, DisclosureNotices],
})
export class DisclosureRequestsModule {}
