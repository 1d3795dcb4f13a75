import { Injectable } from '@nestjs/common';
import type { AnnualReportData, NarrativePart, Table3Counts } from '@gongkai/shared';

/**
 * A year's report data read live from the features' exported figures (catalog, views, inquiries,
 * push, disclosure) and the records. Pure reading: nothing is stored here.
 */
@Injectable()
export class ReportDataService {
  /** The live data of `year`, with `narrative` and the date to print (`dated`, YYYY-MM-DD) as given. */
  async live(year: number, narrative: Record<NarrativePart, string>, dated: string): Promise<AnnualReportData> {
    void year;
    void narrative;
    void dated;
    throw new Error('not yet built');
  }

  /** Row 四 (结转下年度) of `year` as the data reads now; null when nothing was carried. */
  async carriedOut(year: number): Promise<Table3Counts | null> {
    void year;
    throw new Error('not yet built');
  }
}
