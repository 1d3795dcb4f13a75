import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { DisclosureStatisticsRepository } from './disclosure-statistics.repository';
import { DisclosureStatisticsService } from './disclosure-statistics.service';

/** The yearly report's tables 三 and 四 from the requests and the reconsideration / lawsuit records. */
@Module({
  imports: [CommonModule],
  providers: [DisclosureStatisticsRepository, DisclosureStatisticsService],
  exports: [DisclosureStatisticsService],
})
export class DisclosureStatisticsModule {}
