import { ApiError } from '../common/errors/api-error';

/** WeChat answered with a non-zero errcode. */
export class WechatApiError extends Error {
  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${path}: errcode ${errcode} (${errmsg})`);
    this.name = 'WechatApiError';
  }
}

/**
 * No usable answer: the connection failed or was cut (`network`), no answer within
 * WECHAT_TIMEOUT_MS (`timeout`), an HTTP error status (`http`), or a body that is not the JSON
 * WeChat sends (`bad-response`). Never carries the URL, whose query may hold the AppSecret.
 */
export class WechatTransportError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'network' | 'timeout' | 'http' | 'bad-response',
    detail: string,
    readonly status?: number,
  ) {
    super(`${path}: ${kind} ${detail}`);
    this.name = 'WechatTransportError';
  }
}

/** Worth one more try: WeChat busy (-1), a 5xx, or a broken connection. Not a timeout: its time is spent. */
export function isTransient(error: unknown): boolean {
  if (error instanceof WechatApiError) return error.errcode === -1;
  if (error instanceof WechatTransportError) return error.kind === 'network' || (error.kind === 'http' && (error.status ?? 0) >= 500);
  return false;
}

/** The access token was refused (40001 invalid, 42001 expired): invalidate it and fetch another. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof WechatApiError && (error.errcode === 40001 || error.errcode === 42001);
}

export const wechatUnavailable = (): ApiError => new ApiError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');

export const wechatNotConfigured = (): ApiError => new ApiError(503, 'WECHAT_NOT_CONFIGURED', '小程序登录尚未配置');

/** What a failed jscode2session means for the parent signing in. */
export function sessionError(error: unknown): ApiError {
  if (error instanceof WechatApiError && error.errcode === 40029) return new ApiError(401, 'WECHAT_CODE_INVALID', '登录凭证无效，请重新进入小程序后再试');
  if (error instanceof WechatApiError && error.errcode === 40163) return new ApiError(401, 'WECHAT_CODE_INVALID', '登录凭证已使用，请重新登录');
  return wechatUnavailable();
}
