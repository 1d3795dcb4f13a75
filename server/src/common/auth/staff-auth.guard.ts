import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { STAFF_ROLE_LABELS, type StaffRole } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { ApiError } from '../errors/api-error';
import type { StaffPrincipal } from './staff-principal';
import { authenticateStaff, staffPrincipal } from './staff-session';
import { principalParam } from './tokens';

const ROLES_KEY = 'gongkai:roles';

/** Any of these roles may call the route (admin does not imply the others). */
export const RequireRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

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

    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (required?.length && !required.some((role) => account.roles.includes(role))) {
      throw ApiError.forbidden(`此操作需要以下角色之一：${required.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
