import { REPORT_FIRST_YEAR } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';

/**
 * A report year from a query or path parameter (a string, or anything a client sent): a whole
 * year from REPORT_FIRST_YEAR to `thisYear` (Shanghai), else 400 REPORT_YEAR_INVALID.
 */
export function reportYear(raw: unknown, thisYear: number): number {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(year) || year < REPORT_FIRST_YEAR || year > thisYear) {
    throw new ApiError(400, 'REPORT_YEAR_INVALID', `请指定 ${REPORT_FIRST_YEAR} 年至 ${thisYear} 年之间的年份`, [{ field: 'year', message: `年份须在 ${REPORT_FIRST_YEAR} 至 ${thisYear} 之间` }]);
  }
  return year;
}
