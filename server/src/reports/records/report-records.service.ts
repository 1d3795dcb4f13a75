import { Injectable } from '@nestjs/common';
import type { ProposalFigures, ReportFigures, YearlyFigureView } from '@gongkai/shared';

/** What the report reads of a year's records. */
export interface RecordFiguresOfYear {
  hotTopics: ReportFigures['hotTopics'];
  briefings: ReportFigures['briefings'];
  /** One per kind (npc, cppcc), in PROPOSAL_KINDS order. */
  proposals: ProposalFigures[];
  /** One per YEARLY_FIGURE_KEYS, in order; value null until entered. */
  yearly: YearlyFigureView[];
}

/** The records' figures for the report (the records' own CRUD lives beside it). */
@Injectable()
export class ReportRecordsService {
  /** The figures of `year`'s records. */
  async figuresOf(year: number): Promise<RecordFiguresOfYear> {
    void year;
    throw new Error('not yet built');
  }

  /** The years that have any record (for the years list), newest first. */
  async yearsWithRecords(): Promise<number[]> {
    throw new Error('not yet built');
  }
}
