import {
  CALENDAR_DAY_KINDS,
  CALENDAR_YEAR_MAX,
  CALENDAR_YEAR_MIN,
  DEADLINE_MAX_WORKING_DAYS,
  isCalendarDate,
  yearOf,
  type CalendarDayInput,
  type CalendarDayKind,
  type CalendarYearInput,
  type DeadlineQuery,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A real `YYYY-MM-DD` date within the years the calendar routes accept. */
function IsCalendarDate(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value: unknown) => isCalendarDate(value) && yearOf(value) >= CALENDAR_YEAR_MIN && yearOf(value) <= CALENDAR_YEAR_MAX } },
    options,
  );
}

export class DeadlineQueryDto implements DeadlineQuery {
  @ApiProperty({ description: '收到日期（北京时间，YYYY-MM-DD），从次日起算', example: '2026-09-30' })
  @IsCalendarDate({ message: `from 须为 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 年间的有效日期，格式 YYYY-MM-DD` })
  from!: string;

  @ApiProperty({ description: '工作日数', minimum: 1, maximum: DEADLINE_MAX_WORKING_DAYS, example: 3 })
  @Type(() => Number)
  @IsInt({ message: `workingDays 须为 1–${DEADLINE_MAX_WORKING_DAYS} 的整数` })
  @Min(1, { message: `workingDays 须为 1–${DEADLINE_MAX_WORKING_DAYS} 的整数` })
  @Max(DEADLINE_MAX_WORKING_DAYS, { message: `workingDays 须为 1–${DEADLINE_MAX_WORKING_DAYS} 的整数` })
  workingDays!: number;
}

export class CalendarDayDto implements CalendarDayInput {
  @ApiProperty({ example: '2027-10-01' })
  @IsCalendarDate({ message: '日期须为有效日期，格式 YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'holiday：放假；workday：上班（调休补班）' })
  @IsIn(CALENDAR_DAY_KINDS, { message: '类型须为 holiday（放假）或 workday（上班）' })
  kind!: CalendarDayKind;

  @ApiProperty({ example: '国庆节' })
  @Transform(trim)
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxChars(30, { message: '名称最多 30 个字' })
  name!: string;
}

export class CalendarYearDto implements CalendarYearInput {
  @ApiProperty({ type: [CalendarDayDto], description: '该年全部由工作人员录入的放假日与调休上班日（整体替换）' })
  // class-validator checks bottom-up: IsArray first, so a missing list says so.
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  @ArrayMaxSize(120, { message: '一年最多录入 120 天' })
  @IsArray({ message: 'days 须为列表' })
  days!: CalendarDayDto[];

  @ApiProperty({ description: '该年的放假与调休安排已全部录入：其期限不再标记为待确认' })
  @IsBoolean({ message: 'complete 须为 true 或 false' })
  complete!: boolean;

  @ApiPropertyOptional({ description: '依据，如国务院办公厅通知文号', example: '国办发明电〔2026〕7号' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '说明须为文字' })
  @MaxChars(200, { message: '说明最多 200 个字' })
  note?: string;
}
