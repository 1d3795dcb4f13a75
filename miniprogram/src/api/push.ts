import type {
  CreatePushRequest,
  Page,
  PushCampaignView,
  PushDeliveryView,
  PushPreviewResponse,
  PushQuotasResponse,
  PushSubscriptionItem,
  PushSubscriptionsBody,
  PushTemplatesResponse,
  SubscribeResult,
} from '@gongkai/shared';
import { request } from './request';

/** Announcement pushes: the parent's subscriptions and quotas, and the publisher's campaigns. */

export function getPushTemplates(): Promise<PushTemplatesResponse> {
  return request<PushTemplatesResponse>('/push/templates');
}

export function getSubscriptions(): Promise<PushSubscriptionsBody> {
  return request<PushSubscriptionsBody>('/parents/me/subscriptions', { auth: 'parent' });
}

/** Replaces the whole set. */
export function putSubscriptions(items: PushSubscriptionItem[]): Promise<PushSubscriptionsBody> {
  return request<PushSubscriptionsBody>('/parents/me/subscriptions', { method: 'PUT', auth: 'parent', body: { items } });
}

export function reportSubscribeResults(results: Record<string, SubscribeResult>): Promise<PushQuotasResponse> {
  return request<PushQuotasResponse>('/parents/me/subscribe-results', { method: 'POST', auth: 'parent', body: { results } });
}

export function getQuotas(): Promise<PushQuotasResponse> {
  return request<PushQuotasResponse>('/parents/me/quotas', { auth: 'parent' });
}

export function previewPush(body: CreatePushRequest): Promise<PushPreviewResponse> {
  return request<PushPreviewResponse>('/staff/pushes/preview', { method: 'POST', auth: 'staff', body });
}

export function createPush(body: CreatePushRequest): Promise<PushCampaignView> {
  return request<PushCampaignView>('/staff/pushes', { method: 'POST', auth: 'staff', body });
}

const campaign = (id: number | string) => `/staff/pushes/${encodeURIComponent(String(id))}`;

export function getPush(id: number | string): Promise<PushCampaignView> {
  return request<PushCampaignView>(campaign(id), { auth: 'staff' });
}

export function listPushDeliveries(id: number | string, cursor?: string): Promise<Page<PushDeliveryView>> {
  return request<Page<PushDeliveryView>>(`${campaign(id)}/deliveries`, { auth: 'staff', query: { cursor, limit: 50 } });
}

export function cancelPush(id: number | string): Promise<PushCampaignView> {
  return request<PushCampaignView>(`${campaign(id)}/cancel`, { method: 'POST', auth: 'staff' });
}
