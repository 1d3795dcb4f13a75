import type {
  ErasureRecordView,
  Page,
  PersonalDataAccessView,
  RightsRequestReply,
  RightsRequestStatus,
  StaffRightsRequestView,
} from '@gongkai/shared';
import { request } from './request';

/**
 * The staff side of personal information (admin): parents' rights requests (查阅、更正、删除…, answered
 * within 15 working days), the records of staff reading parents' personal data, and what was erased.
 * Reading one request is itself recorded as a personal-data read.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));

export interface RightsRequestQuery {
  status?: RightsRequestStatus;
  cursor?: string;
  limit?: number;
}

export function listRightsRequests(query: RightsRequestQuery = {}): Promise<Page<StaffRightsRequestView>> {
  return request<Page<StaffRightsRequestView>>('/staff/privacy/rights-requests', {
    auth: 'staff',
    query: { status: query.status, cursor: query.cursor, limit: query.limit },
  });
}

export function getRightsRequest(id: number | string): Promise<StaffRightsRequestView> {
  return request<StaffRightsRequestView>(`/staff/privacy/rights-requests/${enc(id)}`, { auth: 'staff' });
}

/** 办结 or 不予办理 with the reply the parent reads; once only (a second reply is refused). */
export function replyRightsRequest(id: number | string, body: RightsRequestReply): Promise<StaffRightsRequestView> {
  return request<StaffRightsRequestView>(`/staff/privacy/rights-requests/${enc(id)}/reply`, { method: 'POST', auth: 'staff', body });
}

export interface AccessLogQuery {
  /** Only the reads of this parent's data. */
  parentId?: number;
  /** Only what this staff account (username) read. */
  actor?: string;
  cursor?: string;
  limit?: number;
}

export function listAccessLog(query: AccessLogQuery = {}): Promise<Page<PersonalDataAccessView>> {
  return request<Page<PersonalDataAccessView>>('/staff/privacy/access-log', {
    auth: 'staff',
    query: { parentId: query.parentId, actor: query.actor, cursor: query.cursor, limit: query.limit },
  });
}

/** `parentId`: only one parent's erasures (cancellation, withdrawn consents). */
export function listErasures(query: { parentId?: number; cursor?: string; limit?: number } = {}): Promise<Page<ErasureRecordView>> {
  return request<Page<ErasureRecordView>>('/staff/privacy/erasures', {
    auth: 'staff',
    query: { parentId: query.parentId, cursor: query.cursor, limit: query.limit },
  });
}
