import type { PushChannel, PushFieldType } from '../push/template-fields';

/** What a parent can subscribe to: announcements of a 公开目录 category, a topic, or a unit (school). */
export const PUSH_TARGET_KINDS = ['category', 'topic', 'unit'] as const;
export type PushTargetKind = (typeof PUSH_TARGET_KINDS)[number];

export const PUSH_CHANNELS: readonly PushChannel[] = ['subscribe', 'template'];

/** One subscription of a parent. */
export interface PushSubscriptionItem {
  kind: PushTargetKind;
  code: string;
}

/** GET and PUT /parents/me/subscriptions (PUT replaces the whole set; at most 100). */
export interface PushSubscriptionsBody {
  items: PushSubscriptionItem[];
}

/** What `Taro.requestSubscribeMessage` answers per template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** POST /parents/me/subscribe-results: each `accept` allows one more message of that template. */
export interface SubscribeResultsRequest {
  results: Record<string, SubscribeResult>;
}

/** One subscribe template's remaining one-time acceptances of the signed-in parent. */
export interface PushQuotaView {
  templateId: string;
  remaining: number;
}

/** GET /parents/me/quotas and the answer of POST /parents/me/subscribe-results. */
export interface PushQuotasResponse {
  items: PushQuotaView[];
}

/** A configured template (GET /push/templates, public). */
export interface PushTemplateView {
  id: string;
  name: string;
  fields: Record<string, PushFieldType>;
  /** The keyword names the template shows on the phone (通知标题, 发布时间 …), by field key, where configured. */
  labels?: Record<string, string>;
  page?: string;
}

export interface PushTemplatesResponse {
  /** Mini-program subscribe messages: the ids for requestSubscribeMessage. */
  subscribe: PushTemplateView[];
  /** Official-account template messages. */
  template: PushTemplateView[];
}

/** Who a campaign goes to: subscribers of a category, topic or unit, or every parent. */
export const PUSH_AUDIENCE_KINDS = ['category', 'topic', 'unit', 'all'] as const;
export type PushAudienceKind = (typeof PUSH_AUDIENCE_KINDS)[number];

export interface PushAudience {
  kind: PushAudienceKind;
  /** Required unless kind is `all`. */
  code?: string;
}

/** Notice fields a template field can take its value from; any other string is used literally. */
export const PUSH_FIELD_SOURCES = ['title', 'summary', 'publishedAt', 'unitName', 'categoryName', 'indexNo'] as const;
export type PushFieldSource = (typeof PUSH_FIELD_SOURCES)[number];

/** What a push sends, apart from its notice and audience: a manual campaign's content, or a category's automatic one. */
export interface PushContent {
  channels: PushChannel[];
  /** The template of each channel named in `channels`. */
  templateIds: Partial<Record<PushChannel, string>>;
  /** Template field key → a PushFieldSource or a literal text. Keys of both channels' templates. */
  fieldMapping: Record<string, string>;
}

/** POST /staff/pushes and /staff/pushes/preview (publisher). */
export interface CreatePushRequest extends PushContent {
  /** A published 主动公开 notice. */
  noticeId: number;
  audience: PushAudience;
}

/**
 * A category's automatic push (PUT /staff/push/auto-push/:categoryCode, admin): when a
 * 主动公开 notice of the category is published, a campaign with this content goes to the
 * category's subscribers, once per notice. `null` turns it off.
 */
export type AutoPushSetting = PushContent;

/** One category with its automatic push (GET /staff/push/auto-push, admin; the answer of PUT). */
export interface AutoPushCategoryView {
  code: string;
  name: string;
  autoPush: AutoPushSetting | null;
  /** When auto push was turned on (kept while it is edited): notices published before are never pushed automatically. */
  autoPushSince: string | null;
}

/** PUT /staff/push/auto-push/:categoryCode: set or replace (checked against the configured templates like a campaign) or, with `null`, turn off. */
export interface AutoPushUpdateRequest {
  autoPush: AutoPushSetting | null;
}

/** `createdBy` of the campaigns the system makes for AutoPushSetting. */
export const AUTO_PUSH_CREATOR = 'system:auto-push';

/** The data of one channel exactly as it will be sent. */
export interface PushChannelPreview {
  channel: PushChannel;
  templateId: string;
  data: Record<string, { value: string }>;
  /** Values that had to be shortened or cleaned. */
  changed: { key: string; from: string; to: string }[];
  /** Values that cannot be made valid (the campaign is refused while any remain). */
  problems: { key: string; message: string }[];
}

/** One keyword of a previewed message, in the template's order. */
export interface PushPreviewField {
  key: string;
  type: PushFieldType;
  /** The name the phone shows beside the value: the template's keyword name, or a stand-in (`第1项（内容）`) when it is not configured. */
  label: string;
}

/** A channel's preview: the data as it will be sent, and what staff need to draw it as the recipient sees it. */
export interface PushPreviewChannel extends PushChannelPreview {
  /** The template's title as configured (新信息发布提醒 …). */
  templateName: string;
  fields: PushPreviewField[];
  /** Whether tapping the message opens the notice in the mini-program (a template message does only when the mini-program is configured). */
  opensNotice: boolean;
}

export interface PushPreviewResponse {
  channels: PushPreviewChannel[];
}

export const PUSH_DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type PushDeliveryStatus = (typeof PUSH_DELIVERY_STATUSES)[number];

/**
 * Why a delivery was skipped or failed:
 * - `no_quota` (skipped): no remaining subscribe acceptance for the template when the campaign was made
 * - `no_openid` (skipped): the parent has no mini-program openid (demo parents)
 * - `not_following` (skipped, or failed on 43004): no followed official account linked by unionid
 * - `refused` (43101): the user refused or has no acceptance left (the quota is set to 0)
 * - `invalid_openid` (40003), `invalid_template` (40037), `invalid_data` (47003)
 * - `retries_exhausted`: transient errors until PUSH_MAX_ATTEMPTS
 * - `outcome_unknown`: a subscribe send's instance stopped mid-send (its lease ran out); not resent, so never twice
 * - `error`: any other WeChat answer
 */
export const PUSH_FAILURE_REASONS = [
  'no_quota', 'no_openid', 'not_following', 'refused', 'invalid_openid', 'invalid_template', 'invalid_data',
  'retries_exhausted', 'outcome_unknown', 'error',
] as const;
export type PushFailureReason = (typeof PUSH_FAILURE_REASONS)[number];

export type PushCampaignStatus = 'active' | 'cancelled';

/** POST /staff/pushes → 201, and GET /staff/pushes/:id. */
export interface PushCampaignView {
  id: number;
  noticeId: number;
  noticeTitle: string;
  audience: PushAudience;
  channels: PushChannel[];
  templateIds: Partial<Record<PushChannel, string>>;
  status: PushCampaignStatus;
  createdAt: string;
  createdBy: string | null;
  /** Deliveries (one per recipient and channel). */
  total: number;
  byStatus: Record<PushDeliveryStatus, number>;
  failedByReason: Partial<Record<PushFailureReason, number>>;
  skippedByReason: Partial<Record<PushFailureReason, number>>;
  /** Share of the deliveries that reached a final status (0–1). */
  progress: number;
  /** The first send; null before it. */
  startedAt: string | null;
  /** When nothing is left queued or sending; null before. */
  finishedAt: string | null;
}

/** One recipient's delivery (GET /staff/pushes/:id/deliveries). */
export interface PushDeliveryView {
  id: number;
  parentId: number;
  channel: PushChannel;
  /** Masked (`oAbc****yz`). */
  openid: string | null;
  status: PushDeliveryStatus;
  reason: PushFailureReason | null;
  attempts: number;
  lastErrorCode: string | null;
  sentAt: string | null;
  dryRun: boolean;
  /** Template messages: WeChat's TEMPLATESENDJOBFINISH status, when it arrived. */
  jobStatus: string | null;
}

/** GET /staff/pushes/:id/dry-run: what a dry-run campaign would have sent, one entry per delivery. */
export interface PushDryRunView {
  items: {
    deliveryId: number;
    parentId: number;
    channel: PushChannel;
    /** The WeChat API path the request would have gone to. */
    path: string;
    /** The request body as it would have been sent. */
    body: Record<string, unknown>;
    createdAt: string;
  }[];
}
