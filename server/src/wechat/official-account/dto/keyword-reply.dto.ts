import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../../common/errors/validators';
import { KEYWORD_MATCHES, type KeywordMatch } from '../entities/oa-keyword-reply.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A keyword reply as staff see it: shared's type, which the OpenAPI document describes. */
export type { KeywordReplyView } from '@gongkai/shared';

export class KeywordReplyCreateDto {
  @ApiProperty({ example: '划片' })
  @Transform(trim)
  @IsString({ message: '关键词须为文字' })
  @IsNotEmpty({ message: '关键词不能为空' })
  @MaxChars(30, { message: '关键词最多 30 个字' })
  keyword!: string;

  @ApiProperty({ enum: KEYWORD_MATCHES, description: 'exact：消息与关键词完全一致；contains：消息包含关键词' })
  @IsIn(KEYWORD_MATCHES, { message: '匹配方式须为 exact（完全一致）或 contains（包含）' })
  match!: KeywordMatch;

  @ApiProperty({ description: '回复的文字，可含链接' })
  @Transform(trim)
  @IsString({ message: '回复内容须为文字' })
  @IsNotEmpty({ message: '回复内容不能为空' })
  @MaxChars(600, { message: '回复内容最多 600 个字' })
  reply!: string;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean({ message: '启用状态须为 true 或 false' })
  active?: boolean;

  @ApiPropertyOptional({ default: 0 })
  @Omittable()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(1_000_000, { message: '排序数值过大' })
  sortOrder?: number;
}

export class KeywordReplyUpdateDto extends PartialType(KeywordReplyCreateDto, { skipNullProperties: false }) {}
