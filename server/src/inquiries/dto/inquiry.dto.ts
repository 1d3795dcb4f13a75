import {
  INQUIRY_KIND_CODES,
  INQUIRY_LIMITS,
  INQUIRY_RATINGS,
  INQUIRY_STATUSES,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  type CreateInquiryRequest,
  type InquiryKindCode,
  type InquiryNoteRequest,
  type InquiryRating,
  type InquiryStatus,
  type InquiryVersioned,
  type PublishQaRequest,
  type RateInquiryRequest,
  type RejectInquiryRequest,
  type ReopenInquiryRequest,
  type ReplyInquiryRequest,
  type ReviewReplyRequest,
  type StaffInquiryQuery,
  type TransferInquiryRequest,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';
import { PageQueryDto } from '../../common/paging/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Spaces people type inside phone numbers. */
const compact = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/[\s]/g, '') : value);
const VERSION_MESSAGE = '须提供版本号（version）';


export class CreateInquiryDto implements CreateInquiryRequest {
  @ApiProperty({ enum: INQUIRY_KIND_CODES })
  @IsIn(INQUIRY_KIND_CODES, { message: '类型须为咨询、投诉、建议或反馈' })
  kind!: InquiryKindCode;

  @ApiProperty({ maxLength: INQUIRY_LIMITS.subjectMax })
  @Transform(trim)
  @IsString({ message: '标题须为文字' })
  @IsNotEmpty({ message: '请填写标题' })
  @MaxChars(INQUIRY_LIMITS.subjectMax, { message: `标题最多 ${INQUIRY_LIMITS.subjectMax} 个字` })
  subject!: string;

  @ApiProperty({ maxLength: INQUIRY_LIMITS.contentMax })
  @Transform(trim)
  @IsString({ message: '内容须为文字' })
  @IsNotEmpty({ message: '请填写内容' })
  @MaxChars(INQUIRY_LIMITS.contentMax, { message: `内容最多 ${INQUIRY_LIMITS.contentMax} 个字` })
  content!: string;

  @ApiPropertyOptional({ type: [String], maxItems: INQUIRY_LIMITS.photosMax })
  @Omittable()
  @IsArray({ message: '照片须为列表' })
  @ArrayMaxSize(INQUIRY_LIMITS.photosMax, { message: `最多 ${INQUIRY_LIMITS.photosMax} 张照片` })
  @IsString({ each: true, message: '照片编号有误' })
  @MaxChars(36, { each: true, message: '照片编号有误' })
  photoIds?: string[];

  @ApiPropertyOptional({ description: '手机号或固定电话（如 0536-6212345）' })
  @Omittable()
  @Transform(compact)
  @IsString({ message: '联系电话须为文字' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiProperty({ description: '是否同意答复后以匿名方式公开为问答' })
  @IsBoolean({ message: '须选择是否同意公开' })
  allowPublish!: boolean;

  @ApiPropertyOptional({ description: '咨询的单位代码；不填则由教育局受理' })
  @Omittable()
  @IsString({ message: '单位代码须为文字' })
  @MaxChars(40, { message: '单位代码有误' })
  unitCode?: string;

  @ApiPropertyOptional({ description: '内容或照片涉及未满十四周岁子女的信息' })
  @Omittable()
  @IsBoolean({ message: '须选择是否涉及子女信息' })
  involvesChild?: boolean;

  @ApiPropertyOptional({ description: '监护人对子女个人信息的单独同意；涉及子女信息时必须为 true' })
  @Omittable()
  @IsBoolean({ message: '须选择是否同意处理子女的信息' })
  childConsent?: boolean;
}

export class RateInquiryDto implements RateInquiryRequest {
  @ApiProperty({ enum: INQUIRY_RATINGS })
  @IsIn(INQUIRY_RATINGS, { message: '评价须为满意、基本满意或不满意' })
  rating!: InquiryRating;

  @ApiPropertyOptional({ maxLength: INQUIRY_LIMITS.ratingCommentMax })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '评价内容须为文字' })
  @MaxChars(INQUIRY_LIMITS.ratingCommentMax, { message: `评价内容最多 ${INQUIRY_LIMITS.ratingCommentMax} 个字` })
  comment?: string;
}

export class ReopenInquiryDto implements ReopenInquiryRequest {
  @ApiProperty({ maxLength: INQUIRY_LIMITS.reasonMax })
  @Transform(trim)
  @IsString({ message: '请说明重新办理的理由' })
  @IsNotEmpty({ message: '请说明重新办理的理由' })
  @MaxChars(INQUIRY_LIMITS.reasonMax, { message: `理由最多 ${INQUIRY_LIMITS.reasonMax} 个字` })
  reason!: string;
}

export class InquiryVersionDto implements InquiryVersioned {
  @ApiProperty({ description: '当前版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class RejectInquiryDto extends InquiryVersionDto implements RejectInquiryRequest {
  @ApiProperty({ maxLength: INQUIRY_LIMITS.reasonMax })
  @Transform(trim)
  @IsString({ message: '不予受理须说明理由' })
  @IsNotEmpty({ message: '不予受理须说明理由' })
  @MaxChars(INQUIRY_LIMITS.reasonMax, { message: `理由最多 ${INQUIRY_LIMITS.reasonMax} 个字` })
  reason!: string;
}

export class TransferInquiryDto extends InquiryVersionDto implements TransferInquiryRequest {
  @ApiProperty({ description: '转办至的单位代码' })
  @IsString({ message: '请选择转办单位' })
  @IsNotEmpty({ message: '请选择转办单位' })
  @MaxChars(40, { message: '单位代码有误' })
  unitCode!: string;

  @ApiProperty({ maxLength: INQUIRY_LIMITS.reasonMax })
  @Transform(trim)
  @IsString({ message: '转办须说明理由' })
  @IsNotEmpty({ message: '转办须说明理由' })
  @MaxChars(INQUIRY_LIMITS.reasonMax, { message: `理由最多 ${INQUIRY_LIMITS.reasonMax} 个字` })
  reason!: string;
}

export class ReplyInquiryDto extends InquiryVersionDto implements ReplyInquiryRequest {
  @ApiProperty({ maxLength: INQUIRY_LIMITS.replyMax })
  @Transform(trim)
  @IsString({ message: '请填写答复内容' })
  @IsNotEmpty({ message: '请填写答复内容' })
  @MaxChars(INQUIRY_LIMITS.replyMax, { message: `答复最多 ${INQUIRY_LIMITS.replyMax} 个字` })
  text!: string;
}

export class ReviewReplyDto extends InquiryVersionDto implements ReviewReplyRequest {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: '审核操作须为通过（approve）或退回（return）' })
  action!: 'approve' | 'return';

  @ApiPropertyOptional({ description: '退回时必填' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '审核意见须为文字' })
  @MaxChars(INQUIRY_LIMITS.reasonMax, { message: `审核意见最多 ${INQUIRY_LIMITS.reasonMax} 个字` })
  opinion?: string;
}

export class InquiryNoteDto implements InquiryNoteRequest {
  @ApiProperty({ maxLength: INQUIRY_LIMITS.noteMax })
  @Transform(trim)
  @IsString({ message: '请填写备注' })
  @IsNotEmpty({ message: '请填写备注' })
  @MaxChars(INQUIRY_LIMITS.noteMax, { message: `备注最多 ${INQUIRY_LIMITS.noteMax} 个字` })
  text!: string;
}

export class PublishQaDto implements PublishQaRequest {
  @ApiProperty({ description: '公开的问题（已去除个人信息）' })
  @Transform(trim)
  @IsString({ message: '请填写问题' })
  @IsNotEmpty({ message: '请填写问题' })
  @MaxChars(INQUIRY_LIMITS.contentMax, { message: `问题最多 ${INQUIRY_LIMITS.contentMax} 个字` })
  question!: string;

  @ApiProperty({ description: '公开的答复（已去除个人信息）' })
  @Transform(trim)
  @IsString({ message: '请填写答复' })
  @IsNotEmpty({ message: '请填写答复' })
  @MaxChars(INQUIRY_LIMITS.replyMax, { message: `答复最多 ${INQUIRY_LIMITS.replyMax} 个字` })
  answer!: string;
}

export class StaffInquiryQueryDto extends PageQueryDto implements StaffInquiryQuery {
  @ApiPropertyOptional({ enum: INQUIRY_STATUSES })
  @Omittable()
  @IsIn(INQUIRY_STATUSES, { message: '状态有误' })
  status?: InquiryStatus;

  @ApiPropertyOptional({ description: '单位代码（系统管理员可选任一单位）' })
  @Omittable()
  @IsString({ message: '单位代码有误' })
  @MaxChars(40, { message: '单位代码有误' })
  unit?: string;

  @ApiPropertyOptional({ enum: ['open', 'all', 'reply_review'], default: 'open', description: 'reply_review：待我审核的投诉答复（科室负责人本单位的、分管领导送交领导的，不含本人撰写的）' })
  @Omittable()
  @IsIn(['open', 'all', 'reply_review'], { message: 'scope 须为 open、all 或 reply_review' })
  scope?: 'open' | 'all' | 'reply_review';

  @ApiPropertyOptional({ description: '按联系电话精确查找（手机号或固定电话，如 0536-6212345）' })
  @Omittable()
  @Transform(compact)
  @IsString({ message: '联系电话须为文字' })
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;
}

export class QaQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '搜索问题和答复' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '搜索词须为文字' })
  @MaxChars(50, { message: '搜索词最多 50 个字' })
  q?: string;

  @ApiPropertyOptional({ enum: INQUIRY_KIND_CODES })
  @Omittable()
  @IsIn(INQUIRY_KIND_CODES, { message: '类型须为咨询、投诉、建议或反馈' })
  kind?: InquiryKindCode;
}

export class InquiryStatsQueryDto {
  @ApiProperty({ description: '开始日期（含），按收到日期', example: '2026-01-01' })
  @IsString({ message: '开始日期须为 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '开始日期须为 YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: '结束日期（含）', example: '2026-12-31' })
  @IsString({ message: '结束日期须为 YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '结束日期须为 YYYY-MM-DD' })
  to!: string;
}
