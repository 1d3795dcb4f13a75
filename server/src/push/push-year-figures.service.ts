import { Injectable } from '@nestjs/common';
import type { ReportFigures } from '@gongkai/shared';

/** The yearly report's figures of pushes: campaigns started and messages sent in the year. */
@Injectable()
export class PushYearFigures {
  async ofYear(year: number): Promise<ReportFigures['pushes']> {
    void year;
    throw new Error('not yet built');
  }
}
