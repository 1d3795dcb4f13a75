import type { CreateDisclosureRequest, DisclosureCreated, StaffDisclosureView, StaffEnterDisclosureRequest } from '@gongkai/shared';
import type { ApiClient } from './api-client';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A valid 居民身份证号码 (GB 11643: 17 digits and the MOD 11-2 check character) for person `n`:
 * 370725 (昌乐县), born 1 January 1980, sequence n. Different n, different person.
 */
export function residentId(n: number): string {
  const body = `37072519800101${String(n).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK[sum % 11];
}

/** A natural person's request body with `fields` over it. */
export function aDisclosureRequest(fields: Partial<CreateDisclosureRequest> = {}): CreateDisclosureRequest {
  return {
    applicantType: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: residentId(1),
    phone: '13812345678',
    description: '2026年本县义务教育学校招生计划及其编制依据',
    provisionForm: 'electronic',
    delivery: 'online',
    ...fields,
  };
}

/** An online request by `parent` (201), as the mini-program sends it. */
export async function submittedOnline(parent: ApiClient, fields: Partial<CreateDisclosureRequest> = {}): Promise<DisclosureCreated> {
  const res = await parent.post('/disclosure/requests', aDisclosureRequest(fields));
  if (res.status !== 201) throw new Error(`disclosure request: ${res.status} ${res.text}`);
  return res.body as DisclosureCreated;
}

/** A request that arrived by post and was signed for on `receivedDate`, entered by `staff` (it is being processed at once). */
export async function enteredByPost(staff: ApiClient, receivedDate: string, fields: Partial<StaffEnterDisclosureRequest> = {}): Promise<DisclosureCreated> {
  const res = await staff.post('/staff/disclosure/requests', { ...aDisclosureRequest(), channel: 'post', receivedDate, ...fields });
  if (res.status !== 201) throw new Error(`staff entry: ${res.status} ${res.text}`);
  return res.body as DisclosureCreated;
}

export async function staffView(staff: ApiClient, id: number): Promise<StaffDisclosureView> {
  const res = await staff.get(`/staff/disclosure/requests/${id}`);
  if (res.status !== 200) throw new Error(`staff view ${id}: ${res.status} ${res.text}`);
  return res.body as StaffDisclosureView;
}

/** The handler confirms an online request's receipt (today becomes its receipt date). */
export async function confirmReceipt(handler: ApiClient, id: number): Promise<StaffDisclosureView> {
  const { version } = await staffView(handler, id);
  const res = await handler.post(`/staff/disclosure/requests/${id}/confirm-receipt`, { version });
  if (res.status !== 200) throw new Error(`confirm receipt ${id}: ${res.status} ${res.text}`);
  return res.body as StaffDisclosureView;
}

/** Issues a fee notice on the request's current version; returns the raw response. */
export async function charge(handler: ApiClient, id: number, method: 'piece' | 'volume', count: number) {
  const { version } = await staffView(handler, id);
  return handler.post(`/staff/disclosure/requests/${id}/fee`, { version, method, count });
}
