import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WechatApiError, WechatTransportError, isTransient } from './wechat-errors';

export interface WechatRequest {
  method: 'GET' | 'POST';
  /** e.g. `/sns/jscode2session`; appended to WECHAT_API_BASE. */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: object;
  /**
   * Only for calls that are safe to repeat: one more try after -1, a 5xx or a broken connection.
   * Never for sends that may have reached WeChat (a message would go out twice).
   */
  retry?: boolean;
}

/** Pause before each further try (randomised ±50 %). One entry: two tries in all. */
const RETRY_DELAYS_MS = [150];

/**
 * Every HTTP call to WeChat goes through here: one base URL, one timeout, errcode turned into
 * WechatApiError and every other failure into WechatTransportError. URLs are never logged or
 * put into errors (their query may carry the AppSecret or an access token).
 */
@Injectable()
export class WechatHttp {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async request<T extends object>(request: WechatRequest): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(request);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!request.retry || delay === undefined || !isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
      }
    }
  }

  private async once<T extends object>({ method, path, query, body }: WechatRequest): Promise<T> {
    const url = new URL(this.config.wechat.apiBase + path);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    const signal = AbortSignal.timeout(this.config.wechat.timeoutMs);
    let data: unknown;
    try {
      const response = await fetch(url, {
        method,
        signal,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new WechatTransportError(path, 'http', `status ${response.status}`, response.status);
      }
      const text = await response.text();
      try {
        data = JSON.parse(text);
      } catch {
        throw new WechatTransportError(path, 'bad-response', `not JSON (${text.length} bytes)`);
      }
    } catch (error) {
      if (error instanceof WechatTransportError) throw error;
      if (signal.aborted) throw new WechatTransportError(path, 'timeout', `no answer within ${this.config.wechat.timeoutMs} ms`);
      throw new WechatTransportError(path, 'network', describe(error));
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new WechatTransportError(path, 'bad-response', 'not a JSON object');
    const { errcode, errmsg } = data as { errcode?: unknown; errmsg?: unknown };
    if (errcode !== undefined && errcode !== 0) throw new WechatApiError(path, Number(errcode), String(errmsg ?? ''));
    return data as T;
  }
}

/** fetch's own message is "fetch failed"; the cause says what (ECONNREFUSED, socket closed …). */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? String((error as Error | null)?.message ?? error);
}
