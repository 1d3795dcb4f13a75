import { DECIDED_OUTCOMES, type ApproveDisclosureLetterRequest, type DisclosureLetterInput, type DisclosureOutcome, type DraftDisclosureLetterRequest, type ReturnDisclosureLetterRequest } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const VERSION_MESSAGE = '须提供版本号（version）';

export const LETTER_LIMITS = { bodyMax: 5000, redactionsMax: 50, partMax: 200, reasonMax: 500, otherAgencyMax: 100, provisionMax: 1000, returnReasonMax: 500 } as const;

export class RedactionDto {
  @ApiProperty({ maxLength: LETTER_LIMITS.partMax, description: '不予公开的内容' })
  @Transform(trim)
  @IsString({ message: '不予公开的内容须为文字' })
  @IsNotEmpty({ message: '请写明不予公开的内容' })
  @MaxChars(LETTER_LIMITS.partMax, { message: `不予公开的内容最多 ${LETTER_LIMITS.partMax} 个字` })
  part!: string;

  @ApiProperty({ maxLength: LETTER_LIMITS.reasonMax, description: '不予公开的理由' })
  @Transform(trim)
  @IsString({ message: '不予公开的理由须为文字' })
  @IsNotEmpty({ message: '请写明不予公开的理由' })
  @MaxChars(LETTER_LIMITS.reasonMax, { message: `理由最多 ${LETTER_LIMITS.reasonMax} 个字` })
  reason!: string;
}

export class LetterContentDto implements DisclosureLetterInput {
  @ApiProperty({ maxLength: LETTER_LIMITS.bodyMax, description: '答复理由（按行分段）' })
  @Transform(trim)
  @IsString({ message: '答复理由须为文字' })
  @IsNotEmpty({ message: '请填写答复理由' })
  @MaxChars(LETTER_LIMITS.bodyMax, { message: `答复理由最多 ${LETTER_LIMITS.bodyMax} 个字` })
  body!: string;

  @ApiPropertyOptional({ type: [RedactionDto], maxItems: LETTER_LIMITS.redactionsMax, description: '部分公开：不予公开的内容及理由（至少一项）' })
  @Omittable()
  @IsArray({ message: '不予公开的内容须为列表' })
  @ArrayMaxSize(LETTER_LIMITS.redactionsMax, { message: `最多 ${LETTER_LIMITS.redactionsMax} 项不予公开的内容` })
  @IsObject({ each: true, message: '每项须包含不予公开的内容（part）和理由（reason）' })
  @ValidateNested({ each: true, message: '每项须包含不予公开的内容（part）和理由（reason）' })
  @Type(() => RedactionDto)
  redactions?: RedactionDto[];

  @ApiPropertyOptional({ maxLength: LETTER_LIMITS.otherAgencyMax, nullable: true, description: '本机关不掌握：负责公开该信息的机关（能够确定的）' })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '负责公开的机关须为文字' })
  @MaxChars(LETTER_LIMITS.otherAgencyMax, { message: `负责公开的机关最多 ${LETTER_LIMITS.otherAgencyMax} 个字` })
  otherAgency?: string | null;

  @ApiPropertyOptional({ maxLength: LETTER_LIMITS.provisionMax, nullable: true, description: '予以公开、部分公开：提供的方式和材料' })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '提供方式须为文字' })
  @MaxChars(LETTER_LIMITS.provisionMax, { message: `提供方式最多 ${LETTER_LIMITS.provisionMax} 个字` })
  provision?: string | null;
}

export class LetterVersionDto implements ApproveDisclosureLetterRequest {
  @ApiProperty({ description: '申请的当前版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class DraftLetterDto extends LetterVersionDto implements DraftDisclosureLetterRequest {
  @ApiProperty({ enum: DECIDED_OUTCOMES, description: '答复结果（逾期不补正、逾期未缴费由系统处理，不在此选择）' })
  @IsIn(DECIDED_OUTCOMES, { message: '请选择答复结果' })
  outcome!: DisclosureOutcome;

  @ApiProperty({ type: LetterContentDto })
  @IsObject({ message: '请填写答复书内容（content）' })
  @ValidateNested({ message: '答复书内容有误' })
  @Type(() => LetterContentDto)
  content!: LetterContentDto;
}

export class ReturnLetterDto extends LetterVersionDto implements ReturnDisclosureLetterRequest {
  @ApiProperty({ maxLength: LETTER_LIMITS.returnReasonMax })
  @Transform(trim)
  @IsString({ message: '退回须说明理由' })
  @IsNotEmpty({ message: '退回须说明理由' })
  @MaxChars(LETTER_LIMITS.returnReasonMax, { message: `理由最多 ${LETTER_LIMITS.returnReasonMax} 个字` })
  reason!: string;
}
