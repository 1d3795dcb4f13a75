import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CommonModule } from '../common/common.module';
import { PushModule } from '../push/push.module';
import { OfficialAccountModule } from '../wechat/official-account/official-account.module';
import { WechatModule } from '../wechat/wechat.module';
import { InquiriesRepository } from './inquiries.repository';
import { InquiriesService } from './inquiries.service';
import { InquiryIntakeController, ParentInquiriesController, QaController, StaffInquiriesController } from './inquiries.controller';
import { InquiryNotices } from './inquiry-notices.service';
import { InquiryPhotosService } from './inquiry-photos.service';

/** 咨询 / 投诉 / 建议 / 反馈: intake with content check, photos, deadlines, the staff inbox and actions, public Q&A, notices (reply, deadline reminders). */
@Module({
  imports: [CommonModule, WechatModule, CalendarModule, OfficialAccountModule, PushModule],
  controllers: [InquiryIntakeController, ParentInquiriesController, StaffInquiriesController, QaController],
  providers: [InquiriesRepository, InquiriesService, InquiryPhotosService, InquiryNotices],
})
export class InquiriesModule {}
