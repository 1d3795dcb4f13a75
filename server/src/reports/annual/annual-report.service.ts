import { Injectable } from '@nestjs/common';
import type { AnnualReportView } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';

/** A year's report as staff see it: state, frozen or live data, checks, narrative; saving the narrative; writing it into its notice. */
@Injectable()
export class AnnualReportService {
  /** `GET /staff/reports/annual?year=`: 400 REPORT_YEAR_INVALID outside REPORT_FIRST_YEAR … this year. */
  async view(staff: StaffPrincipal, year: number): Promise<AnnualReportView> {
    void staff;
    void year;
    throw new Error('not yet built');
  }
}
