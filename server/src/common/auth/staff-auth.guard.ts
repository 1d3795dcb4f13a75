import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { may, rolesFor, STAFF_ROLE_LABELS, type StaffPermission } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import type { StaffPrincipal } from './staff-principal';
import { StaffSessions } from './staff-session';
import { principalParam, Tokens } from './tokens';

const PERMISSIONS_KEY = 'gongkai:permissions';

/** Staff holding any of these permissions (shared's PERMISSIONS table) may call the route. */
export const RequirePermission = (...permissions: StaffPermission[]) => SetMetadata(PERMISSIONS_KEY, permissions);

type WithStaff = FastifyRequest & { staff?: StaffPrincipal };

export const CurrentStaff = principalParam('staff');

/** Checks the bearer token, then that the account still exists, is active and the token is of its current version, then the roles. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: Tokens,
    private readonly reflector: Reflector,
    private readonly sessions: StaffSessions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithStaff>();
    const account = await this.sessions.currentAccount(await this.tokens.verifyStaffBearer(request));
    request.staff = account;

    const required = this.reflector.getAllAndOverride<StaffPermission[] | undefined>(PERMISSIONS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (required?.length && !required.some((permission) => may(account.roles, permission))) {
      const roles = [...new Set(required.flatMap((permission) => rolesFor(permission)))];
      throw ApiError.forbidden(`此操作需要以下角色之一：${roles.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
