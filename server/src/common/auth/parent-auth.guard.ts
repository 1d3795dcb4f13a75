import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import type { ParentPrincipal } from './staff-principal';
import { ParentSessions } from './staff-session';
import { principalParam, Tokens } from './tokens';

export type { ParentPrincipal } from './staff-principal';

type WithParent = FastifyRequest & { parent?: ParentPrincipal };

export const CurrentParent = principalParam('parent');

/** The mirror of StaffAuthGuard: a parent token (never a staff one) whose account still exists. */
@Injectable()
export class ParentAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: Tokens,
    private readonly parents: ParentSessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithParent>();
    const parent = await this.parents.currentAccount(await this.tokens.verifyBearer(request, 'parent'));
    if (!parent) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    request.parent = parent;
    return true;
  }
}
