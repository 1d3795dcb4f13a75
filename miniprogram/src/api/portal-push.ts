import type { Page, PortalDeliveryView, PortalEndpointView, PortalResendResult, PortalSyncState } from '@gongkai/shared';
import { request } from './request';

/** 门户同步 (admin): the county portal's push endpoints, the notices whose pushes failed, and re-sends. */

const enc = (id: number | string) => encodeURIComponent(String(id));

export function listPortalEndpoints(): Promise<PortalEndpointView[]> {
  return request<PortalEndpointView[]>('/staff/portal/endpoints', { auth: 'staff' });
}

export function listPortalDeliveries(endpointId: number, query: { state?: PortalSyncState; cursor?: string; limit?: number } = {}): Promise<Page<PortalDeliveryView>> {
  return request<Page<PortalDeliveryView>>(`/staff/portal/endpoints/${enc(endpointId)}/deliveries`, { auth: 'staff', query: { state: query.state, cursor: query.cursor, limit: query.limit } });
}

/** 重新推送 one notice's latest change, or (no noticeId) 全部重推 every failed one of the endpoint. */
export function resendPortalPushes(endpointId: number, noticeId?: number): Promise<PortalResendResult> {
  return request<PortalResendResult>(`/staff/portal/endpoints/${enc(endpointId)}/resend`, { method: 'POST', auth: 'staff', body: noticeId === undefined ? {} : { noticeId } });
}
