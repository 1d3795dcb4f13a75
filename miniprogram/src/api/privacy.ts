import type {
  AccountCancellationResult,
  ConsentChangeRequest,
  CreateRightsRequest,
  ParentConsentsView,
  ParentDataExport,
  ParentMe,
  ParentProfileUpdate,
  PrivacyNoticeView,
  RightsRequestView,
} from '@gongkai/shared';
import { request } from './request';

/**
 * The parent's side of personal information: the notice, consents, the export, corrections,
 * rights requests and cancellation (注销). Everything but the notice needs the parent's token.
 */

/** The 个人信息保护政策 (public). */
export function getPrivacyNotice(): Promise<PrivacyNoticeView> {
  return request<PrivacyNoticeView>('/privacy/notice');
}

export function getConsents(): Promise<ParentConsentsView> {
  return request<ParentConsentsView>('/parents/me/consents', { auth: 'parent' });
}

/** Gives or withdraws one consent; the answer is the new state. */
export function changeConsent(body: ConsentChangeRequest): Promise<ParentConsentsView> {
  return request<ParentConsentsView>('/parents/me/consents', { method: 'POST', auth: 'parent', body });
}

/** Everything the bureau holds about the parent. `download` asks for the attachment form (same JSON). */
export function getMyData(download = false): Promise<ParentDataExport> {
  return request<ParentDataExport>('/parents/me/data', { auth: 'parent', ...(download ? { query: { download: 1 } } : {}) });
}

/** Corrects the account name (PUT: wx.request has no PATCH). */
export function updateProfile(body: ParentProfileUpdate): Promise<ParentMe> {
  return request<ParentMe>('/parents/me', { method: 'PUT', auth: 'parent', body });
}

/** 注销: erases the account's personal data; the token stops working. */
export function cancelAccount(): Promise<AccountCancellationResult> {
  return request<AccountCancellationResult>('/parents/me', { method: 'DELETE', auth: 'parent' });
}

export function listRightsRequests(): Promise<RightsRequestView[]> {
  return request<RightsRequestView[]>('/parents/me/rights-requests', { auth: 'parent' });
}

export function createRightsRequest(body: CreateRightsRequest): Promise<RightsRequestView> {
  return request<RightsRequestView>('/parents/me/rights-requests', { method: 'POST', auth: 'parent', body });
}
