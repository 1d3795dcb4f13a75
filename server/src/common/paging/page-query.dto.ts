import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '@gongkai/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString({ message: 'cursor 须为字符串' })
  @MaxLength(500, { message: '翻页参数过长' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(PAGE_LIMIT_MAX, { message: `每页最多 ${PAGE_LIMIT_MAX} 条` })
  limit: number = PAGE_LIMIT_DEFAULT;
}
