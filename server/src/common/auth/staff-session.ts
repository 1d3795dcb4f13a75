import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { Repository } from 'typeorm';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { ApiError } from '../errors/api-error';
import type { StaffPrincipal } from './staff-principal';
import { verifyStaffBearer, type StaffTokenClaims } from './tokens';

/**
 * The account a staff token names, if that account is still active and the token carries its
 * current token version: a password change (by the admin or oneself), a deactivation or a
 * change of roles or unit moves the version on and so ends every older session at once.
 * StaffAuthGuard and every route that checks a staff token itself go through here.
 */
export async function currentStaffAccount(accounts: Repository<StaffAccount>, claims: StaffTokenClaims): Promise<StaffAccount> {
  const account = await accounts.findOne({ where: { id: claims.id } });
  if (!account || !account.active) throw new ApiError(401, 'UNAUTHENTICATED', '账号不存在或已停用，请联系管理员');
  if (account.tokenVersion !== claims.tokenVersion) throw new ApiError(401, 'UNAUTHENTICATED', '密码或账号信息已变更，请重新登录');
  return account;
}

/** Both halves: the request's staff bearer token, held against its account. */
export async function authenticateStaff(jwt: JwtService, accounts: Repository<StaffAccount>, request: FastifyRequest): Promise<StaffAccount> {
  return currentStaffAccount(accounts, await verifyStaffBearer(jwt, request));
}

export function staffPrincipal(account: StaffAccount): StaffPrincipal {
  return { id: account.id, username: account.username, roles: account.roles, unitId: account.unitId };
}
