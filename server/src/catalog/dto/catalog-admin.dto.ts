import { UNIT_KINDS, type AutoPushSetting, type CategoryInput, type TopicCreateInput, type UnitCreateInput, type UnitKind } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';
import { PushContentDto } from '../../push/dto/push.dto';

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

/** A category's automatic push: the content rules of a campaign (templates and mapping are checked by the service). */
export class AutoPushSettingDto extends PushContentDto implements AutoPushSetting {}

export class CategoryUpdateDto extends CatalogEntryDto implements CategoryInput {
  @ApiPropertyOptional({
    type: AutoPushSettingDto,
    nullable: true,
    description: '发布本分类的主动公开信息时自动推送给订阅本分类的家长（每条信息一次）；null 关闭',
  })
  @OmittableOrNull()
  @IsObject({ message: '自动推送设置（autoPush）须为对象或 null' })
  @ValidateNested()
  @Type(() => AutoPushSettingDto)
  autoPush?: AutoPushSettingDto | null;
}

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
