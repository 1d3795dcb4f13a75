import { Injectable } from '@nestjs/common';
import type { ZoningImportResult } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { RequestMeta } from '../../common/http/request-meta';
import type { ZoningSchoolRow, ZoningTableData } from '../zoning-data';

/** Who imports: a signed-in staff member over HTTP, or the command line (set-up, audited as the system). */
export type ZoningActor = { staff: StaffPrincipal; meta: RequestMeta } | { command: string };

export interface ZoningImportOptions {
  /**
   * First set-up only (the command line's `--publish`, the demo): the table takes effect at once,
   * without the review chain; audited. Refused when the year already has a table in effect.
   */
  publishForSetup?: boolean;
  /** With `publishForSetup`: the year's published 划片 notice the table belongs to. */
  noticeId?: number;
}

/**
 * The tables of each school year (GROUNDWORK STUB: the module helper replaces the bodies and
 * keeps these signatures; the CLI and the demo call them).
 */
@Injectable()
export class ZoningTablesService {
  /** Stores `data` as a new draft table of `year` (replacing the year's earlier draft) in one transaction; answers its diff against the previous year in effect. */
  async importTable(_actor: ZoningActor, _year: number, _data: ZoningTableData, _sourceName: string, _options: ZoningImportOptions = {}): Promise<ZoningImportResult> {
    throw new Error('not implemented');
  }

  /** The schools of the latest table of `year` or an earlier year (a CSV import's school details). */
  async knownSchools(_year: number): Promise<ZoningSchoolRow[]> {
    throw new Error('not implemented');
  }
}
