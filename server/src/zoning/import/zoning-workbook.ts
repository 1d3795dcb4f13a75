import { ZONING_ALIAS_SHEET, ZONING_LIMITS, ZONING_SCHOOL_SHEET, type ErrorDetail } from '@gongkai/shared';
import type { ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { csvGrid } from './zoning-csv';
import { fileIssue, type Grid } from './zoning-grid';
import { readZoningSheets, ZONING_RULE_SHEET, type ZoningSheets } from './zoning-read';
import { buildZoningTemplate, buildZoningWorkbook } from './zoning-template';
import { readXlsxSheets } from './zoning-xlsx';

/** The file(s) of one import. CSV carries the rules; its schools come from `schoolsFile` or the earlier table. */
export interface ZoningUpload {
  /** The rules (XLSX with its 学校信息 sheet, or CSV in UTF-8 or GB18030). */
  file: { name: string; bytes: Buffer };
  /** A CSV of 学校信息 (with a CSV rules file, or a workbook without that sheet). */
  schoolsFile?: { name: string; bytes: Buffer };
  /** A CSV of 地名别称 (with a CSV rules file). */
  aliasesFile?: { name: string; bytes: Buffer };
}

export type ZoningParseOutcome = { ok: true; data: ZoningTableData } | { ok: false; issues: ErrorDetail[] };

type Format = 'xlsx' | 'csv' | { refused: string };

/** By the bytes first (a zip is a workbook whatever its name), then by the name. */
function formatOf(file: { name: string; bytes: Buffer }): Format {
  const b = file.bytes;
  const name = file.name.toLowerCase();
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05)) return 'xlsx';
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) {
    return { refused: `“${file.name}”是旧版 Excel（.xls）文件或设置了打开密码，请取消密码并另存为 .xlsx 后重新上传` };
  }
  if (/\.(xlsx|xlsm|xls|et)$/.test(name)) return { refused: `“${file.name}”不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后重新上传` };
  return 'csv';
}

/**
 * Reads and validates a table. Every problem is reported with sheet, row and column, in Chinese
 * (at most 200, the last saying how many more); nothing is returned unless the whole file is
 * good. Sizes are checked before anything is parsed. `knownSchools` (the latest earlier table's)
 * stand in for a 学校信息 sheet a CSV import (or a workbook without that sheet) does not bring;
 * then only the schools the rules name are kept. `onProgress` is called as rows are read (every
 * 500 rows and at the end).
 */
export async function parseZoningUpload(
  upload: ZoningUpload,
  knownSchools: readonly ZoningSchoolRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<ZoningParseOutcome> {
  const files = [upload.file, upload.schoolsFile, upload.aliasesFile].filter((f) => f !== undefined);
  const tooLarge = files.filter((f) => f.bytes.length > ZONING_LIMITS.fileBytes);
  if (tooLarge.length) return { ok: false, issues: tooLarge.map((f) => fileIssue(`“${f.name}”超过 ${ZONING_LIMITS.fileBytes / 1024 / 1024} MB 的上限`)) };
  if (upload.file.bytes.length === 0) return { ok: false, issues: [fileIssue(`“${upload.file.name}”是空文件`)] };

  const format = formatOf(upload.file);
  if (typeof format === 'object') return { ok: false, issues: [fileIssue(format.refused)] };
  let sheets: ZoningSheets;
  if (format === 'xlsx') {
    const read = await readXlsxSheets(upload.file.bytes);
    if (!read.ok) return read;
    sheets = read.sheets;
  } else {
    const rules = csvGrid(upload.file.bytes, ZONING_RULE_SHEET, `“${upload.file.name}”`, ZONING_LIMITS.rules);
    if (!('rows' in rules)) return { ok: false, issues: [rules] };
    sheets = { rules, schools: null, aliases: null };
  }

  const extra = (file: { name: string; bytes: Buffer } | undefined, sheet: string, max: number, present: Grid | null): Grid | ErrorDetail | null => {
    if (!file) return present;
    if (present) return fileIssue(`工作簿已有“${sheet}”工作表，请不要再另附“${file.name}”`);
    if (formatOf(file) !== 'csv') return fileIssue(`“${file.name}”应为 CSV 文件`);
    return csvGrid(file.bytes, sheet, `“${file.name}”`, max);
  };
  const schools = extra(upload.schoolsFile, ZONING_SCHOOL_SHEET, ZONING_LIMITS.schools, sheets.schools);
  const aliases = extra(upload.aliasesFile, ZONING_ALIAS_SHEET, ZONING_LIMITS.aliases, sheets.aliases);
  const refused = [schools, aliases].filter((g): g is ErrorDetail => g !== null && !('rows' in g));
  if (refused.length) return { ok: false, issues: refused };
  return readZoningSheets({ rules: sheets.rules, schools: schools as Grid | null, aliases: aliases as Grid | null }, knownSchools, onProgress);
}

/** The downloadable template: the headers, one example row per pattern, the 学校信息 and 地名别称 sheets, and a 说明 sheet. */
export async function zoningTemplate(): Promise<Buffer> {
  return buildZoningTemplate();
}

/** A table written back in the template's format (what is attached to the 划片 notice; it imports again unchanged). */
export async function writeZoningWorkbook(data: ZoningTableData, year: number): Promise<Buffer> {
  return buildZoningWorkbook(data, year);
}
