import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The public lookup's short-lived token: after a correct tracking number and verification code,
 * the lookup answers with a token that opens that one request's letter and fee notice (links a
 * browser can follow without re-sending the code). HMAC-SHA256 over `requestId.expiresAtMs`.
 */
export const LOOKUP_TOKEN_TTL_MS = 30 * 60 * 1000;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', `gongkai/disclosure-lookup/${secret}`).update(payload).digest('base64url');
}

export function signLookupToken(secret: string, requestId: number, expiresAtMs: number): string {
  const payload = `${requestId}.${expiresAtMs}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The request id the token opens, or null when it is malformed, forged or expired. Checks the MAC before reading the payload. */
export function verifyLookupToken(secret: string, token: unknown, nowMs: number): number | null {
  if (typeof token !== 'string' || token.length > 100) return null;
  const last = token.lastIndexOf('.');
  if (last < 0) return null;
  const payload = token.slice(0, last);
  const given = Buffer.from(token.slice(last + 1));
  const expected = Buffer.from(mac(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^(\d{1,10})\.(\d{1,15})$/.exec(payload);
  if (!match) return null;
  if (Number(match[2]) < nowMs) return null;
  return Number(match[1]);
}
