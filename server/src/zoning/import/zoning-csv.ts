import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ErrorDetail } from '@gongkai/shared';
import { fileIssue, type Grid } from './zoning-grid';

/** Lines a CSV may have beyond its row cap (blank lines, a title line) before it is refused. */
const LINE_SLACK = 1000;

/**
 * The text of a CSV as Excel and WPS save it: UTF-8 with or without a BOM, UTF-16 with a BOM
 * (“Unicode 文本”), else GB18030 (Excel's “CSV” on a Chinese Windows), which is what a file that is
 * not valid UTF-8 almost always is.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16-be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/**
 * A CSV file as a grid, each record a row (record 1 = row 1, as Excel opens it). Comma- or
 * tab-separated (decided by the first line). More than `maxRows` records (plus slack for blank
 * lines) is refused, never cut short silently.
 */
export function csvGrid(bytes: Buffer, sheet: string, label: string, maxRows: number): Grid | ErrorDetail {
  if (bytes.includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fileIssue(`${label}不是 CSV 文本文件；Excel 文件请以 .xlsx 上传`);
  }
  const text = decodeCsv(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, '\t') > count(firstLine, ',') ? '\t' : ',';
  const max = maxRows + LINE_SLACK;
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, to: max + 1 }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号没有闭合' : '无法解析';
      return fileIssue(`${label}${line ? `第 ${line} 行附近` : ''}格式有误（${reason}），请检查后重新上传`);
    }
    throw error;
  }
  if (records.length > max) return fileIssue(`${label}超过 ${maxRows} 行的上限`);
  return { sheet, rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })) };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n += 1;
  return n;
}
