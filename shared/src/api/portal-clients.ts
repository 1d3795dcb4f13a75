/**
 * The county portal's API keys for the change feed (`/api/v1/sync/*`), which admins manage on
 * `/api/v1/staff/portal/clients`, and what the portal tells us back (its own address of a notice).
 */

/** The prefix of every portal key; the rest is 32 random bytes, base64url. */
export const PORTAL_KEY_PREFIX = 'gkp_';

/** Body of POST /staff/portal/clients. */
export interface PortalClientInput {
  /** Which portal or system the key is for, e.g. “县政府门户网站（TRS）”. */
  name: string;
}

export interface PortalClientView {
  id: number;
  name: string;
  /** The key's first characters (`gkp_` and 8 more), to tell keys apart; never the key. */
  keyPrefix: string;
  /** The admin who created it (username). */
  createdBy: string;
  createdAt: string;
  /** The last request made with the key, to the minute; null if never used. */
  lastUsedAt: string | null;
  /** When it was revoked; null while it works. */
  revokedAt: string | null;
}

/** The answer to POST /staff/portal/clients: the only time the key itself is shown. */
export interface PortalClientCreated extends PortalClientView {
  key: string;
}

/** Body of PUT /sync/notices/:id/portal-url. */
export interface PortalUrlInput {
  /** Where the portal published the notice (http or https, at most 500 characters); null: it no longer does. */
  url: string | null;
}

/** The answer to PUT /sync/notices/:id/portal-url. */
export interface PortalUrlView {
  noticeId: number;
  portalUrl: string | null;
}

/** GET /sync/changes: at most this many changes a page (`limit`), and the default. */
export const SYNC_CHANGES_LIMIT_MAX = 500;
export const SYNC_CHANGES_LIMIT_DEFAULT = 100;
