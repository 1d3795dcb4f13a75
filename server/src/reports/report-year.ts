import { REPORT_FIRST_YEAR, shanghaiYear } from '@gongkai/shared';
import { ApiError } from '../common/errors/api-error';

/**
 * A report year from a query string, a path or a body (anything a client sent): a whole year from
 * REPORT_FIRST_YEAR to this year (Asia/Shanghai, `now` from the Clock), else 400
 * REPORT_YEAR_INVALID naming `field`.
 */
export function reportYear(raw: unknown, now: Date, field = 'year'): number {
  const thisYear = shanghaiYear(now);
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(year) || year < REPORT_FIRST_YEAR || year > thisYear) {
    throw new ApiError(400, 'REPORT_YEAR_INVALID', `请指定 ${REPORT_FIRST_YEAR} 年至 ${thisYear} 年之间的年份`, [{ field, message: `年份须在 ${REPORT_FIRST_YEAR} 至 ${thisYear} 之间` }]);
  }
  return year;
}
