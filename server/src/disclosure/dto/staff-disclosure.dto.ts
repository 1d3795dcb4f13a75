import {
  DISCLOSURE_MAX_EXTENSION_DAYS,
  STAFF_ENTERED_CHANNELS,
  type DisclosureConsultationEndRequest,
  type DisclosureConsultationRequest,
  type DisclosureExtensionRefusal,
  type DisclosureExtensionRequest,
  type DisclosureNoteRequest,
  type DisclosureSupplementNoticeRequest,
  type DisclosureVersioned,
  type StaffDisclosureQuery,
  type StaffDisclosureSupplementRequest,
  type StaffEnterDisclosureRequest,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { CreateDisclosureRequestDto, DISCLOSURE_REASON_MAX, DISCLOSURE_TEXT_MAX } from './applicant.dto';

/** Bodies of the staff side of 依申请公开 (entry, the inbox, the handling steps). */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const VERSION_MESSAGE = '须提供版本号（version）';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest time a handler may give for a 补正 (the default is 15 working days). */
export const SUPPLEMENT_MAX_WORKING_DAYS = 30;

/**
 * `POST /staff/disclosure/requests`: the online form's fields and rules (CreateDisclosureRequestDto)
 * plus how the request arrived and its receipt date.
 */
export class StaffEnterDisclosureRequestDto extends CreateDisclosureRequestDto implements StaffEnterDisclosureRequest {
  @ApiProperty({ enum: STAFF_ENTERED_CHANNELS, description: '当面提交 / 邮寄 / 传真' })
  @IsIn(STAFF_ENTERED_CHANNELS, { message: '申请方式须为当面提交、邮寄或传真' })
  channel!: StaffEnterDisclosureRequest['channel'];

  @ApiProperty({ example: '2026-09-14', description: '收到申请之日（当面：当天；邮寄：签收之日；传真：双方确认之日），不能晚于今天' })
  @IsString({ message: '收到日期须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '收到日期须为 YYYY-MM-DD' })
  receivedDate!: string;
}

export class StaffDisclosureQueryDto extends PageQueryDto implements StaffDisclosureQuery {
  @ApiPropertyOptional({ enum: ['open', 'approval', 'finished', 'all'], default: 'open', description: 'open：未办结的，已超期的在前，再按剩余时间；approval：待负责人审批的答复书和延期；finished：已答复或已终止；all：全部' })
  @Omittable()
  @IsIn(['open', 'approval', 'finished', 'all'], { message: 'scope 须为 open、approval、finished 或 all' })
  scope?: 'open' | 'approval' | 'finished' | 'all';
}

export class DisclosureVersionDto implements DisclosureVersioned {
  @ApiProperty({ description: '当前版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class SupplementNoticeDto extends DisclosureVersionDto implements DisclosureSupplementNoticeRequest {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX, description: '需要补正的事项（申请人可见）' })
  @Transform(trim)
  @IsString({ message: '请写明需要补正的事项' })
  @IsNotEmpty({ message: '请写明需要补正的事项' })
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `补正事项最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  text!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SUPPLEMENT_MAX_WORKING_DAYS, default: 15, description: '补正期限（工作日）' })
  @Omittable()
  @IsInt({ message: '补正期限须为整数个工作日' })
  @Min(1, { message: '补正期限至少 1 个工作日' })
  @Max(SUPPLEMENT_MAX_WORKING_DAYS, { message: `补正期限最多 ${SUPPLEMENT_MAX_WORKING_DAYS} 个工作日` })
  workingDays?: number;
}

export class PaperSupplementDto extends DisclosureVersionDto implements StaffDisclosureSupplementRequest {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX, description: '补正材料的内容或摘要' })
  @Transform(trim)
  @IsString({ message: '请填写补正的内容' })
  @IsNotEmpty({ message: '请填写补正的内容' })
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `补正内容最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  text!: string;

  @ApiProperty({ example: '2026-09-25', description: '收到补正材料之日，答复期限自该日起重新计算' })
  @IsString({ message: '收到日期须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '收到日期须为 YYYY-MM-DD' })
  receivedDate!: string;
}

export class ConsultationDto extends DisclosureVersionDto implements DisclosureConsultationRequest {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX, description: '征求意见的第三方和事项（仅工作人员可见）' })
  @Transform(trim)
  @IsString({ message: '请写明征求意见的第三方和事项' })
  @IsNotEmpty({ message: '请写明征求意见的第三方和事项' })
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `说明最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  text!: string;

  @ApiPropertyOptional({ example: '2026-09-22', description: '发出征求意见函之日（默认今天）' })
  @Omittable()
  @IsString({ message: '发出日期须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '发出日期须为 YYYY-MM-DD' })
  sentDate?: string;
}

export class ConsultationEndDto extends DisclosureVersionDto implements DisclosureConsultationEndRequest {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX, description: '第三方的意见或逾期未提出意见（仅工作人员可见）' })
  @Transform(trim)
  @IsString({ message: '请写明第三方的意见' })
  @IsNotEmpty({ message: '请写明第三方的意见' })
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `说明最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  text!: string;

  @ApiPropertyOptional({ example: '2026-10-09', description: '征求意见结束之日（默认今天）' })
  @Omittable()
  @IsString({ message: '结束日期须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '结束日期须为 YYYY-MM-DD' })
  endDate?: string;
}

export class ExtensionDto extends DisclosureVersionDto implements DisclosureExtensionRequest {
  @ApiProperty({ minimum: 1, maximum: DISCLOSURE_MAX_EXTENSION_DAYS, description: '延长的工作日数（累计不超过 20 个工作日）' })
  @IsInt({ message: '延期天数须为整数个工作日' })
  @Min(1, { message: '延期至少 1 个工作日' })
  @Max(DISCLOSURE_MAX_EXTENSION_DAYS, { message: `延期最多 ${DISCLOSURE_MAX_EXTENSION_DAYS} 个工作日` })
  days!: number;

  @ApiProperty({ maxLength: DISCLOSURE_REASON_MAX })
  @Transform(trim)
  @IsString({ message: '请说明延期理由' })
  @IsNotEmpty({ message: '请说明延期理由' })
  @MaxChars(DISCLOSURE_REASON_MAX, { message: `延期理由最多 ${DISCLOSURE_REASON_MAX} 个字` })
  reason!: string;
}

export class ExtensionRefusalDto extends DisclosureVersionDto implements DisclosureExtensionRefusal {
  @ApiProperty({ maxLength: DISCLOSURE_REASON_MAX })
  @Transform(trim)
  @IsString({ message: '请说明不同意延期的理由' })
  @IsNotEmpty({ message: '请说明不同意延期的理由' })
  @MaxChars(DISCLOSURE_REASON_MAX, { message: `理由最多 ${DISCLOSURE_REASON_MAX} 个字` })
  reason!: string;
}

export class DisclosureNoteDto implements DisclosureNoteRequest {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX })
  @Transform(trim)
  @IsString({ message: '请填写备注' })
  @IsNotEmpty({ message: '请填写备注' })
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `备注最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  text!: string;
}
