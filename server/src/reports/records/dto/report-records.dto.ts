import {
  BRIEFING_KINDS,
  HOT_TOPIC_CHANNELS,
  PROPOSAL_KINDS,
  PROPOSAL_ROLES,
  PROPOSAL_SATISFACTION,
  RECORD_URL_PATTERN,
  REPORT_RECORD_LIMITS,
  YEARLY_AMOUNT_PATTERN,
  YEARLY_COUNT_PATTERN,
  type BriefingInput,
  type BriefingKind,
  type HotTopicChannel,
  type HotTopicInput,
  type NormativeRepealInput,
  type ProposalInput,
  type ProposalKind,
  type ProposalRole,
  type ProposalSatisfaction,
  type YearlyFigureKey,
  type YearlyFiguresInput,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** The shape of a date; whether the day exists is the service's check. */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID_MAX = 2_147_483_647;
const L = REPORT_RECORD_LIMITS;

/** `?year=YYYY` of the lists: checked by the service (400 REPORT_YEAR_INVALID for anything but a year of 2008 … this year). */
export class ReportYearQueryDto {
  @ApiProperty({ type: 'integer', example: 2025, description: '年份（2008 年至今年）' })
  @Allow()
  year?: unknown;
}

/** A record's link: one of the bureau's notices or any http(s) page, at most one of the two. */
class RecordLinkDto {
  @ApiPropertyOptional({ nullable: true, description: '关联的本局信息（与 url 二选一）' })
  @OmittableOrNull()
  @IsInt({ message: '信息编号须为整数' })
  @Min(1, { message: '信息编号须为正整数' })
  @Max(ID_MAX, { message: '信息编号有误' })
  noticeId?: number | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.urlMax, example: 'https://www.changle.gov.cn/jyj/2025/0612.html', description: '关联的网页地址（与 noticeId 二选一）' })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '链接须为网址' })
  @MaxChars(L.urlMax, { message: `链接最多 ${L.urlMax} 个字符` })
  @Matches(RECORD_URL_PATTERN, { message: '链接须为以 http:// 或 https:// 开头的网址' })
  url?: string | null;
}

export class HotTopicDto extends RecordLinkDto implements HotTopicInput {
  @ApiProperty({ example: '2025-06-12', description: '回应日期（不晚于今天；按其年份计入年度报告）' })
  @IsString({ message: '日期格式须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '日期格式须为 YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ maxLength: L.subjectMax, example: '义务教育阶段学校招生入学政策', description: '回应的热点或关切' })
  @Transform(trim)
  @IsString({ message: '主题须为文字' })
  @IsNotEmpty({ message: '请填写主题' })
  @MaxChars(L.subjectMax, { message: `主题最多 ${L.subjectMax} 个字` })
  subject!: string;

  @ApiProperty({ enum: HOT_TOPIC_CHANNELS, description: '回应渠道' })
  @IsIn(HOT_TOPIC_CHANNELS, { message: '回应渠道须为政府网站、微信公众号、政务微博、电视、报纸、新闻发布会、政务服务热线或其他' })
  channel!: HotTopicChannel;
}

export class UpdateHotTopicDto extends HotTopicDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(1, { message: '须提供版本号（version）' })
  version!: number;
}

export class BriefingDto extends RecordLinkDto implements BriefingInput {
  @ApiProperty({ example: '2025-08-20', description: '举办日期（不晚于今天；按其年份计入年度报告）' })
  @IsString({ message: '日期格式须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '日期格式须为 YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ enum: BRIEFING_KINDS, description: '新闻发布会或政策吹风会' })
  @IsIn(BRIEFING_KINDS, { message: '类型须为新闻发布会或政策吹风会' })
  kind!: BriefingKind;

  @ApiProperty({ maxLength: L.subjectMax, example: '2025年秋季学期义务教育招生入学政策解读', description: '主题' })
  @Transform(trim)
  @IsString({ message: '主题须为文字' })
  @IsNotEmpty({ message: '请填写主题' })
  @MaxChars(L.subjectMax, { message: `主题最多 ${L.subjectMax} 个字` })
  subject!: string;

  @ApiProperty({ maxLength: L.speakersMax, example: '县教育局局长 张某', description: '发布人、解读人' })
  @Transform(trim)
  @IsString({ message: '发布人须为文字' })
  @IsNotEmpty({ message: '请填写发布人或解读人' })
  @MaxChars(L.speakersMax, { message: `发布人最多 ${L.speakersMax} 个字` })
  speakers!: string;
}

export class UpdateBriefingDto extends BriefingDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(1, { message: '须提供版本号（version）' })
  version!: number;
}

export class ProposalDto implements ProposalInput {
  @ApiProperty({ type: 'integer', example: 2025, description: '交办年份（计入该年的年度报告）' })
  @IsInt({ message: '年份须为整数' })
  year!: number;

  @ApiProperty({ enum: PROPOSAL_KINDS, description: '人大代表建议或政协提案' })
  @IsIn(PROPOSAL_KINDS, { message: '类型须为人大代表建议或政协提案' })
  kind!: ProposalKind;

  @ApiProperty({ maxLength: L.proposalNumberMax, example: '第45号', description: '建议、提案编号（同一年同一类型不得重复）' })
  @Transform(trim)
  @IsString({ message: '编号须为文字' })
  @IsNotEmpty({ message: '请填写编号' })
  @MaxChars(L.proposalNumberMax, { message: `编号最多 ${L.proposalNumberMax} 个字` })
  number!: string;

  @ApiProperty({ maxLength: L.subjectMax, example: '关于加强农村学校寄宿条件建设的建议', description: '标题' })
  @Transform(trim)
  @IsString({ message: '标题须为文字' })
  @IsNotEmpty({ message: '请填写标题' })
  @MaxChars(L.subjectMax, { message: `标题最多 ${L.subjectMax} 个字` })
  title!: string;

  @ApiProperty({ enum: PROPOSAL_ROLES, description: '主办或协办' })
  @IsIn(PROPOSAL_ROLES, { message: '办理方式须为主办或协办' })
  role!: ProposalRole;

  @ApiPropertyOptional({ nullable: true, maxLength: L.partnersMax, example: '县财政局、县住建局', description: '主办单位（本局协办时）或协办单位（本局主办时）' })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '主办或协办单位须为文字' })
  @MaxChars(L.partnersMax, { message: `主办或协办单位最多 ${L.partnersMax} 个字` })
  partners?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2025-06-28', description: '答复日期（办理中的不填；不晚于今天）' })
  @OmittableOrNull()
  @IsString({ message: '答复日期格式须为 YYYY-MM-DD' })
  @Matches(DATE, { message: '答复日期格式须为 YYYY-MM-DD' })
  replyDate?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: PROPOSAL_SATISFACTION, description: '代表、委员的评价（须已答复）' })
  @OmittableOrNull()
  @IsIn(PROPOSAL_SATISFACTION, { message: '评价须为满意、基本满意或不满意' })
  satisfaction?: ProposalSatisfaction | null;
}

export class UpdateProposalDto extends ProposalDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(1, { message: '须提供版本号（version）' })
  version!: number;
}

const COUNT_MESSAGE = '须为不超过 7 位的非负整数';
const AMOUNT_MESSAGE = '须为以万元计的金额，最多 4 位小数';

/** The figures to enter (any of the four; the others stay as they are). */
export class YearlyFigureValuesDto implements Partial<Record<YearlyFigureKey, string>> {
  @ApiPropertyOptional({ example: '36', description: '行政许可：本年处理决定数量' })
  @Omittable()
  @IsString({ message: `行政许可${COUNT_MESSAGE}` })
  @Matches(YEARLY_COUNT_PATTERN, { message: `行政许可${COUNT_MESSAGE}` })
  licensing?: string;

  @ApiPropertyOptional({ example: '0', description: '行政处罚：本年处理决定数量' })
  @Omittable()
  @IsString({ message: `行政处罚${COUNT_MESSAGE}` })
  @Matches(YEARLY_COUNT_PATTERN, { message: `行政处罚${COUNT_MESSAGE}` })
  penalty?: string;

  @ApiPropertyOptional({ example: '0', description: '行政强制：本年处理决定数量' })
  @Omittable()
  @IsString({ message: `行政强制${COUNT_MESSAGE}` })
  @Matches(YEARLY_COUNT_PATTERN, { message: `行政强制${COUNT_MESSAGE}` })
  enforcement?: string;

  @ApiPropertyOptional({ example: '0', description: '行政事业性收费：本年收费金额（万元）' })
  @Omittable()
  @IsString({ message: `行政事业性收费${AMOUNT_MESSAGE}` })
  @Matches(YEARLY_AMOUNT_PATTERN, { message: `行政事业性收费${AMOUNT_MESSAGE}` })
  charges?: string;
}

export class YearlyFiguresDto implements YearlyFiguresInput {
  @ApiProperty({ type: YearlyFigureValuesDto, description: '要填写或更正的数字（未列出的保持不变）' })
  @IsObject({ message: 'values 须为对象' })
  @ValidateNested()
  @Type(() => YearlyFigureValuesDto)
  values!: YearlyFigureValuesDto;

  @ApiProperty({ description: '读取时的版本号（从未填写过为 0）；已被他人修改时返回 409' })
  @IsInt({ message: '须提供版本号（version）' })
  @Min(0, { message: '须提供版本号（version）' })
  version!: number;
}

export class NormativeRepealDto implements NormativeRepealInput {
  @ApiProperty({ nullable: true, type: String, example: '2025-12-01', description: '废止日期（不早于印发日期、不晚于今天）；null 撤销废止登记' })
  @ValidateIf((_object: unknown, value: unknown) => value !== null)
  @IsString({ message: '废止日期格式须为 YYYY-MM-DD（撤销废止时填 null）' })
  @Matches(DATE, { message: '废止日期格式须为 YYYY-MM-DD（撤销废止时填 null）' })
  repealedOn!: string | null;
}
