import type {
  CancelDisclosureFeeRequest,
  ChargeDisclosureFeeRequest,
  DisclosureAlerts,
  DisclosureChallengeInput,
  DisclosureChallengeView,
  DisclosureConsultationEndRequest,
  DisclosureConsultationRequest,
  DisclosureCreated,
  DisclosureExtensionRefusal,
  DisclosureExtensionRequest,
  DisclosureFeeView,
  DisclosureLetterView,
  DisclosureSupplementNoticeRequest,
  DraftDisclosureLetterRequest,
  FeeMethod,
  FeeQuote,
  Page,
  RefundDisclosureFeeRequest,
  ReturnDisclosureLetterRequest,
  StaffDisclosureListItem,
  StaffDisclosureQuery,
  StaffDisclosureView,
  StaffDisclosureSupplementRequest,
  StaffEnterDisclosureRequest,
  UpdateDisclosureChallengeRequest,
} from '@gongkai/shared';
import { apiUrl } from './config';
import { request } from './request';

/**
 * 依申请公开 for staff (`/staff/disclosure/…`): the inbox, entering a request that arrived on
 * paper, the handling steps, the fee, the reply letter and the register of reconsiderations and
 * lawsuits. Every step carries the `version` last seen; a stale one is refused with 409 and the
 * page reloads. After a fee or letter step the pages read the request again for the full view.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));
const staff = (id: number | string) => `/staff/disclosure/requests/${enc(id)}`;
const post = <T>(path: string, body: unknown) => request<T>(path, { method: 'POST', auth: 'staff', body });

/** The inbox's scopes: open (overdue first), approval (extensions and letters for the head), finished, all. */
export type StaffDisclosureScope = NonNullable<StaffDisclosureQuery['scope']>;

export function listStaffDisclosures(scope: StaffDisclosureScope, cursor?: string, limit = 20): Promise<Page<StaffDisclosureListItem>> {
  return request<Page<StaffDisclosureListItem>>('/staff/disclosure/requests', { auth: 'staff', query: { scope, cursor, limit } });
}

/** What the staff home counts (overdue, due soon, to confirm, waiting for the head). */
export function getDisclosureAlerts(): Promise<DisclosureAlerts> {
  return request<DisclosureAlerts>('/staff/disclosure/alerts', { auth: 'staff' });
}

/** A request that arrived in person, by post or by fax; answers the tracking number and the verification code (shown once). */
export function enterDisclosureRequest(body: StaffEnterDisclosureRequest): Promise<DisclosureCreated> {
  return post<DisclosureCreated>('/staff/disclosure/requests', body);
}

/** The request (identity in full only for its handler; the read is access-logged). */
export function getStaffDisclosure(id: number | string): Promise<StaffDisclosureView> {
  return request<StaffDisclosureView>(staff(id), { auth: 'staff' });
}

// ── handling (each answers the new view) ────────────────────────────────

export function confirmDisclosureReceipt(id: number, version: number): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/confirm-receipt`, { version });
}

/** 告知补正: what to supply and, when not the default, the working days given to supply it. */
export function requestDisclosureSupplement(id: number, body: DisclosureSupplementNoticeRequest): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/supplement-request`, body);
}

/** A supplement that arrived on paper: the clock restarts on `receivedDate`. */
export function enterDisclosureSupplement(id: number, body: StaffDisclosureSupplementRequest): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/supplement`, body);
}

export function startDisclosureConsultation(id: number, body: DisclosureConsultationRequest): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/consultation`, body);
}

export function endDisclosureConsultation(id: number, body: DisclosureConsultationEndRequest): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/consultation/end`, body);
}

export function requestDisclosureExtension(id: number, body: DisclosureExtensionRequest): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/extension`, body);
}

export function approveDisclosureExtension(id: number, version: number): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/extension/approve`, { version });
}

export function refuseDisclosureExtension(id: number, body: DisclosureExtensionRefusal): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/extension/refuse`, body);
}

/** An internal note (never shown to the applicant); carries no version: it changes no state. */
export function addDisclosureNote(id: number, text: string): Promise<StaffDisclosureView> {
  return post(`${staff(id)}/notes`, { text });
}

// ── fee ─────────────────────────────────────────────────────────────────

/** The public calculator. 按件 counts the applicant's earlier pieces this month; staff do not know them, the server does. */
export function getDisclosureFeeQuote(method: FeeMethod, count: number, priorPiecesThisMonth = 0): Promise<FeeQuote> {
  return request<FeeQuote>('/disclosure/fee', { query: { method, count, ...(method === 'piece' ? { priorPiecesThisMonth } : {}) } });
}

export function chargeDisclosureFee(id: number, body: ChargeDisclosureFeeRequest): Promise<DisclosureFeeView> {
  return post(`${staff(id)}/fee`, body);
}

export function cancelDisclosureFee(id: number, body: CancelDisclosureFeeRequest): Promise<DisclosureFeeView> {
  return post(`${staff(id)}/fee/cancel`, body);
}

/** The office head refunds a fee charged wrongly (all or part of what was paid). */
export function refundDisclosureFee(id: number, body: RefundDisclosureFeeRequest): Promise<DisclosureFeeView> {
  return post(`${staff(id)}/fee/refund`, body);
}

// ── reply letter ────────────────────────────────────────────────────────

export function draftDisclosureLetter(id: number, body: DraftDisclosureLetterRequest): Promise<DisclosureLetterView> {
  return post(`${staff(id)}/letter`, body);
}

/** The head approves: the letter is numbered, rendered and sent. Never by its drafter (the server says so). */
export function approveDisclosureLetter(id: number, version: number): Promise<DisclosureLetterView> {
  return post(`${staff(id)}/letter/approve`, { version });
}

export function returnDisclosureLetter(id: number, body: ReturnDisclosureLetterRequest): Promise<DisclosureLetterView> {
  return post(`${staff(id)}/letter/return`, body);
}

/** Absolute URL of a request's document for staff (needs the staff bearer token). */
export function staffDisclosureFileUrl(id: number | string, file: 'letter.html' | 'letter.pdf' | 'fee-notice'): string {
  return apiUrl(`${staff(id)}/${file}`);
}

// ── reconsiderations and lawsuits (table 四) ────────────────────────────

/** The year's records (by filing date), every page of them: a county's year has a handful, never many pages. */
export async function listDisclosureChallenges(year: number): Promise<DisclosureChallengeView[]> {
  const all: DisclosureChallengeView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await request<Page<DisclosureChallengeView>>('/staff/disclosure/challenges', { auth: 'staff', query: { year, cursor, limit: 50 } });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

export function createDisclosureChallenge(body: DisclosureChallengeInput): Promise<DisclosureChallengeView> {
  return post('/staff/disclosure/challenges', body);
}

export function updateDisclosureChallenge(id: number, body: UpdateDisclosureChallengeRequest): Promise<DisclosureChallengeView> {
  return request<DisclosureChallengeView>(`/staff/disclosure/challenges/${enc(id)}`, { method: 'PUT', auth: 'staff', body });
}
