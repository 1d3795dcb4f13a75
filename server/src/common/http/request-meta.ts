import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What the audit log keeps of the request behind a change. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip ?? null, requestId: String(request.id) };
});
