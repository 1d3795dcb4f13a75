import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { PortalClientsService, type PortalCaller } from './portal-clients.service';

type WithPortal = FastifyRequest & { portalClient?: PortalCaller };

/** `Authorization: Bearer <portal key>` (a key admins created on /staff/portal/clients, not revoked). */
@Injectable()
export class PortalKeyGuard implements CanActivate {
  constructor(private readonly clients: PortalClientsService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithPortal>();
    request.portalClient = await this.clients.authenticate(request.headers.authorization);
    return true;
  }
}

/** The portal client the guard found. */
export const CurrentPortalClient = createParamDecorator((_: unknown, ctx: ExecutionContext): PortalCaller => {
  const client = ctx.switchToHttp().getRequest<WithPortal>().portalClient;
  if (!client) throw new ApiError(401, 'UNAUTHENTICATED', '门户密钥缺失、无效或已撤销');
  return client;
});
