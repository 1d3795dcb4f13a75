import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CONSENT_CHANNELS, type ConsentChannel } from '@gongkai/shared';

/** What the audit log keeps of the request behind a change. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  /** `X-Client-Channel` as the mini-program sends it (weapp / h5); `api` for other clients. */
  channel?: ConsentChannel;
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const header = request.headers['x-client-channel'];
  const channel = (CONSENT_CHANNELS as readonly string[]).includes(String(header)) ? (header as ConsentChannel) : 'api';
  return { ip: request.ip ?? null, requestId: String(request.id), channel };
});
