import type { ErrorBody, ErrorCode, ErrorDetail } from '@gongkai/shared';

/** Codes the client gives failures that never reached the server or came back unreadable. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'WECHAT_LOGIN_FAILED';

export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务暂时不可用，请稍后重试';
export const WECHAT_LOGIN_FAILED_MESSAGE = '微信登录失败，请稍后重试';

/** Every failed API call ends in one of these; `message` is Chinese and can be shown as is. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details?: ErrorDetail[];
  readonly requestId?: string;

  constructor(body: { statusCode: number; code: ErrorCode | ClientErrorCode; message: string; details?: ErrorDetail[]; requestId?: string }) {
    super(body.message);
    // Keeps `instanceof` working when the class is compiled down to ES5.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    if (body.details) this.details = body.details;
    if (body.requestId) this.requestId = body.requestId;
  }

  get isNetworkError(): boolean {
    return this.code === 'NETWORK_ERROR';
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.statusCode === 'number';
}

/** The error a non-2xx answer turns into: the server's own body when it has the one shape. */
export function errorFromResponse(statusCode: number, data: unknown): ApiError {
  if (isErrorBody(data)) {
    return new ApiError({
      statusCode,
      code: data.code,
      message: data.message,
      ...(data.details ? { details: data.details } : {}),
      ...(data.requestId ? { requestId: data.requestId } : {}),
    });
  }
  return new ApiError({ statusCode, code: 'BAD_RESPONSE', message: BAD_RESPONSE_MESSAGE });
}

export function networkError(): ApiError {
  return new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
}

/** A Chinese sentence for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return BAD_RESPONSE_MESSAGE;
}
