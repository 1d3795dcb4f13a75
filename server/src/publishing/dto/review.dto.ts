import {
  DISCLOSURE_ATTRIBUTES,
  type DisclosureAttribute,
  type PublishRequest,
  type ReviewRequest,
  type SecrecyDecision,
  type SubmitRequest,
  type WithdrawRequest,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const VERSION_MESSAGE = '须提供信息的版本号（version）';

class VersionedDto {
  @ApiProperty({ description: '信息当前的版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class SubmitDto extends VersionedDto implements SubmitRequest {}

export class SecrecyDecisionDto implements SecrecyDecision {
  @ApiProperty({ description: '是否可以公开（false：该信息不得发布）' })
  @IsBoolean({ message: '须选择是否可以公开' })
  publishable!: boolean;

  @ApiProperty({ enum: DISCLOSURE_ATTRIBUTES })
  @IsIn(DISCLOSURE_ATTRIBUTES, { message: '公开方式须为主动公开、依申请公开或不予公开' })
  disclosure!: DisclosureAttribute;

  @ApiPropertyOptional({ nullable: true, description: '依申请公开、不予公开须说明理由' })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '理由须为文字' })
  @MaxChars(200, { message: '理由最多 200 个字' })
  disclosureReason?: string | null;
}

export class ReviewDto extends VersionedDto implements ReviewRequest {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: '审核操作须为通过（approve）或退回（return）' })
  action!: 'approve' | 'return';

  @ApiPropertyOptional({ description: '退回时必填；通过时可填写意见' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '审核意见须为文字' })
  @MaxChars(1000, { message: '审核意见最多 1000 个字' })
  opinion?: string;

  @ApiPropertyOptional({ type: SecrecyDecisionDto, description: '保密审查环节通过时必填' })
  @Omittable()
  @ValidateNested()
  @Type(() => SecrecyDecisionDto)
  secrecy?: SecrecyDecisionDto;
}

export class PublishDto extends VersionedDto implements PublishRequest {
  @ApiPropertyOptional({ description: '将来的时间（ISO 8601，含时区）则定时发布；不填则立即发布', example: '2026-12-01T09:00:00+08:00' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: '发布时间须为 ISO 8601 时间' })
  publishAt?: string;
}

export class WithdrawDto extends VersionedDto implements WithdrawRequest {
  @ApiProperty({ description: '撤回理由' })
  @Transform(trim)
  @MaxChars(1000, { message: '撤回理由最多 1000 个字' })
  @IsNotEmpty({ message: '撤回须说明理由' })
  @IsString({ message: '撤回须说明理由' })
  reason!: string;
}
