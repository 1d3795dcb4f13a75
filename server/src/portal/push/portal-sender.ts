import { createHmac } from 'node:crypto';
import type { PushOutcome } from './portal-outbox.repository';

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`: what X-Gongkai-Signature carries. */
export function pushSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface PushRequest {
  url: string;
  secret: string;
  /** The SyncChange as JSON: signed and sent as these exact bytes. */
  body: string;
  /** Unix seconds. */
  timestamp: number;
  idempotencyKey: string;
  timeoutMs: number;
  /** Aborted when the instance stops: the send is cut off and handed back, not recorded. */
  stop: AbortSignal;
}

/** Statuses worth trying again: the portal is busy, down or being deployed, or asks us to wait. */
const TRANSIENT = new Set([408, 425, 429]);
/** How much of the portal's answer a failure keeps (the row's column holds 300 characters). */
const ANSWER_CHARS = 120;

/**
 * One signed POST to a portal endpoint. 2xx: delivered. 3xx, 408, 425, 429, 5xx, a timeout or a
 * failed connection: tried again later (Retry-After honoured). Any other 4xx: refused — the
 * request itself or our credentials are wrong (401 for a wrong secret), and sending the same
 * bytes again will not help; staff fix the endpoint and re-send. Redirects are not followed, so
 * the signed body never goes anywhere the admin did not register.
 */
export async function sendPush(request: PushRequest): Promise<PushOutcome | 'stopped'> {
  const timestamp = String(request.timestamp);
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'gongkai-portal-push/1',
        'x-gongkai-timestamp': timestamp,
        'x-gongkai-signature': pushSignature(request.secret, timestamp, request.body),
        'idempotency-key': request.idempotencyKey,
      },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(request.timeoutMs), request.stop]),
    });
    const answer = await readSome(res);
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered', status: res.status };
    const error = `门户返回 HTTP ${res.status}${answer ? `：${answer}` : ''}`;
    if (res.status >= 400 && res.status < 500 && !TRANSIENT.has(res.status)) return { kind: 'refused', status: res.status, error };
    return { kind: 'retry', status: res.status, error, retryAfterMs: retryAfter(res.headers.get('retry-after'), request.timestamp * 1000) };
  } catch (error) {
    if (request.stop.aborted) return 'stopped';
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', status: null, error: `门户在 ${request.timeoutMs} 毫秒内没有应答` };
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    return { kind: 'retry', status: null, error: `无法连接门户：${cause?.code ?? cause?.message ?? String((error as Error)?.message ?? error)}` };
  }
}

/** The start of the answer as one line of text (the rest is discarded unread). */
async function readSome(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < 4 * ANSWER_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
