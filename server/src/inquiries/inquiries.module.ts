import { Module } from '@nestjs/common';
import { InquiryYearFigures } from './inquiry-year-figures.service';
import { InquiryYearFiguresRepository } from './inquiry-year-figures.repository';
import { CalendarModule } from '../calendar/calendar.module';
import { CommonModule } from '../common/common.module';
import { PushModule } from '../push/push.module';
import { OfficialAccountModule } from '../wechat/official-account/official-account.module';
import { WechatModule } from '../wechat/wechat.module';
import { InquiriesRepository } from './inquiries.repository';
import { InquiryIntakeController, ParentInquiriesController, QaController, StaffInquiriesController } from './inquiries.controller';
import { InquiryDeadlines } from './inquiry-deadlines.service';
import { InquiryHandlingService } from './inquiry-handling.service';
import { InquiryIntakeService } from './inquiry-intake.service';
import { InquiryNoticesRepository } from './inquiry-notices.repository';
import { InquiryNotices } from './inquiry-notices.service';
import { InquiryPersonalData } from './inquiry-personal-data';
import { ParentInquiriesService } from './inquiry-parent.service';
import { InquiryPhotosRepository } from './inquiry-photos.repository';
import { InquiryPhotosService } from './inquiry-photos.service';
import { InquiryQaRepository } from './inquiry-qa.repository';
import { InquiryQaService } from './inquiry-qa.service';
import { InquiryStatsService } from './inquiry-stats.service';
import { InquiryViews } from './inquiry-views.service';

/** 咨询 / 投诉 / 建议 / 反馈: intake with content check, photos, deadlines, the staff inbox and actions, public Q&A, notices (reply, deadline reminders). */
@Module({
  imports: [CommonModule, WechatModule, CalendarModule, OfficialAccountModule, PushModule],
  controllers: [InquiryIntakeController, ParentInquiriesController, StaffInquiriesController, QaController],
  providers: [
    InquiriesRepository,
    InquiryPhotosRepository,
    InquiryQaRepository,
    InquiryNoticesRepository,
    InquiryViews,
    InquiryIntakeService,
    ParentInquiriesService,
    InquiryHandlingService,
    InquiryStatsService,
    InquiryQaService,
    InquiryDeadlines,
    InquiryPhotosService,
    InquiryNotices,
    InquiryPersonalData,
    InquiryYearFigures,
    InquiryYearFiguresRepository,
  ],
  // The yearly report reads the year's figures.
  exports: [InquiryYearFigures, InquiryQaService],
})
export class InquiriesModule {}
