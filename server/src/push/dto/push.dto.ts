import {
  PUSH_AUDIENCE_KINDS,
  PUSH_CHANNELS,
  PUSH_TARGET_KINDS,
  type AutoPushSetting,
  type AutoPushUpdateRequest,
  type CreatePushRequest,
  type PushAudience,
  type PushAudienceKind,
  type PushChannel,
  type PushContent,
  type PushSubscriptionItem,
  type PushSubscriptionsBody,
  type PushTargetKind,
  type SubscribeResult,
  type SubscribeResultsRequest,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

export class PushSubscriptionItemDto implements PushSubscriptionItem {
  @ApiProperty({ enum: PUSH_TARGET_KINDS })
  @IsIn(PUSH_TARGET_KINDS, { message: '订阅类型须为 category、topic 或 unit' })
  kind!: PushTargetKind;

  @ApiProperty()
  @IsString({ message: '订阅代码须为文字' })
  @IsNotEmpty({ message: '订阅代码为 1–40 个字符' })
  @MaxChars(40, { message: '订阅代码为 1–40 个字符' })
  code!: string;
}

export class PushSubscriptionsDto implements PushSubscriptionsBody {
  @ApiProperty({ type: [PushSubscriptionItemDto] })
  @IsArray({ message: 'items 须为列表' })
  @ArrayMaxSize(100, { message: '最多订阅 100 项' })
  @ValidateNested({ each: true })
  @Type(() => PushSubscriptionItemDto)
  items!: PushSubscriptionItemDto[];
}

export class SubscribeResultsDto implements SubscribeResultsRequest {
  @ApiProperty({ description: '模板 id → accept | reject | ban | filter（requestSubscribeMessage 的结果）', type: 'object', additionalProperties: { type: 'string' } })
  @IsObject({ message: 'results 须为对象' })
  results!: Record<string, SubscribeResult>;
}

export class PushAudienceDto implements PushAudience {
  @ApiProperty({ enum: PUSH_AUDIENCE_KINDS })
  @IsIn(PUSH_AUDIENCE_KINDS, { message: '推送对象须为 category、topic、unit 或 all' })
  kind!: PushAudienceKind;

  @ApiPropertyOptional()
  @Omittable()
  @IsString({ message: '推送对象代码须为文字' })
  @IsNotEmpty({ message: '推送对象代码为 1–40 个字符' })
  @MaxChars(40, { message: '推送对象代码为 1–40 个字符' })
  code?: string;
}

/** What a push sends (a campaign's content, or a category's automatic push): the same rules for both. */
export class PushContentDto implements PushContent {
  @ApiProperty({ enum: PUSH_CHANNELS, isArray: true })
  @IsArray({ message: 'channels 须为列表' })
  @ArrayMinSize(1, { message: '至少选择一个推送渠道' })
  @ArrayMaxSize(2, { message: '推送渠道最多两个' })
  @IsIn(PUSH_CHANNELS as PushChannel[], { each: true, message: '推送渠道须为 subscribe 或 template' })
  channels!: PushChannel[];

  @ApiProperty({ description: '每个渠道所用的模板 id', type: 'object', additionalProperties: { type: 'string' } })
  @IsObject({ message: 'templateIds 须为对象' })
  templateIds!: Partial<Record<PushChannel, string>>;

  @ApiProperty({ description: '模板字段 → title、summary、publishedAt、unitName、categoryName、indexNo 或固定文字', type: 'object', additionalProperties: { type: 'string' } })
  @IsObject({ message: 'fieldMapping 须为对象' })
  fieldMapping!: Record<string, string>;
}

export class CreatePushDto extends PushContentDto implements CreatePushRequest {
  @ApiProperty()
  @IsInt({ message: '须指定信息（noticeId）' })
  @Min(1, { message: '须指定信息（noticeId）' })
  noticeId!: number;

  @ApiProperty({ type: PushAudienceDto })
  @ValidateNested()
  @Type(() => PushAudienceDto)
  audience!: PushAudienceDto;
}

/** A category's automatic push: the content rules of a campaign (templates and mapping are checked by the service). */
export class AutoPushSettingDto extends PushContentDto implements AutoPushSetting {}

export class AutoPushUpdateDto implements AutoPushUpdateRequest {
  @ApiProperty({
    type: AutoPushSettingDto,
    nullable: true,
    description: '发布本分类的主动公开信息时自动推送给订阅本分类的家长（每条信息一次）；null 关闭',
  })
  // Required: `null` turns it off, leaving it out is refused like any other non-object.
  @ValidateIf((_o: unknown, value: unknown) => value !== null)
  @IsObject({ message: '自动推送设置（autoPush）须为对象或 null' })
  @ValidateNested()
  @Type(() => AutoPushSettingDto)
  autoPush!: AutoPushSettingDto | null;
}
