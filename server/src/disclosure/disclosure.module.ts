import { Module } from '@nestjs/common';
import { DisclosureCoreModule } from './disclosure-core.module';
import { DisclosureFeesModule } from './fees/fees.module';
import { DisclosureHandlingModule } from './handling/handling.module';
import { DisclosureLettersModule } from './letters/letters.module';
import { DisclosureRequestsModule } from './requests/requests.module';
import { DisclosureStatisticsModule } from './statistics/disclosure-statistics.module';

/** 依申请公开: requests with statutory deadlines, outcomes and reply letters; 信息处理费 paid through WeChat Pay. */
@Module({
  imports: [DisclosureCoreModule, DisclosureRequestsModule, DisclosureHandlingModule, DisclosureFeesModule, DisclosureLettersModule, DisclosureStatisticsModule],
})
export class DisclosureModule {}
