import { CHALLENGE_KINDS, CHALLENGE_RESULTS, type ChallengeKind, type ChallengeResult, type DisclosureChallengeInput, type UpdateDisclosureChallengeRequest } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';
import { PageQueryDto } from '../../common/paging/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID_MAX = 2_147_483_647;

export const CHALLENGE_LIMITS = { caseNoMax: 100, bodyMax: 100, noteMax: 2000 } as const;

export class DisclosureChallengeDto implements DisclosureChallengeInput {
  @ApiProperty({ enum: CHALLENGE_KINDS, description: '行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）' })
  @IsIn(CHALLENGE_KINDS, { message: '类型须为行政复议、行政诉讼（未经复议直接起诉）或行政诉讼（复议后起诉）' })
  kind!: ChallengeKind;

  @ApiPropertyOptional({ nullable: true, description: '涉及的依申请公开申请（与 noticeId 二选一）' })
  @OmittableOrNull()
  @IsInt({ message: '申请编号须为整数' })
  @Min(1, { message: '申请编号须为正整数' })
  @Max(ID_MAX, { message: '申请编号有误' })
  requestId?: number | null;

  @ApiPropertyOptional({ nullable: true, description: '涉及的主动公开信息（与 requestId 二选一）' })
  @OmittableOrNull()
  @IsInt({ message: '信息编号须为整数' })
  @Min(1, { message: '信息编号须为正整数' })
  @Max(ID_MAX, { message: '信息编号有误' })
  noticeId?: number | null;

  @ApiProperty({ maxLength: CHALLENGE_LIMITS.caseNoMax, description: '案号' })
  @Transform(trim)
  @IsString({ message: '案号须为文字' })
  @IsNotEmpty({ message: '请填写案号' })
  @MaxChars(CHALLENGE_LIMITS.caseNoMax, { message: `案号最多 ${CHALLENGE_LIMITS.caseNoMax} 个字` })
  caseNo!: string;

  @ApiProperty({ maxLength: CHALLENGE_LIMITS.bodyMax, description: '行政复议机关或法院' })
  @Transform(trim)
  @IsString({ message: '复议机关或法院须为文字' })
  @IsNotEmpty({ message: '请填写复议机关或法院' })
  @MaxChars(CHALLENGE_LIMITS.bodyMax, { message: `复议机关或法院最多 ${CHALLENGE_LIMITS.bodyMax} 个字` })
  body!: string;

  @ApiProperty({ example: '2026-11-02', description: '申请复议或起诉的日期' })
  @IsString({ message: '立案日期格式须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '立案日期格式须为 YYYY-MM-DD' })
  filedDate!: string;

  @ApiPropertyOptional({ example: '2026-12-01', nullable: true, description: '结案日期（尚未审结的不填）' })
  @OmittableOrNull()
  @IsString({ message: '结案日期格式须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '结案日期格式须为 YYYY-MM-DD' })
  decidedDate?: string | null;

  @ApiProperty({ enum: CHALLENGE_RESULTS, description: '结果维持、结果纠正、其他结果、尚未审结' })
  @IsIn(CHALLENGE_RESULTS, { message: '结果须为结果维持、结果纠正、其他结果或尚未审结' })
  result!: ChallengeResult;

  @ApiPropertyOptional({ maxLength: CHALLENGE_LIMITS.noteMax, nullable: true })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '备注须为文字' })
  @MaxChars(CHALLENGE_LIMITS.noteMax, { message: `备注最多 ${CHALLENGE_LIMITS.noteMax} 个字` })
  note?: string | null;
}

export class UpdateDisclosureChallengeDto extends DisclosureChallengeDto implements UpdateDisclosureChallengeRequest {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(1, { message: '须提供版本号（version）' })
  version!: number;
}

export class DisclosureChallengeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '按立案日期的年份筛选', example: 2026 })
  @Omittable()
  @Type(() => Number)
  @IsInt({ message: '年份须为整数' })
  @Min(2000, { message: '年份须在 2000 至 2100 之间' })
  @Max(2100, { message: '年份须在 2000 至 2100 之间' })
  year?: number;
}
