import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { MigrationsHealthIndicator } from './migrations.health';

/** Outside `/api/v1` (see app.ts), like the official-account callback: what load balancers probe. */
export const HEALTH_PATHS = ['health/live', 'health/ready'];

/** How long a probe waits for the database before calling it down. */
const DATABASE_TIMEOUT_MS = 2000;

@ApiTags('运维')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: '存活检查：进程在运行即 200（不查数据库）' })
  live(@Res() reply: FastifyReply): Promise<void> {
    return this.answer(reply, []);
  }

  @Get('ready')
  @ApiOperation({ summary: '就绪检查：数据库可达且迁移已全部执行时 200，否则 503 并给出详情' })
  ready(@Res() reply: FastifyReply): Promise<void> {
    return this.answer(reply, [
      () => this.database.pingCheck('database', { timeout: DATABASE_TIMEOUT_MS }),
      () => this.migrations.check('migrations', DATABASE_TIMEOUT_MS),
    ]);
  }

  /**
   * Terminus' own body (`status`, `info`, `error`, `details`), 503 when a check is down, never
   * cached. Sent here rather than thrown: the app's error filter would turn a 503 into a bare 500.
   */
  private async answer(reply: FastifyReply, checks: HealthIndicatorFunction[]): Promise<void> {
    let status = 200;
    let body: HealthCheckResult | string | object;
    try {
      body = await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      status = 503;
      body = error.getResponse();
    }
    await reply.status(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
  }
}
