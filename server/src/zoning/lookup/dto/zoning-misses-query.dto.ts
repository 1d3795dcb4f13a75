import { ZONING_YEAR_MAX, ZONING_YEAR_MIN } from '@gongkai/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';

/** GET /staff/zoning/misses: one year's (or every year's) searches that found nothing, most searched first. */
export class ZoningMissesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '招生年度；不填为全部年度', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(ZONING_YEAR_MIN, { message: `年份不能早于 ${ZONING_YEAR_MIN} 年` })
  @Max(ZONING_YEAR_MAX, { message: `年份不能晚于 ${ZONING_YEAR_MAX} 年` })
  year?: number;
}
