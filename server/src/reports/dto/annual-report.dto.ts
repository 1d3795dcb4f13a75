import { NARRATIVE_PART_LABELS, NARRATIVE_PART_MAX, type NarrativeInput, type NarrativePart, type ReportNoticeInput } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNotEmpty, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

/** The four parts staff write, plain text (kept as typed; every rendering escapes it). IsString last: checked first. */
export class NarrativePartsDto implements Record<NarrativePart, string> {
  @ApiProperty({ maxLength: NARRATIVE_PART_MAX, description: NARRATIVE_PART_LABELS.preface })
  @MaxChars(NARRATIVE_PART_MAX, { message: `“${NARRATIVE_PART_LABELS.preface}”最多 ${NARRATIVE_PART_MAX} 个字` })
  @IsString({ message: `“${NARRATIVE_PART_LABELS.preface}”须为文字` })
  preface!: string;

  @ApiProperty({ maxLength: NARRATIVE_PART_MAX, description: NARRATIVE_PART_LABELS.overview })
  @MaxChars(NARRATIVE_PART_MAX, { message: `“${NARRATIVE_PART_LABELS.overview}”最多 ${NARRATIVE_PART_MAX} 个字` })
  @IsString({ message: `“${NARRATIVE_PART_LABELS.overview}”须为文字` })
  overview!: string;

  @ApiProperty({ maxLength: NARRATIVE_PART_MAX, description: NARRATIVE_PART_LABELS.problems })
  @MaxChars(NARRATIVE_PART_MAX, { message: `“${NARRATIVE_PART_LABELS.problems}”最多 ${NARRATIVE_PART_MAX} 个字` })
  @IsString({ message: `“${NARRATIVE_PART_LABELS.problems}”须为文字` })
  problems!: string;

  @ApiProperty({ maxLength: NARRATIVE_PART_MAX, description: NARRATIVE_PART_LABELS.other })
  @MaxChars(NARRATIVE_PART_MAX, { message: `“${NARRATIVE_PART_LABELS.other}”最多 ${NARRATIVE_PART_MAX} 个字` })
  @IsString({ message: `“${NARRATIVE_PART_LABELS.other}”须为文字` })
  other!: string;
}

export class NarrativeDto implements NarrativeInput {
  @ApiProperty({ type: NarrativePartsDto })
  @IsDefined({ message: '请提交报告的文字部分（parts）' })
  @IsObject({ message: '报告的文字部分（parts）须为对象' })
  @ValidateNested({ message: '报告的文字部分（parts）须包含前言、总体情况、存在的主要问题及改进情况、其他需要报告的事项' })
  @Type(() => NarrativePartsDto)
  parts!: NarrativePartsDto;

  @ApiProperty({ description: '读取时的版本号（从未保存过为 0）；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(0, { message: '版本号不正确' })
  @Max(2_000_000_000, { message: '版本号不正确' })
  version!: number;
}

export class ReportNoticeDto implements ReportNoticeInput {
  @ApiProperty({ example: 'ZFXXGKNB', description: '公开目录分类代码' })
  @IsString({ message: '请选择信息分类' })
  @IsNotEmpty({ message: '请选择信息分类' })
  @MaxLength(40, { message: '分类代码过长' })
  categoryCode!: string;
}
