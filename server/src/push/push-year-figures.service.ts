import { Injectable } from '@nestjs/common';
import type { ReportFigures } from '@gongkai/shared';
import { PushYearFiguresRepository } from './push-year-figures.repository';

/** The yearly report's figures of pushes: campaigns started and messages sent in the year. */
@Injectable()
export class PushYearFigures {
  constructor(private readonly repo: PushYearFiguresRepository) {}

  async ofYear(year: number): Promise<ReportFigures['pushes']> {
    const [campaigns, sent] = await Promise.all([this.repo.campaignsStarted(year), this.repo.messagesSent(year)]);
    return { campaigns, sent };
  }
}
