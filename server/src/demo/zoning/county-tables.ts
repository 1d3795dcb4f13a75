import { COUNTY_2025 } from './county-2025';
import { COUNTY_2026 } from './county-2026';
import type { CountyTableCsv } from './county-types';

export type { CountyTableCsv } from './county-types';

/**
 * The demo county's zoning tables (昌乐县, school years 2025 and 2026). The demo imports them
 * through the same parser as a staff upload; the tests build XLSX and CSV files from the same text.
 */
export const COUNTY_YEARS = [2025, 2026] as const;

export function countyTable(year: 2025 | 2026): CountyTableCsv {
  return year === 2025 ? COUNTY_2025 : COUNTY_2026;
}
