import { HttpException } from '@nestjs/common';
import type { ErrorCode, ErrorDetail } from '@gongkai/shared';

/** A refusal the client should understand: stable code, Chinese message, optional field details. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message, status);
  }

  static notFound(message = '未找到该信息，可能已删除或尚未公开'): ApiError {
    return new ApiError(404, 'NOT_FOUND', message);
  }

  static forbidden(message = '您没有权限执行此操作'): ApiError {
    return new ApiError(403, 'FORBIDDEN', message);
  }

  static validation(details: ErrorDetail[], message = '提交的内容有误，请检查后重试'): ApiError {
    return new ApiError(400, 'VALIDATION_FAILED', message, details);
  }

  static field(field: string, message: string): ApiError {
    return ApiError.validation([{ field, message }], message);
  }
}
