import type {
  ApplicantDisclosureListItem,
  ApplicantDisclosureSupplement,
  ApplicantDisclosureView,
  CreateDisclosureRequest,
  DisclosureCreated,
  DisclosureLookupRequest,
  DisclosureLookupView,
  DisclosureWithdrawRequest,
  FeeMethod,
  FeeQuote,
  Page,
  PayStart,
} from '@gongkai/shared';
import { apiUrl } from './config';
import { request } from './request';

/**
 * 依申请公开 for applicants: the online request, the signed-in applicant's own requests (补正,
 * withdrawal, the fee's payment), the public lookup by tracking number + verification code, and
 * the fee calculator. Staff routes live elsewhere.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));

export function createDisclosureRequest(body: CreateDisclosureRequest): Promise<DisclosureCreated> {
  return request<DisclosureCreated>('/disclosure/requests', { method: 'POST', auth: 'parent', body });
}

export function listMyDisclosureRequests(cursor?: string, limit = 20): Promise<Page<ApplicantDisclosureListItem>> {
  return request<Page<ApplicantDisclosureListItem>>('/parents/me/disclosure-requests', { auth: 'parent', query: { cursor, limit } });
}

const mine = (id: number | string) => `/parents/me/disclosure-requests/${enc(id)}`;

export function getMyDisclosureRequest(id: number | string): Promise<ApplicantDisclosureView> {
  return request<ApplicantDisclosureView>(mine(id), { auth: 'parent' });
}

/** The 补正 the handler asked for, supplied online. */
export function supplyDisclosure(id: number | string, text: string): Promise<ApplicantDisclosureView> {
  const body: ApplicantDisclosureSupplement = { text };
  return request<ApplicantDisclosureView>(`${mine(id)}/supplement`, { method: 'POST', auth: 'parent', body });
}

export function withdrawDisclosure(id: number | string, reason?: string): Promise<ApplicantDisclosureView> {
  const body: DisclosureWithdrawRequest = reason ? { reason } : {};
  return request<ApplicantDisclosureView>(`${mine(id)}/withdraw`, { method: 'POST', auth: 'parent', body });
}

/** Starts paying the fee: WeChat Pay parameters for `Taro.requestPayment`, or (embedded demo) a payment already simulated. */
export function payDisclosureFee(id: number | string): Promise<PayStart> {
  return request<PayStart>(`${mine(id)}/pay`, { method: 'POST', auth: 'parent' });
}

/** Absolute URLs of a signed-in applicant's documents (they need the parent's bearer token). */
export function myDisclosureFileUrl(id: number | string, file: 'letter.html' | 'letter.pdf' | 'fee-notice'): string {
  return apiUrl(`${mine(id)}/${file}`);
}

// ── public ──────────────────────────────────────────────────────────────

/** The request as its applicant sees it (no actions), and a short-lived token for its letter and fee notice. */
export function lookupDisclosure(body: DisclosureLookupRequest): Promise<DisclosureLookupView> {
  return request<DisclosureLookupView>('/disclosure/lookup', { method: 'POST', body });
}

/** Absolute URLs of the documents the lookup's token opens (no sign-in; the token expires after a while). */
export function lookupFileUrl(token: string, file: 'letter.html' | 'letter.pdf' | 'fee-notice'): string {
  return apiUrl(`/disclosure/lookup/${enc(token)}/${file}`);
}

export function getFeeQuote(method: FeeMethod, count: number, priorPiecesThisMonth = 0): Promise<FeeQuote> {
  return request<FeeQuote>('/disclosure/fee', { query: { method, count, ...(method === 'piece' ? { priorPiecesThisMonth } : {}) } });
}
