import { Injectable } from '@nestjs/common';
import type { Table3CountedRow, Table3Counts, Table4Counts } from '@gongkai/shared';

/** Tables 三 and 四 of a year, counted in SQL (GROUP BY), each row and column on its own (the checks compare them). */
@Injectable()
export class DisclosureStatisticsService {
  /** Table 三 of `year` (calendar year, receipt and conclusion dates in Asia/Shanghai). */
  async table3(year: number): Promise<Record<Table3CountedRow, Table3Counts>> {
    void year;
    throw new Error('not yet built');
  }

  /** Table 四 of `year`: the challenges filed in it, each by its result as of the year's end (尚未审结 if decided later). */
  async table4(year: number): Promise<Table4Counts> {
    void year;
    throw new Error('not yet built');
  }
}
