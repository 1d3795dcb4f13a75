import ExcelJS from 'exceljs';
import { countyTable } from '../../server/src/demo/zoning/county-tables';

/**
 * Zoning spreadsheets for the tests, written here with exceljs directly (not with the code under
 * test), the way a bureau's file looks: the rules on the first sheet, then 学校信息 and 地名别称.
 */

export interface ZoningSheets {
  /** First row = headers; cells as given. */
  rules: string[][];
  schools?: string[][];
  aliases?: string[][];
  /** The first sheet's name; the template calls it 学区划分. */
  rulesSheetName?: string;
}

/** Digits given as text become numeric cells, as when staff type 12 into Excel; '' stays empty. */
function cellValue(text: string): string | number | null {
  if (text === '') return null;
  if (/^\d{1,9}$/.test(text)) return Number(text);
  return text;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, rows: string[][]): void {
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow(row.map(cellValue));
}

/** An XLSX with the given sheets (rules first). */
export async function zoningXlsx(sheets: ZoningSheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheet(workbook, sheets.rulesSheetName ?? '学区划分', sheets.rules);
  if (sheets.schools) addSheet(workbook, '学校信息', sheets.schools);
  if (sheets.aliases) addSheet(workbook, '地名别称', sheets.aliases);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Rows of CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks); a leading
 * BOM and blank lines are skipped.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

/** The demo county's table of `year` as the XLSX staff would upload (rules, 学校信息, 地名别称). */
export function countyXlsx(year: 2025 | 2026): Promise<Buffer> {
  const table = countyTable(year);
  return zoningXlsx({ rules: csvRows(table.rules), schools: csvRows(table.schools), aliases: csvRows(table.aliases) });
}

const BOM = '\uFEFF';

/** The demo county's table of `year` as two CSV files in UTF-8 with a BOM (what Excel saves as “CSV UTF-8”). */
export function countyCsv(year: 2025 | 2026): { rules: Buffer; schools: Buffer } {
  const table = countyTable(year);
  return { rules: Buffer.from(BOM + table.rules, 'utf8'), schools: Buffer.from(BOM + table.schools, 'utf8') };
}

/** The numbers of the demo county's table, for tests that check counts. */
export function countyCounts(year: 2025 | 2026): { rules: number; schools: number; aliases: number } {
  const table = countyTable(year);
  return {
    rules: csvRows(table.rules).length - 1,
    schools: csvRows(table.schools).length - 1,
    aliases: csvRows(table.aliases).length - 1,
  };
}
