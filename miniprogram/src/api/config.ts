/**
 * Where the API lives. `process.env.TARO_APP_API_BASE` is replaced at build time (config/index.ts):
 * '' for the H5 build the server serves itself (requests go to /api/v1/… on the same origin),
 * an absolute origin for weapp. Read on every call so tests can change it.
 */
export function apiBase(): string {
  return (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');
}

export const API_PREFIX = '/api/v1';

/** Absolute URL of an API path (`/notices`) or of a server-relative file URL (`/uploads/…`). */
export function apiUrl(path: string): string {
  return `${apiBase()}${API_PREFIX}${path}`;
}

export function fileUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `${apiBase()}${url.startsWith('/') ? '' : '/'}${url}`;
}
