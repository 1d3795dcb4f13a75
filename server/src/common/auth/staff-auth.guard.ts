import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { STAFF_ROLE_LABELS, type StaffRole } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { ApiError } from '../errors/api-error';
import type { StaffPrincipal, TokenClaims } from './staff-principal';

const ROLES_KEY = 'gongkai:roles';

/** Any of these roles may call the route (admin does not imply the others). */
export const RequireRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

type WithStaff = FastifyRequest & { staff?: StaffPrincipal };

export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const staff = ctx.switchToHttp().getRequest<WithStaff>().staff;
  if (!staff) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  return staff;
});

/** Checks the bearer token, then that the account still exists and is active, then the roles. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @InjectRepository(StaffAccount) private readonly accounts: Repository<StaffAccount>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<WithStaff>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]!, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new ApiError(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
      throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    }
    if (claims.kind !== 'staff' || !/^\d+$/.test(claims.sub)) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    const account = await this.accounts.findOne({ where: { id: Number(claims.sub) } });
    if (!account || !account.active) throw new ApiError(401, 'UNAUTHENTICATED', '账号不存在或已停用，请联系管理员');
    request.staff = { id: account.id, username: account.username, roles: account.roles, unitId: account.unitId };

    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (required?.length && !required.some((role) => account.roles.includes(role))) {
      throw ApiError.forbidden(`此操作需要以下角色之一：${required.map((r) => STAFF_ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
