import { createInflateRaw } from 'node:zlib';
import { Workbook, type Cell, type CellValue as ExcelValue, type Worksheet, type XlsxReadOptions } from 'exceljs';
import { ZONING_ALIAS_SHEET, ZONING_LIMITS, ZONING_SCHOOL_SHEET, type ErrorDetail } from '@gongkai/shared';
import { DocxRefused, readCentralDirectory } from '../../catalog/word-import/docx-container';
import { fileIssue, isEmptyCell, type CellValue, type Grid, type GridRow } from './zoning-grid';
import { headerKey, ZONING_RULE_SHEET, type ZoningSheets } from './zoning-read';

/** What an upload may unpack to, in all (its central directory's declared sizes). */
export const XLSX_UNPACKED_MAX = 60 * 1024 * 1024;
const XLSX_ENTRIES_MAX = 1000;
/** Cells in all worksheets: exceljs keeps a few hundred bytes per cell, so this bounds its memory (a full table has about 260,000). */
export const XLSX_CELLS_MAX = 500_000;
/** Merged ranges: exceljs checks each against all before it, and fills every merged cell. */
const XLSX_MERGES_MAX = 2000;
const XLSX_MERGED_CELLS_MAX = 400_000;
/** Rows a worksheet may have beyond the data (blank formatted rows, a title), refused by exceljs while reading. */
const ROW_SLACK = 1000;
/** The sheet explaining the columns; never read. */
export const ZONING_HELP_SHEET = '说明';

const SIG_LOCAL = 0x04034b50;

/** The nodes of a worksheet the import never needs; data validations over whole columns would make exceljs create a million entries. */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'picture', 'tableParts', 'extLst', 'autoFilter', 'rowBreaks', 'headerFooter', 'pageSetup', 'printOptions'];

/**
 * Checks an XLSX upload is safe to hand to exceljs, from its bytes: the central directory's sizes
 * first (a zip declaring more than XLSX_UNPACKED_MAX is refused without inflating anything), then
 * each entry is inflated as a stream, counted and discarded, and must come out at its declared
 * size (a directory that lies is refused before jszip inflates it into memory); the worksheets'
 * cells and merged ranges are counted on the way. Answers the problem, or null.
 */
export async function inspectXlsx(bytes: Buffer): Promise<ErrorDetail | null> {
  let entries;
  try {
    entries = readCentralDirectory(bytes, { unpackedMax: XLSX_UNPACKED_MAX, entriesMax: XLSX_ENTRIES_MAX });
  } catch (error) {
    if (error instanceof DocxRefused && error.reason === 'too_large') return fileIssue(`文件解压后超过 ${XLSX_UNPACKED_MAX / 1024 / 1024} MB，不像是一张划片表；请删去图片和无关的工作表后重新上传`);
    if (error instanceof DocxRefused) return unreadable();
    throw error;
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) return fileIssue('该文件不是 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后重新上传');
  const census = { cells: 0, merges: 0, mergedCells: 0 };
  for (const entry of entries) {
    const local = entry.localOffset;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== SIG_LOCAL || entry.flags & 0x1) return unreadable();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + entry.compressedSize > bytes.length) return unreadable();
    const data = bytes.subarray(start, start + entry.compressedSize);
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) ? new SheetCensus(census) : null;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) return unreadable();
      sheet?.scan(data.toString('latin1'), true);
    } else if (entry.method === 8) {
      if ((await inflatedSize(data, entry.size, sheet)) !== entry.size) return unreadable();
    } else {
      return unreadable();
    }
    if (census.cells > XLSX_CELLS_MAX) return fileIssue(`工作簿的单元格超过 ${XLSX_CELLS_MAX} 个，请删去无关的工作表和空白格式后重新上传`);
    if (census.merges > XLSX_MERGES_MAX || census.mergedCells > XLSX_MERGED_CELLS_MAX) return fileIssue('工作簿中合并单元格过多或范围过大（如整列合并），请取消合并后重新上传');
  }
  return null;
}

function unreadable(): ErrorDetail {
  return fileIssue('无法读取该文件：文件可能已损坏，或不是 Excel 保存的 .xlsx 文件');
}

/** Counts `<c>` elements and merged ranges of a worksheet's XML as it streams by (ASCII patterns, read as latin1). */
class SheetCensus {
  /** Enough of the previous chunk that a tag cut in two is seen whole in the next round. */
  private static readonly KEEP = 256;
  private carry = '';

  constructor(private readonly totals: { cells: number; merges: number; mergedCells: number }) {}

  scan(chunk: string, last: boolean): void {
    const text = this.carry + chunk;
    const limit = last ? text.length : text.length - SheetCensus.KEEP;
    if (limit <= 0) {
      this.carry = text;
      return;
    }
    const cells = /<(?:\w+:)?c[\s>/]/g;
    for (let m = cells.exec(text); m && m.index < limit; m = cells.exec(text)) this.totals.cells += 1;
    const merges = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"/g;
    for (let m = merges.exec(text); m && m.index < limit; m = merges.exec(text)) {
      const rows = m[3] ? Math.abs(Number(m[4]) - Number(m[2])) + 1 : 1;
      const cols = m[3] ? Math.abs(columnNumber(m[3]) - columnNumber(m[1])) + 1 : 1;
      this.totals.merges += 1;
      this.totals.mergedCells += rows * cols;
    }
    this.carry = text.slice(limit);
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** How many bytes `data` inflates to; stops as soon as it passes `max`. A worksheet's text goes through `census`. */
function inflatedSize(data: Buffer, max: number, census: SheetCensus | null): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        resolve(size);
        return;
      }
      census?.scan(chunk.toString('latin1'), false);
    });
    inflate.on('end', () => {
      census?.scan('', true);
      resolve(size);
    });
    inflate.on('error', () => resolve(-1));
    inflate.end(data);
  });
}

/**
 * The sheets of a checked workbook: the rules sheet (named 学区划分, else the first other sheet),
 * 学校信息 and 地名别称 (by name, spaces and width ignored).
 */
export async function readXlsxSheets(bytes: Buffer): Promise<{ ok: true; sheets: ZoningSheets } | { ok: false; issues: ErrorDetail[] }> {
  const problem = await inspectXlsx(bytes);
  if (problem) return { ok: false, issues: [problem] };
  const workbook = new Workbook();
  try {
    // Every sheet is refused past its row cap while exceljs reads it (not after building it); maxRows and maxCols are read by exceljs but not in its typings.
    const options: Partial<XlsxReadOptions> & { maxRows: number; maxCols: number } = { ignoreNodes: IGNORED_NODES, maxRows: ZONING_LIMITS.rules + ROW_SLACK, maxCols: 200 };
    // exceljs types its buffer as an ArrayBuffer; jszip inside takes a Node Buffer as it is.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/^Max row count/.test(message)) return { ok: false, issues: [fileIssue(`工作表超过 ${ZONING_LIMITS.rules} 行的上限，请分年度或删去空行后重新上传`)] };
    if (/^Max column count/.test(message)) return { ok: false, issues: [fileIssue('工作表的列数过多，请删去无关的列后重新上传')] };
    return { ok: false, issues: [unreadable()] };
  }
  const sheets = workbook.worksheets;
  const named = (name: string) => sheets.find((s) => headerKey(s.name) === headerKey(name));
  const others = new Set([ZONING_SCHOOL_SHEET, ZONING_ALIAS_SHEET, ZONING_HELP_SHEET].map(headerKey));
  const rules = named(ZONING_RULE_SHEET) ?? sheets.find((s) => !others.has(headerKey(s.name)));
  if (!rules) return { ok: false, issues: [fileIssue(`工作簿中没有划片规则的工作表（应为第一个工作表“${ZONING_RULE_SHEET}”）`)] };
  const schools = named(ZONING_SCHOOL_SHEET);
  const aliases = named(ZONING_ALIAS_SHEET);
  const aliasGrid = aliases ? gridOf(aliases) : null;
  return {
    ok: true,
    sheets: {
      rules: gridOf(rules),
      schools: schools ? gridOf(schools) : null,
      // An empty 地名别称 sheet is as good as none.
      aliases: aliasGrid && aliasGrid.rows.some((r) => !r.cells.every(isEmptyCell)) ? aliasGrid : null,
    },
  };
}

function gridOf(sheet: Worksheet): Grid {
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellValue(cell);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: number, cells });
  });
  return { sheet: sheet.name, rows };
}

/** A cell as text or number (a merged cell reads as its range's first cell); dates and errors become a problem to report. */
export function cellValue(cell: Cell): CellValue {
  return plain(cell.value);
}

function plain(value: ExcelValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { invalid: '单元格不是有效的数字' };
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return { invalid: `单元格是逻辑值 ${value ? 'TRUE' : 'FALSE'}，应为文字或数字` };
  if (value instanceof Date) return { invalid: 'Excel 把这一格当成了日期（例如把“3-5”识别成 3月5日），请把该列设为“文本”格式后重新填写' };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return { invalid: `单元格是错误值 ${String(value.error)}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return { invalid: `公式的结果是错误值 ${String((result as { error: unknown }).error)}` };
    return plain(result as ExcelValue | undefined);
  }
  if ('hyperlink' in value) return plain((value as { text?: ExcelValue }).text);
  return { invalid: '无法识别这一格的内容' };
}
