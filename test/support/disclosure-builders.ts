import type { CreateDisclosureRequest, DisclosureCreated, OrganizationKind } from '@gongkai/shared';
import type { ApiClient, ApiResponse } from './api-client';

/** GB 11643-1999's own example number (a person can check its check character by hand). */
export const ID_NUMBER = '11010519491231002X';
/** How every applicant view shows it. */
export const ID_NUMBER_MASKED = '1101**********002X';
/** GB 32100-2015's own example 统一社会信用代码. */
export const CREDIT_CODE = '91350100M000100Y43';

/**
 * A valid 依申请公开 request body of a natural person (张三, resident ID ID_NUMBER, paper by
 * post), with `fields` over it. A validation test may send values the API refuses
 * (`{ idNumber: null }`, `{ name: { a: 1 } }`): fields keep the types given.
 */
export function anApplicantForm<F extends Record<string, unknown> = Record<never, never>>(fields: F = {} as F): Omit<CreateDisclosureRequest, keyof F> & F {
  const base: CreateDisclosureRequest = {
    applicantType: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: ID_NUMBER,
    phone: '13812345678',
    address: '山东省潍坊市昌乐县城关街道新昌路 1 号',
    postcode: '262400',
    description: '2026年昌乐县义务教育阶段学校招生划片范围的文件',
    provisionForm: 'paper',
    delivery: 'post',
  };
  return { ...base, ...fields };
}

/** The same for a 法人或其他组织 (a 商业企业 unless said), with CREDIT_CODE. */
export function anOrganizationForm<F extends Record<string, unknown> = Record<never, never>>(kind: OrganizationKind = 'commercial', fields: F = {} as F) {
  const { idType: _idType, idNumber: _idNumber, ...rest } = anApplicantForm();
  return { ...rest, applicantType: 'organization' as const, organizationKind: kind, name: '昌乐县明德教育咨询有限公司', creditCode: CREDIT_CODE, legalRepresentative: '李四', contactName: '王五', ...fields };
}

/**
 * `aDisclosureRequest(parent).byOrganization().with({ purpose: '研究' }).build()`: submits an
 * online request as the signed-in `parent` and expects 201; answers DisclosureCreated (id,
 * tracking number and the verification code shown once). `send()` answers the raw response.
 */
export class DisclosureRequestBuilder {
  private body: Record<string, unknown> = anApplicantForm();

  constructor(private readonly parent: ApiClient) {}

  byOrganization(kind: OrganizationKind = 'commercial'): this {
    this.body = anOrganizationForm(kind);
    return this;
  }

  with(fields: Partial<CreateDisclosureRequest> | Record<string, unknown>): this {
    this.body = { ...this.body, ...fields };
    return this;
  }

  send(): Promise<ApiResponse<DisclosureCreated>> {
    return this.parent.post<DisclosureCreated>('/disclosure/requests', this.body);
  }

  async build(): Promise<DisclosureCreated> {
    const res = await this.send();
    if (res.status !== 201) throw new Error(`disclosure request: ${res.status} ${res.text}`);
    return res.body;
  }
}

export const aDisclosureRequest = (parent: ApiClient) => new DisclosureRequestBuilder(parent);

/** A staff step on a request (`confirm-receipt`, `supplement-request` …) with the version just read; expects 200 and answers the body. */
export async function staffStep(staff: ApiClient, id: number, step: string, body: Record<string, unknown> = {}): Promise<any> {
  const view = await staff.get(`/staff/disclosure/requests/${id}`);
  if (view.status !== 200) throw new Error(`staff view ${id}: ${view.status} ${view.text}`);
  const res = await staff.post(`/staff/disclosure/requests/${id}/${step}`, { version: view.body.version, ...body });
  if (res.status !== 200) throw new Error(`${step} ${id}: ${res.status} ${res.text}`);
  return res.body;
}
