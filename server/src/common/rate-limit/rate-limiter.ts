import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Global,
  Inject,
  Injectable,
  Module,
  OnModuleInit,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ApiError } from '../errors/api-error';

/** The limited actions; each counts per client address (`request.ip`, an IPv6 /64 as one). */
export type RateLimitName = 'wechatSignIn' | 'demoSignIn' | 'search' | 'disclosureLookup';

type Check = ReturnType<FastifyInstance['createRateLimit']>;

/** Counts a request against its limit and refuses it with 429 RATE_LIMITED once over. */
@Injectable()
export class RateLimiter implements OnModuleInit {
  private readonly checks = new Map<RateLimitName, Check>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (typeof fastify.createRateLimit !== 'function') throw new Error('@fastify/rate-limit is not registered (createApp registers it)');
    const { windowMs, signInMax, searchMax, lookupMax } = this.config.rateLimit;
    const limits: Record<RateLimitName, number> = { wechatSignIn: signInMax, demoSignIn: signInMax, search: searchMax, disclosureLookup: lookupMax };
    for (const [name, max] of Object.entries(limits) as [RateLimitName, number][]) {
      if (max === 0) continue;
      this.checks.set(name, fastify.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (req) => `${name}:${normalizeIP(req.ip)}` }));
    }
  }

  async check(name: RateLimitName, request: FastifyRequest): Promise<void> {
    const check = this.checks.get(name);
    if (!check) return;
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    throw new ApiError(429, 'RATE_LIMITED', `操作过于频繁，请 ${seconds} 秒后再试`, undefined, { 'retry-after': String(seconds) });
  }
}

const LIMIT_KEY = 'gongkai:rate-limit';

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(LIMIT_KEY, context.getHandler());
    if (name) await this.limiter.check(name, context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}

/** Limits a route per client address (RATE_LIMIT_*); counted before the body is validated. */
export function RateLimited(name: RateLimitName): MethodDecorator {
  return applyDecorators(
    SetMetadata(LIMIT_KEY, name),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED：同一地址请求过于频繁（Retry-After 给出秒数）' }),
  );
}

@Global()
@Module({ providers: [RateLimiter, RateLimitGuard], exports: [RateLimiter, RateLimitGuard] })
export class RateLimitModule {}
