import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent, request as send } from 'undici';
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

/** undici's codes for a connection, headers or body that did not come within the timeout. */
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Pause before each further try (randomised ±50 %). One entry: two tries in all. */
const RETRY_DELAYS_MS = [150];

/**
 * Every HTTP call to WeChat goes through here: one base URL, one timeout, errcode turned into
 * WechatApiError and every other failure into WechatTransportError. URLs are never logged or
 * put into errors (their query may carry the AppSecret or an access token).
 *
 * undici's `request` on a keep-alive pool of our own rather than `fetch`: a push fan-out makes
 * thousands of calls a second, and fetch's web-streams layer cost about three times the CPU per
 * call here.
 */
@Injectable()
export class WechatHttp implements OnApplicationShutdown {
  private readonly agent: Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // undici's own timers (one wheel for all requests) instead of an AbortSignal per call.
    const timeout = config.wechat.timeoutMs;
    this.agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout });
  }

  /** After every module's onModuleDestroy: the push worker finishes its sends in flight first. */
  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

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
    let data: unknown;
    try {
      const response = await send(url, {
        method,
        dispatcher: this.agent,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (response.statusCode < 200 || response.statusCode > 299) {
        await response.body.dump();
        throw new WechatTransportError(path, 'http', `status ${response.statusCode}`, response.statusCode);
      }
      const text = await response.body.text();
      try {
        data = JSON.parse(text);
      } catch {
        throw new WechatTransportError(path, 'bad-response', `not JSON (${text.length} bytes)`);
      }
    } catch (error) {
      if (error instanceof WechatTransportError) throw error;
      if (TIMEOUTS.has((error as { code?: string } | null)?.code ?? '')) throw new WechatTransportError(path, 'timeout', `no answer within ${this.config.wechat.timeoutMs} ms`);
      throw new WechatTransportError(path, 'network', describe(error));
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new WechatTransportError(path, 'bad-response', 'not a JSON object');
    const { errcode, errmsg } = data as { errcode?: unknown; errmsg?: unknown };
    if (errcode !== undefined && errcode !== 0) throw new WechatApiError(path, Number(errcode), String(errmsg ?? ''));
    return data as T;
  }
}

/** The error's code says what (ECONNREFUSED, UND_ERR_SOCKET for a cut connection …). */
function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  return e?.code ?? e?.cause?.code ?? String(e?.message ?? error);
}
