import type { DisclosureCreated, StaffDisclosureView, StaffEnterDisclosureRequest } from '@gongkai/shared';
import type { ApiClient } from './api-client';

/** The ID number the staff-side tests enter (a valid 居民身份证号码: GB 11643's check character). */
export const STAFF_TEST_ID = '11010519491231002X';

/** A request that arrived by post, as staff type it in, with `fields` over it. */
export function anEntry(fields: Partial<StaffEnterDisclosureRequest> = {}): StaffEnterDisclosureRequest {
  return {
    channel: 'post',
    receivedDate: '2026-09-14',
    applicantType: 'natural_person',
    name: '李四',
    idType: 'resident_id',
    idNumber: STAFF_TEST_ID,
    phone: '13912345678',
    address: '山东省潍坊市昌乐县宝城街道新昌路1号',
    postcode: '262400',
    description: '2026年秋季学期县城小学学区划分方案',
    provisionForm: 'paper',
    delivery: 'post',
    ...fields,
  };
}

/** Enters a request as `staff` (201) and returns what the entry answers. */
export async function entered(staff: ApiClient, fields: Partial<StaffEnterDisclosureRequest> = {}): Promise<DisclosureCreated> {
  const res = await staff.post('/staff/disclosure/requests', anEntry(fields));
  if (res.status !== 201) throw new Error(`staff entry: ${res.status} ${res.text}`);
  return res.body as DisclosureCreated;
}

/** The staff view of request `id` as `staff` reads it (200). */
export async function staffView(staff: ApiClient, id: number): Promise<StaffDisclosureView> {
  const res = await staff.get(`/staff/disclosure/requests/${id}`);
  if (res.status !== 200) throw new Error(`staff view ${id}: ${res.status} ${res.text}`);
  return res.body as StaffDisclosureView;
}

/** A handling step with the version just read; returns the raw response (the test checks the status). */
export async function step(staff: ApiClient, id: number, path: string, body: Record<string, unknown> = {}) {
  const version = (await staffView(staff, id)).version;
  return staff.post(`/staff/disclosure/requests/${id}/${path}`, { version, ...body });
}
