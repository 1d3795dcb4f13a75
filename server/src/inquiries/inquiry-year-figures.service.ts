import { Injectable } from '@nestjs/common';
import type { ReportFigures } from '@gongkai/shared';

/** The yearly report's figures of inquiries: by kind with on-time rate and satisfaction, and per month. */
@Injectable()
export class InquiryYearFigures {
  async ofYear(year: number): Promise<ReportFigures['inquiries']> {
    void year;
    throw new Error('not yet built');
  }
}
