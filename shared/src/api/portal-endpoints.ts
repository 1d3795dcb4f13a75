/**
 * Signed pushes to the county portal: the endpoints admins register on
 * `/api/v1/staff/portal/endpoints`, and each notice's sync state per endpoint. Every publication,
 * correction and withdrawal reaches each matching endpoint as one `SyncChange` (the change feed's
 * JSON) in a POST, signed with the endpoint's secret.
 */

/** A secret given by the admin: at least / at most this many characters (a generated one is 43: 32 random bytes, base64url). */
export const PORTAL_ENDPOINT_SECRET_MIN = 16;
export const PORTAL_ENDPOINT_SECRET_MAX = 200;

/**
 * A notice's state at one endpoint, from its latest change:
 * - `synced`: the portal acknowledged it (2xx)
 * - `pending`: queued or being sent, also while retried after an error (for at least PORTAL_RETRY_HOURS)
 * - `failed`: given up (retries ran out, or the portal refused the request with a 4xx); staff re-send it
 */
export const PORTAL_SYNC_STATES = ['synced', 'pending', 'failed'] as const;
export type PortalSyncState = (typeof PORTAL_SYNC_STATES)[number];

export const PORTAL_SYNC_STATE_LABELS: Record<PortalSyncState, string> = {
  synced: '已同步',
  pending: '待推送',
  failed: '推送失败',
};

/** Body of POST /staff/portal/endpoints. */
export interface PortalEndpointInput {
  /** Which portal, e.g. “县政府门户网站 教育局专栏”. */
  name: string;
  /** Where the pushes go (http or https). */
  url: string;
  /** The shared secret of the signature (16–200 characters); left out: the server generates one and shows it once. */
  secret?: string;
  /** Category codes whose notices go there; empty or left out: all. */
  categories?: string[];
  /** Default true; an inactive endpoint keeps its place and catches up when activated again. */
  active?: boolean;
}

/** Body of PATCH (or PUT) /staff/portal/endpoints/:id: fields left out stay. */
export interface PortalEndpointUpdate {
  name?: string;
  url?: string;
  /** A new secret (16–200 characters). */
  secret?: string;
  /** true: the server generates a new secret and shows it once. */
  generateSecret?: boolean;
  categories?: string[];
  active?: boolean;
}

/** How many notices are in each state at an endpoint. */
export interface PortalSyncCounts {
  synced: number;
  pending: number;
  failed: number;
}

export interface PortalEndpointView {
  id: number;
  name: string;
  url: string;
  /** Category codes; empty: all. */
  categories: string[];
  active: boolean;
  counts: PortalSyncCounts;
  /** When the secret in force was set (the secret itself is never shown again). */
  secretSetAt: string;
  createdAt: string;
  updatedAt: string;
}

/** The answer to POST and PATCH: `secret` only when the server generated it just now (shown once), else null. */
export interface PortalEndpointSaved extends PortalEndpointView {
  secret: string | null;
}

/** One notice at one endpoint: its latest change and how its push went. */
export interface PortalDeliveryView {
  noticeId: number;
  /** The notice's title now (as staff see it). */
  title: string;
  /** Position of the change in the change log. */
  seq: number;
  kind: 'published' | 'updated' | 'withdrawn';
  state: PortalSyncState;
  /** Attempts of this change so far (since its last re-send). */
  attempts: number;
  /** The portal's HTTP status of the last attempt; null: no answer (timeout, connection refused) or not tried yet. */
  lastStatus: number | null;
  /** Short description of the last failure; null after a success. */
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
}

/** GET /staff/notices/:id/portal-sync: the notice at each endpoint. */
export interface NoticePortalSync {
  noticeId: number;
  endpoints: NoticePortalSyncLine[];
}

export interface NoticePortalSyncLine {
  endpointId: number;
  endpointName: string;
  active: boolean;
  /** null: nothing was pushed there (another category, or not public). */
  delivery: PortalDeliveryView | null;
}

/** Body of POST /staff/portal/endpoints/:id/resend: one notice, or every failed one of the endpoint. */
export interface PortalResendRequest {
  noticeId?: number;
}

export interface PortalResendResult {
  /** How many notices were queued again. */
  requeued: number;
}
