import { REPORT_FIRST_YEAR, isCalendarDate, shanghaiDate } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';

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
