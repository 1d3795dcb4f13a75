import { UNIT_KINDS, type CategoryInput, type TopicCreateInput, type UnitCreateInput, type UnitKind } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The editable fields categories and topics share. */
export class CatalogEntryDto {
  @ApiPropertyOptional()
  @Omittable()
  @Transform(trim)
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxChars(50, { message: '名称最多 50 个字' })
  name?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString({ message: '说明须为文字' })
  @MaxChars(500, { message: '说明最多 500 个字' })
  description?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(1_000_000, { message: '排序数值过大' })
  sortOrder?: number;
}

export class CategoryUpdateDto extends CatalogEntryDto implements CategoryInput {}

export class TopicCreateDto extends CatalogEntryDto implements TopicCreateInput {
  @ApiProperty({ example: 'zoning' })
  @IsString({ message: '代码须为文字' })
  @Matches(/^[a-z0-9-]{2,40}$/, { message: '专题代码须为 2–40 位小写字母、数字或连字符' })
  code!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxChars(50, { message: '名称最多 50 个字' })
  declare name: string;
}

export class TopicUpdateDto extends PartialType(OmitType(TopicCreateDto, ['code'] as const), { skipNullProperties: false }) {}

export class UnitCreateDto implements UnitCreateInput {
  @ApiProperty({ description: '统一社会信用代码或自定代码，用作索引号前缀', example: '12370725MB1234567X' })
  @IsString({ message: '代码须为文字' })
  @Matches(/^[A-Z0-9]{2,40}$/, { message: '单位代码须为 2–40 位大写字母或数字' })
  code!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '名称不能为空' })
  @MaxChars(100, { message: '名称最多 100 个字' })
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS, { message: '单位类型须为科室（bureau_office）或学校（school）' })
  kind!: UnitKind;

  @ApiPropertyOptional()
  @Omittable()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(1_000_000, { message: '排序数值过大' })
  sortOrder?: number;
}

export class UnitUpdateDto extends PartialType(OmitType(UnitCreateDto, ['code'] as const), { skipNullProperties: false }) {}
