import { createParamDecorator, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { TokenKind, TokenResponse } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../clock/clock';
import { ApiError } from '../errors/api-error';

/** What a bearer token says: whose account, and whether it is a staff or a parent account. */
export interface TokenClaims {
  sub: string;
  kind: TokenKind;
  /** Staff: the account's token version when the token was signed; a password change, deactivation or role change moves it on. */
  ver?: number;
}

/** A staff token's account and the token version it was signed at. */
export interface StaffTokenClaims {
  id: number;
  tokenVersion: number;
}

/**
 * Signs and checks bearer tokens on the app's clock: `iat` (and so `exp`, TOKEN_TTL_SECONDS later)
 * comes from `Clock`, and a token is checked against the same clock, so a test moves time past a
 * token's lifetime instead of waiting for it.
 */
@Injectable()
export class Tokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A token for one account; staff tokens carry the account's token version. */
  async issue(kind: TokenKind, id: number, tokenVersion?: number): Promise<TokenResponse> {
    const iat = this.clock.nowSeconds();
    const claims: TokenClaims & { iat: number } = { sub: String(id), kind, ...(tokenVersion !== undefined ? { ver: tokenVersion } : {}), iat };
    // The JwtModule's expiresIn counts from the payload's iat.
    const token = await this.jwt.signAsync(claims);
    return { token, expiresAt: new Date((iat + this.config.auth.tokenTtlSeconds) * 1000).toISOString() };
  }

  /** Checks the request's bearer token and returns the account id it names, if it is of `kind`. */
  async verifyBearer(request: FastifyRequest, kind: TokenKind): Promise<number> {
    return Number((await this.verifyClaims(request, kind)).sub);
  }

  /**
   * Checks a staff bearer token (signature, expiry, kind) and returns what it names. Only half the
   * check: `StaffSessions.currentAccount` (staff-session.ts) then holds it against the account.
   */
  async verifyStaffBearer(request: FastifyRequest): Promise<StaffTokenClaims> {
    const claims = await this.verifyClaims(request, 'staff');
    // Tokens signed before token versions existed name version 0, the column's starting value.
    const tokenVersion = claims.ver ?? 0;
    if (!Number.isSafeInteger(tokenVersion)) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    return { id: Number(claims.sub), tokenVersion };
  }

  private async verifyClaims(request: FastifyRequest, kind: TokenKind): Promise<TokenClaims> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]!, { algorithms: ['HS256'], clockTimestamp: this.clock.nowSeconds() });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new ApiError(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
      throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    }
    // A parent token on a staff route, or the other way round, is as good as none.
    if (claims.kind !== kind || !/^\d+$/.test(claims.sub)) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    return claims;
  }
}

/**
 * A handler parameter for the principal a guard found, which it keeps on the request under the
 * token kind (`request.staff`, `request.parent`).
 */
export function principalParam(kind: TokenKind): () => ParameterDecorator {
  return createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => {
    const principal = ctx.switchToHttp().getRequest<FastifyRequest & Partial<Record<TokenKind, unknown>>>()[kind];
    if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    return principal;
  });
}
