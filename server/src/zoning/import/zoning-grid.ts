import type { ErrorDetail } from '@gongkai/shared';

/**
 * A sheet as plain cells, whichever file it came from (an XLSX worksheet or a CSV file), so the
 * checks are written once. `row` is the number Excel shows (1 = the first line of the file).
 */
export type CellValue = string | number | null | { invalid: string };

export interface GridRow {
  row: number;
  /** Index 0 = column A. */
  cells: CellValue[];
}

export interface Grid {
  /** The sheet's name in reports (a CSV file reports as the sheet it stands for). */
  sheet: string;
  rows: GridRow[];
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A problem of the file as a whole (not of a cell): bad format, too large, unreadable. */
export function fileIssue(message: string): ErrorDetail {
  return { field: 'file', message };
}

export function isEmptyCell(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
