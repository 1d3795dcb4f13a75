/**
 * Who asks and how a 依申请公开 request arrives (2019 Regulation, arts. 29–31): the applicant
 * types of the yearly report's table 三, the channels with their receipt-date rule, and the forms
 * and deliveries an applicant may choose.
 */

export const APPLICANT_TYPES = ['natural_person', 'organization'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = { natural_person: '自然人', organization: '法人或其他组织' };

/** The five kinds of 法人或其他组织 the yearly report counts (table 三's columns). */
export const ORGANIZATION_KINDS = ['commercial', 'research', 'public_welfare', 'legal_service', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  commercial: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
};

/** A natural person's identity document; an organisation is identified by its 统一社会信用代码. */
export const ID_DOCUMENT_TYPES = ['resident_id', 'passport', 'other'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];
export const ID_DOCUMENT_TYPE_LABELS: Record<IdDocumentType, string> = { resident_id: '居民身份证', passport: '护照', other: '其他有效证件' };

/**
 * How the request arrived. Online requests come from the mini-program; the others are entered by
 * staff. The receipt date (art. 31): in person the day it is handed in; by post the day it is
 * signed for; online and by fax the day both sides confirm it.
 */
export const DISCLOSURE_CHANNELS = ['online', 'in_person', 'post', 'fax'] as const;
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];
export const DISCLOSURE_CHANNEL_LABELS: Record<DisclosureChannel, string> = { online: '网上申请', in_person: '当面提交', post: '邮寄', fax: '传真' };
export const RECEIPT_RULE_LABELS: Record<DisclosureChannel, string> = {
  online: '以双方确认之日为收到申请之日',
  in_person: '以提交之日为收到申请之日',
  post: '以签收之日为收到申请之日',
  fax: '以双方确认之日为收到申请之日',
};
/** Channels staff enter (online requests enter themselves). */
export const STAFF_ENTERED_CHANNELS = ['in_person', 'post', 'fax'] as const satisfies readonly DisclosureChannel[];

export const PROVISION_FORMS = ['paper', 'electronic'] as const;
export type ProvisionForm = (typeof PROVISION_FORMS)[number];
export const PROVISION_FORM_LABELS: Record<ProvisionForm, string> = { paper: '纸质', electronic: '电子' };

export const DELIVERY_METHODS = ['post', 'pickup', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = { post: '邮寄', pickup: '当面领取', online: '网上获取' };

/** Length caps of the request's fields (the server's DTOs and the form share them). */
export const DISCLOSURE_LIMITS = {
  name: 50,
  idNumber: 30,
  creditCode: 18,
  phone: 20,
  address: 200,
  postcode: 6,
  email: 100,
  description: 2000,
  purpose: 500,
  /** 一事一申请: the pieces a request counts as (按件计收). */
  maxPieces: 100,
} as const;
