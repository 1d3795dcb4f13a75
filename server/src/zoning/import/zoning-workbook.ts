import type { ErrorDetail } from '@gongkai/shared';
import type { ZoningSchoolRow, ZoningTableData } from '../zoning-data';

/** The file(s) of one import. CSV carries the rules; its schools come from `schoolsFile` or the earlier table. */
export interface ZoningUpload {
  /** The rules (XLSX with its 学校信息 sheet, or CSV in UTF-8 or GB18030). */
  file: { name: string; bytes: Buffer };
  /** A CSV of 学校信息 (with a CSV rules file). */
  schoolsFile?: { name: string; bytes: Buffer };
}

export type ZoningParseOutcome = { ok: true; data: ZoningTableData } | { ok: false; issues: ErrorDetail[] };

/**
 * Reads and validates a table (GROUNDWORK STUB: the import helper replaces this body). Every
 * problem is reported with sheet, row and column, in Chinese; `knownSchools` (the latest earlier
 * table's) fill in the details of schools a CSV import does not list. `onProgress` is called as
 * rows are read.
 */
export async function parseZoningUpload(
  _upload: ZoningUpload,
  _knownSchools: readonly ZoningSchoolRow[],
  _onProgress?: (done: number, total: number) => void,
): Promise<ZoningParseOutcome> {
  throw new Error('not implemented');
}

/** The downloadable template: the headers, one example row per pattern, the 学校信息 and 地名别称 sheets, and a 说明 sheet. */
export async function zoningTemplate(): Promise<Buffer> {
  throw new Error('not implemented');
}

/** A table written back in the template's format (what is attached to the 划片 notice; it imports again unchanged). */
export async function writeZoningWorkbook(_data: ZoningTableData, _year: number): Promise<Buffer> {
  throw new Error('not implemented');
}
