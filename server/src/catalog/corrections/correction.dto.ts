import { NOTICE_LIMITS, type CorrectionStartRequest, type CorrectionUpdateRequest } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** 更正说明: shown to the public under the notice, so short. */
export const CORRECTION_NOTE_MAX = 500;

/** The corrected fields; those left out keep the published (or the correction's current) value. */
class CorrectionFieldsDto {
  @ApiPropertyOptional({ maxLength: NOTICE_LIMITS.titleMax })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '标题须为文字' })
  @IsNotEmpty({ message: '标题不能为空' })
  @MaxChars(NOTICE_LIMITS.titleMax, { message: `标题最多 ${NOTICE_LIMITS.titleMax} 个字` })
  title?: string;

  @ApiPropertyOptional({ maxLength: NOTICE_LIMITS.summaryMax })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '摘要须为文字' })
  @MaxChars(NOTICE_LIMITS.summaryMax, { message: `摘要最多 ${NOTICE_LIMITS.summaryMax} 个字` })
  summary?: string;

  @ApiPropertyOptional({ example: '乐教发〔2026〕12号', nullable: true })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '文号须为文字' })
  @MaxChars(NOTICE_LIMITS.documentNoMax, { message: `文号最多 ${NOTICE_LIMITS.documentNoMax} 个字` })
  documentNo?: string | null;

  @ApiPropertyOptional({ description: '更正后的正文 HTML；保存时按白名单清理' })
  @Omittable()
  @IsString({ message: '正文须为文字' })
  @IsNotEmpty({ message: '正文不能为空' })
  @MaxChars(NOTICE_LIMITS.bodyMax, { message: '正文过长' })
  bodyHtml?: string;
}

export class CorrectionStartDto extends CorrectionFieldsDto implements CorrectionStartRequest {
  @ApiProperty({ maxLength: CORRECTION_NOTE_MAX, description: '更正说明：更正了什么，公开显示在信息下方', example: '更正报名截止时间为12月10日' })
  @Transform(trim)
  @IsString({ message: '更正说明须为文字' })
  @IsNotEmpty({ message: '须填写更正说明' })
  @MaxChars(CORRECTION_NOTE_MAX, { message: `更正说明最多 ${CORRECTION_NOTE_MAX} 个字` })
  note!: string;
}

export class CorrectionUpdateDto extends CorrectionFieldsDto implements CorrectionUpdateRequest {
  @ApiPropertyOptional({ maxLength: CORRECTION_NOTE_MAX, description: '更正说明' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '更正说明须为文字' })
  @IsNotEmpty({ message: '须填写更正说明' })
  @MaxChars(CORRECTION_NOTE_MAX, { message: `更正说明最多 ${CORRECTION_NOTE_MAX} 个字` })
  note?: string;

  @ApiProperty({ description: '读取时更正的版本号；与当前不符则拒绝（409）' })
  @IsInt({ message: '须提供更正的版本号（version）' })
  @Min(1, { message: '须提供更正的版本号（version）' })
  version!: number;
}
