import { FILE_ID } from '../../storage/object-store';
import {
  DISCLOSURE_ATTRIBUTES,
  INFO_TYPES,
  NOTICE_LIMITS,
  NOTICE_STATUSES,
  type AttachmentInput,
  type DisclosureAttribute,
  type InfoType,
  type NoticeDraftInput,
  type NoticeStatus,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUrl, Matches, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../common/errors/validators';
import { PageQueryDto } from '../../common/paging/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const FILE_ID_PATTERN = new RegExp(`^${FILE_ID}$`);
const isFile = (o: AttachmentDto) => o.fileId !== undefined && o.fileId !== null;

/** An uploaded file gives only its id (and perhaps a new name): its address and size are the server's. */
function NotWithFile(message: string): PropertyDecorator {
  return ValidateBy({ name: 'notWithFile', validator: { validate: (_value: unknown, args) => !isFile(args!.object as AttachmentDto) } }, { message });
}

/** An attachment of a draft: an uploaded file (`fileId`, optionally a new name) or a link typed by hand (name, url, size). */
export class AttachmentDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, example: null, description: '上传接口（POST /staff/attachments）返回的 fileId；填写时不填 url 和 size（链接附件不填或为 null）' })
  @OmittableOrNull()
  @IsString({ message: '附件文件编号须为文字' })
  @Matches(FILE_ID_PATTERN, { message: '附件文件编号不正确，请重新上传' })
  fileId?: string | null;

  @ApiPropertyOptional({ example: '附件1：昌乐县2026年城区小学招生范围.xlsx', description: '链接附件必填；上传的文件可不填（沿用原文件名），改名时保留原扩展名' })
  @ValidateIf((o: AttachmentDto) => !isFile(o) || o.name !== undefined)
  @Transform(trim)
  @IsString({ message: '附件名称须为文字' })
  @IsNotEmpty({ message: '附件名称不能为空' })
  @MaxChars(NOTICE_LIMITS.attachmentNameMax, { message: `附件名称最多 ${NOTICE_LIMITS.attachmentNameMax} 个字` })
  name?: string;

  @ApiPropertyOptional({ example: 'https://www.changle.gov.cn/uploads/jyj/2026/zsfw.xlsx', description: '链接附件的地址（上传的文件不填）' })
  @ValidateIf((o: AttachmentDto) => !isFile(o) || o.url !== undefined)
  @NotWithFile('上传的文件不需填写附件地址')
  @IsString({ message: '附件地址须为文字' })
  @MaxChars(1000, { message: '附件地址过长' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '附件地址须为 http 或 https 网址' })
  url?: string;

  @ApiPropertyOptional({ description: '链接附件的字节数（上传的文件不填）' })
  @ValidateIf((o: AttachmentDto) => !isFile(o) || o.size !== undefined)
  @NotWithFile('上传的文件不需填写附件大小')
  @IsInt({ message: '附件大小须为整数（字节）' })
  @Min(0, { message: '附件大小不能为负数' })
  size?: number;
}

export class NoticeDraftDto implements NoticeDraftInput {
  @ApiProperty({ maxLength: NOTICE_LIMITS.titleMax })
  @Transform(trim)
  @IsString({ message: '标题须为文字' })
  @IsNotEmpty({ message: '标题不能为空' })
  @MaxChars(NOTICE_LIMITS.titleMax, { message: `标题最多 ${NOTICE_LIMITS.titleMax} 个字` })
  title!: string;

  @ApiProperty({ example: 'ZSKS' })
  @IsString({ message: '请选择分类' })
  @IsNotEmpty({ message: '请选择分类' })
  categoryCode!: string;

  @ApiPropertyOptional({ type: [String], example: ['zoning'] })
  @Omittable()
  @IsArray({ message: '专题须为列表' })
  @ArrayMaxSize(NOTICE_LIMITS.topicsMax, { message: `最多选择 ${NOTICE_LIMITS.topicsMax} 个专题` })
  @IsString({ each: true, message: '专题代码须为文字' })
  topicCodes?: string[];

  @ApiPropertyOptional({ description: '默认为本人所在单位；仅管理员可代其他单位发布' })
  @Omittable()
  @IsString({ message: '单位代码须为文字' })
  unitCode?: string;

  @ApiPropertyOptional({ example: '乐教发〔2026〕12号', nullable: true })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '文号须为文字' })
  @MaxChars(NOTICE_LIMITS.documentNoMax, { message: `文号最多 ${NOTICE_LIMITS.documentNoMax} 个字` })
  documentNo?: string | null;

  @ApiPropertyOptional({ enum: DISCLOSURE_ATTRIBUTES, default: 'proactive' })
  @Omittable()
  @IsIn(DISCLOSURE_ATTRIBUTES, { message: '公开属性须为主动公开、依申请公开或不予公开' })
  disclosure?: DisclosureAttribute;

  @ApiPropertyOptional({ nullable: true })
  @OmittableOrNull()
  @Transform(trim)
  @IsString({ message: '公开理由须为文字' })
  @MaxChars(200, { message: '公开理由最多 200 个字' })
  disclosureReason?: string | null;

  @ApiProperty({ enum: INFO_TYPES })
  @IsIn(INFO_TYPES, { message: '请选择信息类别（机构设置及人事、政策法规、业务公开或招标采购）' })
  infoType!: InfoType;

  @ApiPropertyOptional({ description: '是否规范性文件' })
  @Omittable()
  @IsBoolean({ message: '规范性文件标记须为是或否' })
  normative?: boolean;

  @ApiPropertyOptional({ example: '2026-03-01', nullable: true })
  @OmittableOrNull()
  @Matches(DATE, { message: '印发日期格式须为 YYYY-MM-DD' })
  normativeIssuedOn?: string | null;

  @ApiPropertyOptional({ example: '2031-03-01', nullable: true })
  @OmittableOrNull()
  @Matches(DATE, { message: '废止日期格式须为 YYYY-MM-DD' })
  normativeRepealedOn?: string | null;

  @ApiPropertyOptional({ maxLength: NOTICE_LIMITS.summaryMax })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '摘要须为文字' })
  @MaxChars(NOTICE_LIMITS.summaryMax, { message: `摘要最多 ${NOTICE_LIMITS.summaryMax} 个字` })
  summary?: string;

  @ApiProperty({ description: '正文 HTML；保存时按白名单清理' })
  @IsString({ message: '正文须为文字' })
  @IsNotEmpty({ message: '正文不能为空' })
  @MaxChars(NOTICE_LIMITS.bodyMax, { message: '正文过长' })
  bodyHtml!: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @Omittable()
  @IsArray({ message: '附件须为列表' })
  @ArrayMaxSize(NOTICE_LIMITS.attachmentsMax, { message: `最多 ${NOTICE_LIMITS.attachmentsMax} 个附件` })
  @ValidateNested({ each: true, message: '附件须为上传的文件（fileId）或包含名称、地址和大小的链接' })
  @Type(() => AttachmentDto)
  attachments?: AttachmentInput[];
}

export class NoticeUpdateDto extends PartialType(NoticeDraftDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: '读取时的版本号；与当前不符则拒绝，避免覆盖他人的修改' })
  @Omittable()
  @IsInt({ message: '版本号须为整数' })
  version?: number;
}

export class StaffNoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES })
  @Omittable()
  @IsIn(NOTICE_STATUSES, { message: '状态不正确' })
  status?: NoticeStatus;
}
