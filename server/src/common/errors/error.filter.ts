import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorCode } from '../../database/query-logger';
import { ApiError } from './api-error';

const STATUS_DEFAULTS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: '请求格式有误' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '您没有权限执行此操作' },
  404: { code: 'NOT_FOUND', message: '未找到请求的内容' },
  405: { code: 'NOT_FOUND', message: '不支持该请求方式' },
  409: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' },
  415: { code: 'VALIDATION_FAILED', message: '请以 JSON 格式提交' },
  429: { code: 'TOO_MANY_REQUESTS', message: '操作过于频繁，请稍后再试' },
};

/** Turns every error into the one JSON shape; a 500 tells nothing of internals but its request id. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toBody(error, request);
    if (error instanceof ApiError && error.headers) reply.headers(error.headers);
    void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(error: unknown, request: FastifyRequest): ErrorBody {
    if (error instanceof ApiError) return apiErrorBody(error);
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
    const status = error instanceof HttpException ? error.getStatus() : statusOf(error);
    if (status !== undefined && status < 500) {
      const known = STATUS_DEFAULTS[status] ?? { code: 'VALIDATION_FAILED' as ErrorCode, message: '请求有误' };
      // Fastify's JSON parse failures reach here as SyntaxError or, wrapped by Nest, as an
      // HttpException carrying Fastify's message; checked by name, since realms differ under jest.
      const parse =
        (error as Error).name === 'SyntaxError' ||
        /^FST_ERR_CTP_(INVALID_JSON|EMPTY_JSON)/.test(String((error as { code?: string }).code)) ||
        /not valid JSON|Unexpected token|JSON at position/i.test((error as Error).message ?? '');
      return { statusCode: status, code: known.code, message: parse ? '请求内容不是有效的 JSON' : known.message };
    }
    this.logger.error(
      `request ${request.id} ${request.method} ${request.url} failed`,
      stackOf(error),
    );
    return internalErrorBody(String(request.id));
  }
}

/** The body of a refusal; also used by the routes registered on Fastify directly (outside this filter). */
export function apiErrorBody(error: ApiError): ErrorBody {
  const body: ErrorBody = { statusCode: error.getStatus(), code: error.code, message: error.message };
  if (error.details?.length) body.details = error.details;
  return body;
}

/** A 500's body: nothing of internals, the request id to find the log line by. */
export function internalErrorBody(requestId: string): ErrorBody {
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试', requestId };
}

/**
 * The stack to log. A failed query's message is the driver's, which may quote the values
 * (MySQL's "Duplicate entry '…'"): only its error code is kept, the query was logged by shape.
 */
function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name !== 'QueryFailedError') return error.stack ?? `${error.name}: ${error.message}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`QueryFailedError: ${errorCode((error as { driverError?: unknown }).driverError ?? error)}`, ...frames].join('\n');
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
