import { Injectable } from '@nestjs/common';
import type { InfoType, MonthlySeries } from '@gongkai/shared';

/** The yearly report's figures of proactive publication. */
@Injectable()
export class PublicationStatisticsService {
  /** 主动公开 notices published in `year` (Asia/Shanghai): by 信息类别, in all, and per category per month (catalogue order). */
  async publishedInYear(year: number): Promise<{ byType: Record<InfoType, number>; total: number; monthly: MonthlySeries[] }> {
    void year;
    throw new Error('not yet built');
  }
}
