import { REPORT_FIRST_YEAR, isCalendarDate, shanghaiDate } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';

/** 400 REPORT_YEAR_INVALID, naming the field when the year came from a body. */
export function reportYearInvalid(field = 'year'): ApiError {
  return new ApiError(400, 'REPORT_YEAR_INVALID', `年份须在 ${REPORT_FIRST_YEAR} 年至今年之间`, [{ field, message: `年份须在 ${REPORT_FIRST_YEAR} 年至今年之间` }]);
}

/**
 * A report year from a query string, a path or a body: a whole year from REPORT_FIRST_YEAR to this
 * year (Asia/Shanghai, `now` from the Clock). Anything else (absent, repeated, not a number) is
 * REPORT_YEAR_INVALID.
 */
export function reportYear(value: unknown, now: Date, field = 'year'): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{4}$/.test(text)) throw reportYearInvalid(field);
  const year = Number(text);
  if (year < REPORT_FIRST_YEAR || year > Number(shanghaiDate(now).slice(0, 4))) throw reportYearInvalid(field);
  return year;
}

/**
 * A record's date: a real day, not after today (Asia/Shanghai), in a report year. Answers its year.
 * `label` names the field in the message (日期, 答复日期).
 */
export function recordDate(date: string, now: Date, field: string, label: string): number {
  if (!isCalendarDate(date)) throw ApiError.field(field, `${label}不是有效的日期`);
  if (date > shanghaiDate(now)) throw ApiError.field(field, `${label}不能晚于今天`);
  const year = Number(date.slice(0, 4));
  if (year < REPORT_FIRST_YEAR) throw new ApiError(400, 'REPORT_YEAR_INVALID', `${label}须在 ${REPORT_FIRST_YEAR} 年以后`, [{ field, message: `${label}须在 ${REPORT_FIRST_YEAR} 年以后` }]);
  return year;
}
