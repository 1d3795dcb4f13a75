import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { may, rolesFor, STAFF_ROLE_LABELS, type StaffPermission } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { ApiError } from '../errors/api-error';
import type { StaffPrincipal } from './staff-principal';
import { authenticateStaff, staffPrincipal } from './staff-session';
import { principalParam } from './tokens';

const PERMISSIONS_KEY = 'gongkai:permissions';

/** Staff holding any of these permissions (shared's PERMISSIONS table) may call the route. */
export const RequirePermission = (...permissions: StaffPermission[]) => SetMetadata(PERMISSIONS_KEY, permissions);

type WithStaff = FastifyRequest & { staff?: StaffPrincipal };

export const CurrentStaff = principalParam('staff');

/** Checks the bearer token, then that the account still exists, is active and the token is of its current version, then the roles. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @InjectRepository(StaffAccount) private readonly accounts: Repository<StaffAccount>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithStaff>();
    const account = await authenticateStaff(this.jwt, this.accounts, request);
    request.staff = staffPrincipal(account);

    const required = this.reflector.getAllAndOverride<StaffPermission[] | undefined>(PERMISSIONS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (required?.length && !required.some((permission) => may(account.roles, permission))) {
      const roles = [...new Set(required.flatMap((permission) => rolesFor(permission)))];
      throw ApiError.forbidden(`此操作需要以下角色之一：${roles.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
