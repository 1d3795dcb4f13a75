import type { NoticeListQuery } from '@gongkai/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';

export class NoticeListQueryDto extends PageQueryDto implements NoticeListQuery {
  @ApiPropertyOptional({ description: '分类代码，如 ZSKS' })
  @IsOptional()
  @IsString({ message: 'category 须为字符串' })
  @MaxLength(40, { message: '分类代码过长' })
  category?: string;

  @ApiPropertyOptional({ description: '专题代码，如 zoning' })
  @IsOptional()
  @IsString({ message: 'topic 须为字符串' })
  @MaxLength(40, { message: '专题代码过长' })
  topic?: string;

  @ApiPropertyOptional({ description: '发布单位代码' })
  @IsOptional()
  @IsString({ message: 'unit 须为字符串' })
  @MaxLength(40, { message: '单位代码过长' })
  unit?: string;

  @ApiPropertyOptional({ description: '发布年份（北京时间）', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(2000, { message: '年份不能早于 2000 年' })
  @Max(2100, { message: '年份不能晚于 2100 年' })
  year?: number;

  @ApiPropertyOptional({ description: '搜索词：在标题和正文中查找，标题命中的排在前面' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString({ message: '搜索词须为字符串' })
  @MaxLength(50, { message: '搜索词最多 50 个字' })
  q?: string;
}
