import {
  APPLICANT_TYPES,
  DELIVERY_METHODS,
  DISCLOSURE_LIMITS,
  ID_DOCUMENT_TYPES,
  ORGANIZATION_KINDS,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  PROVISION_FORMS,
  creditCodeProblem,
  residentIdNumberProblem,
  type ApplicantDisclosureSupplement,
  type ApplicantType,
  type CreateDisclosureRequest,
  type DeliveryMethod,
  type DisclosureLookupRequest,
  type DisclosureWithdrawRequest,
  type IdDocumentType,
  type OrganizationKind,
  type ProvisionForm,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Spaces people type inside numbers (phone, ID, credit code, verification code). */
const compact = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value);

/** Supplements and reasons: the same cap as what was sought. */
export const DISCLOSURE_TEXT_MAX = DISCLOSURE_LIMITS.description;
export const DISCLOSURE_REASON_MAX = DISCLOSURE_LIMITS.purpose;

/** Validated only for natural persons (required then), or when sent anyway (its type is still checked). */
const forPerson = () => ValidateIf((o: { applicantType?: unknown }, v: unknown) => o.applicantType === 'natural_person' || v !== undefined);
/** The same for organisations. */
const forOrganization = () => ValidateIf((o: { applicantType?: unknown }, v: unknown) => o.applicantType === 'organization' || v !== undefined);

/** A resident ID number (居民身份证) passes GB 11643's check; other documents only their length and characters. */
function IdNumberChecked(): PropertyDecorator {
  const problem = (value: unknown, idType: unknown): string | null => {
    if (typeof value !== 'string') return '证件号码须为文字';
    if (idType === 'resident_id') return residentIdNumberProblem(value);
    return /^[0-9A-Za-z-]{4,30}$/.test(value) ? null : '证件号码应为4至30位字母、数字或连字符';
  };
  return ValidateBy({
    name: 'idNumber',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => problem(value, (args?.object as { idType?: unknown }).idType) === null,
      defaultMessage: (args?: ValidationArguments) => problem(args?.value, (args?.object as { idType?: unknown }).idType) ?? '证件号码有误',
    },
  });
}

function CreditCodeChecked(): PropertyDecorator {
  return ValidateBy({
    name: 'creditCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => (typeof args?.value === 'string' ? (creditCodeProblem(args.value) ?? '') : '统一社会信用代码须为文字'),
    },
  });
}

/**
 * `POST /disclosure/requests` (and, extended, staff entry): the applicant and what they seek.
 * 自然人 give their ID document; 法人或其他组织 their kind and 统一社会信用代码; delivery by post
 * needs an address (2019 Regulation art. 29). Fields of the other applicant type are checked
 * for their type if sent, and not stored.
 */
// class-validator runs a property's rules bottom-up (the last decorator first; stopAtFirstError):
// presence and type are written last, so a missing or mistyped value reports as such, not as a length.
export class CreateDisclosureRequestDto implements CreateDisclosureRequest {
  @ApiProperty({ enum: APPLICANT_TYPES, description: 'natural_person 自然人；organization 法人或其他组织' })
  @IsIn(APPLICANT_TYPES, { message: '申请人类型须为自然人或法人或其他组织' })
  applicantType!: ApplicantType;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, description: '法人或其他组织必填' })
  @forOrganization()
  @IsIn(ORGANIZATION_KINDS, { message: '请选择组织类型（商业企业、科研机构、社会公益组织、法律服务机构或其他）' })
  organizationKind?: OrganizationKind;

  @ApiProperty({ maxLength: DISCLOSURE_LIMITS.name, description: '姓名或名称' })
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.name, { message: `姓名或名称最多 ${DISCLOSURE_LIMITS.name} 个字` })
  @IsString({ message: '姓名或名称须为文字' })
  @IsNotEmpty({ message: '请填写姓名或名称' })
  name!: string;

  @ApiPropertyOptional({ enum: ID_DOCUMENT_TYPES, description: '自然人必填' })
  @forPerson()
  @IsIn(ID_DOCUMENT_TYPES, { message: '请选择证件类型（居民身份证、护照或其他有效证件）' })
  idType?: IdDocumentType;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.idNumber, description: '自然人必填；居民身份证按 GB 11643 校验' })
  @forPerson()
  @Transform(compact)
  @IdNumberChecked()
  @MaxChars(DISCLOSURE_LIMITS.idNumber, { message: `证件号码最多 ${DISCLOSURE_LIMITS.idNumber} 位` })
  @IsString({ message: '证件号码须为文字' })
  @IsNotEmpty({ message: '请填写证件号码' })
  idNumber?: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.creditCode, description: '法人或其他组织必填；按 GB 32100 校验' })
  @forOrganization()
  @Transform(compact)
  @CreditCodeChecked()
  @MaxChars(DISCLOSURE_LIMITS.creditCode, { message: `统一社会信用代码应为 ${DISCLOSURE_LIMITS.creditCode} 位` })
  @IsString({ message: '统一社会信用代码须为文字' })
  @IsNotEmpty({ message: '请填写统一社会信用代码' })
  creditCode?: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.name })
  @Omittable()
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.name, { message: `法定代表人最多 ${DISCLOSURE_LIMITS.name} 个字` })
  @IsString({ message: '法定代表人须为文字' })
  legalRepresentative?: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.name })
  @Omittable()
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.name, { message: `联系人最多 ${DISCLOSURE_LIMITS.name} 个字` })
  @IsString({ message: '联系人须为文字' })
  contactName?: string;

  @ApiProperty({ description: '手机号或固定电话（如 0536-6212345）' })
  @Transform(compact)
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  @MaxChars(DISCLOSURE_LIMITS.phone, { message: PHONE_MESSAGE })
  @IsString({ message: '联系电话须为文字' })
  @IsNotEmpty({ message: '请填写联系电话' })
  phone!: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.email })
  @Omittable()
  @Transform(trim)
  // A pattern, not @IsEmail: validator.js's isEmail throws on a lone surrogate (a 500), a regular expression just fails to match.
  @Matches(/^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u, { message: '请填写正确的电子邮箱' })
  @MaxChars(DISCLOSURE_LIMITS.email, { message: `电子邮箱最多 ${DISCLOSURE_LIMITS.email} 个字符` })
  @IsString({ message: '电子邮箱须为文字' })
  email?: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.address, description: '邮寄送达必填' })
  @ValidateIf((o: { delivery?: unknown }, v: unknown) => o.delivery === 'post' || v !== undefined)
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.address, { message: `通信地址最多 ${DISCLOSURE_LIMITS.address} 个字` })
  @IsString({ message: '通信地址须为文字' })
  @IsNotEmpty({ message: '选择邮寄送达时请填写通信地址' })
  address?: string;

  @ApiPropertyOptional({ description: '6 位邮政编码' })
  @Omittable()
  @Transform(compact)
  @Matches(/^\d{6}$/, { message: '邮政编码应为6位数字' })
  @IsString({ message: '邮政编码须为文字' })
  postcode?: string;

  @ApiProperty({ maxLength: DISCLOSURE_LIMITS.description, description: '所需信息的名称、文号或便于查询的其他特征性描述' })
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.description, { message: `所需信息的描述最多 ${DISCLOSURE_LIMITS.description} 个字` })
  @IsString({ message: '所需信息的描述须为文字' })
  @IsNotEmpty({ message: '请填写所需政府信息的名称、文号或其他特征性描述' })
  description!: string;

  @ApiPropertyOptional({ maxLength: DISCLOSURE_LIMITS.purpose, description: '自愿填写' })
  @Omittable()
  @Transform(trim)
  @MaxChars(DISCLOSURE_LIMITS.purpose, { message: `用途最多 ${DISCLOSURE_LIMITS.purpose} 个字` })
  @IsString({ message: '用途须为文字' })
  purpose?: string;

  @ApiProperty({ enum: PROVISION_FORMS })
  @IsIn(PROVISION_FORMS, { message: '请选择获取信息的载体形式（纸质或电子）' })
  provisionForm!: ProvisionForm;

  @ApiProperty({ enum: DELIVERY_METHODS })
  @IsIn(DELIVERY_METHODS, { message: '请选择获取信息的方式（邮寄、当面领取或网上获取）' })
  delivery!: DeliveryMethod;
}

export class ApplicantDisclosureSupplementDto implements ApplicantDisclosureSupplement {
  @ApiProperty({ maxLength: DISCLOSURE_TEXT_MAX, description: '按补正告知补充的内容' })
  @Transform(trim)
  @MaxChars(DISCLOSURE_TEXT_MAX, { message: `补正内容最多 ${DISCLOSURE_TEXT_MAX} 个字` })
  @IsString({ message: '补正内容须为文字' })
  @IsNotEmpty({ message: '请填写补正内容' })
  text!: string;
}

export class DisclosureWithdrawDto implements DisclosureWithdrawRequest {
  @ApiPropertyOptional({ maxLength: DISCLOSURE_REASON_MAX })
  @Omittable()
  @Transform(trim)
  @MaxChars(DISCLOSURE_REASON_MAX, { message: `撤回理由最多 ${DISCLOSURE_REASON_MAX} 个字` })
  @IsString({ message: '撤回理由须为文字' })
  reason?: string;
}

export class DisclosureLookupDto implements DisclosureLookupRequest {
  @ApiProperty({ example: 'YS20261207001' })
  @Transform(compact)
  @MaxChars(20, { message: '申请编号有误' })
  @IsString({ message: '申请编号须为文字' })
  @IsNotEmpty({ message: '请填写申请编号' })
  trackingNo!: string;

  @ApiProperty({ description: '提交申请时显示的 8 位查询码' })
  @Transform(compact)
  @MaxChars(20, { message: '查询码有误' })
  @IsString({ message: '查询码须为文字' })
  @IsNotEmpty({ message: '请填写查询码' })
  verificationCode!: string;
}
