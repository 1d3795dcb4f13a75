import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { Omittable } from '../../../common/errors/validators';

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`: the dates themselves (real days, order, range) are the service's check. */
export class SearchInsightQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: '开始日期（含，北京时间）；与 to 同时填写，都不填时为最近 30 天' })
  @Omittable()
  @IsString({ message: '开始日期须为 YYYY-MM-DD 格式的有效日期' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: '结束日期（含）；范围最长 366 天' })
  @Omittable()
  @IsString({ message: '结束日期须为 YYYY-MM-DD 格式的有效日期' })
  to?: string;
}
