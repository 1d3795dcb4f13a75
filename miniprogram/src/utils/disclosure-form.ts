import {
  DISCLOSURE_LIMITS,
  creditCodeProblem,
  residentIdNumberProblem,
  PHONE_MESSAGE,
  PHONE_PATTERN,
  type ApplicantType,
  type CreateDisclosureRequest,
  type DeliveryMethod,
  type IdDocumentType,
  type OrganizationKind,
  type ProvisionForm,
} from '@gongkai/shared';

/**
 * The 依申请公开 application form: its state, the checks the page makes before sending (the server
 * makes them again and its per-field messages replace these), and the body it sends.
 */

export interface DisclosureForm {
  applicantType: ApplicantType | '';
  organizationKind: OrganizationKind | '';
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  creditCode: string;
  legalRepresentative: string;
  contactName: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  description: string;
  purpose: string;
  provisionForm: ProvisionForm | '';
  delivery: DeliveryMethod | '';
}

export type DisclosureFormField = keyof DisclosureForm | 'consent';
export type DisclosureFormErrors = Partial<Record<DisclosureFormField, string>>;

export const EMPTY_DISCLOSURE_FORM: DisclosureForm = {
  applicantType: '',
  organizationKind: '',
  name: '',
  idType: 'resident_id',
  idNumber: '',
  creditCode: '',
  legalRepresentative: '',
  contactName: '',
  phone: '',
  email: '',
  address: '',
  postcode: '',
  description: '',
  purpose: '',
  provisionForm: '',
  delivery: '',
};

/** Characters as people count them (an emoji is one). */
export function chars(text: string): number {
  return Array.from(text).length;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE_PATTERN = /^\d{6}$/;

/** The phone as sent: without the spaces people type inside numbers. */
export function compactPhone(phone: string): string {
  return phone.replace(/\s/g, '');
}

function tooLong(value: string, max: number, label: string): string | null {
  return chars(value) > max ? `${label}不能超过${max}字` : null;
}

/** The page's own checks, field by field, in the order the form shows them. */
export function validateDisclosureForm(form: DisclosureForm, consent: boolean): DisclosureFormErrors {
  const e: DisclosureFormErrors = {};
  const org = form.applicantType === 'organization';
  if (!form.applicantType) e.applicantType = '请选择申请人类型';
  if (org && !form.organizationKind) e.organizationKind = '请选择组织类型';
  const name = form.name.trim();
  // The name field appears once a type is chosen; until then that choice is the one error.
  if (!form.applicantType) {
    // nothing more to say about the name yet
  } else if (!name) e.name = org ? '请填写单位名称' : '请填写姓名';
  else e.name = tooLong(name, DISCLOSURE_LIMITS.name, org ? '单位名称' : '姓名') ?? undefined;
  if (form.applicantType === 'natural_person') {
    const id = form.idNumber.trim();
    if (!id) e.idNumber = '请填写证件号码';
    else if (form.idType === 'resident_id') e.idNumber = residentIdNumberProblem(id) ?? undefined;
    else e.idNumber = tooLong(id, DISCLOSURE_LIMITS.idNumber, '证件号码') ?? undefined;
  }
  if (org) {
    const code = form.creditCode.trim();
    if (!code) e.creditCode = '请填写统一社会信用代码';
    else e.creditCode = creditCodeProblem(code) ?? undefined;
    if (!form.legalRepresentative.trim()) e.legalRepresentative = '请填写法定代表人或负责人';
    else e.legalRepresentative = tooLong(form.legalRepresentative.trim(), DISCLOSURE_LIMITS.name, '法定代表人') ?? undefined;
    if (!form.contactName.trim()) e.contactName = '请填写联系人';
    else e.contactName = tooLong(form.contactName.trim(), DISCLOSURE_LIMITS.name, '联系人') ?? undefined;
  }
  const phone = compactPhone(form.phone);
  if (!phone) e.phone = '请填写联系电话';
  else if (!PHONE_PATTERN.test(phone)) e.phone = PHONE_MESSAGE;
  const email = form.email.trim();
  if (email && (!EMAIL_PATTERN.test(email) || chars(email) > DISCLOSURE_LIMITS.email)) e.email = '请填写正确的电子邮箱';
  const address = form.address.trim();
  if (form.delivery === 'post' && !address) e.address = '选择邮寄时请填写通信地址';
  else e.address = tooLong(address, DISCLOSURE_LIMITS.address, '通信地址') ?? undefined;
  const postcode = form.postcode.trim();
  if (postcode && !POSTCODE_PATTERN.test(postcode)) e.postcode = '邮政编码应为6位数字';
  const description = form.description.trim();
  if (!description) e.description = '请描述所需信息（名称、文号或便于查找的特征）';
  else e.description = tooLong(description, DISCLOSURE_LIMITS.description, '所需信息的描述') ?? undefined;
  e.purpose = tooLong(form.purpose.trim(), DISCLOSURE_LIMITS.purpose, '用途说明') ?? undefined;
  if (!form.provisionForm) e.provisionForm = '请选择信息的提供形式';
  if (!form.delivery) e.delivery = '请选择获取信息的方式';
  if (!consent) e.consent = '请阅读并同意个人信息处理说明';
  for (const key of Object.keys(e) as DisclosureFormField[]) if (!e[key]) delete e[key];
  return e;
}

/** The request body: trimmed, only the fields of the chosen applicant type, optional ones left out when empty. */
export function disclosureRequestBody(form: DisclosureForm): CreateDisclosureRequest {
  const org = form.applicantType === 'organization';
  const opt = (key: 'email' | 'address' | 'postcode' | 'purpose') => {
    const v = form[key].trim();
    return v ? { [key]: v } : {};
  };
  return {
    applicantType: form.applicantType as ApplicantType,
    ...(org
      ? {
          organizationKind: form.organizationKind as OrganizationKind,
          creditCode: form.creditCode.trim().toUpperCase(),
          legalRepresentative: form.legalRepresentative.trim(),
          contactName: form.contactName.trim(),
        }
      : { idType: form.idType, idNumber: form.idType === 'resident_id' ? form.idNumber.trim().toUpperCase() : form.idNumber.trim() }),
    name: form.name.trim(),
    phone: compactPhone(form.phone),
    ...opt('email'),
    ...opt('address'),
    ...opt('postcode'),
    description: form.description.trim(),
    ...opt('purpose'),
    provisionForm: form.provisionForm as ProvisionForm,
    delivery: form.delivery as DeliveryMethod,
  };
}

/** Which form field a server detail (`field` of the 400's details) belongs under. */
export function formFieldOf(serverField: string | undefined): DisclosureFormField | null {
  if (!serverField) return null;
  const key = serverField.replace(/^applicant\./, '');
  return key in EMPTY_DISCLOSURE_FORM ? (key as DisclosureFormField) : null;
}
