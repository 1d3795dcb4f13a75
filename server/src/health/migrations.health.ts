import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { MigrationsRepository } from './migrations.repository';

/**
 * Up when every migration this build knows has been applied: an instance of a newer build on an
 * older schema (its start-up migration failed or is still waiting for the lock) is not ready.
 */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly migrations: MigrationsRepository,
  ) {}

  async check(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const pending = await Promise.race([
        this.migrations.pending(),
        // A database that does not answer (MySQL waits for its connect timeout) must not hold the load balancer's probe.
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout of ${timeoutMs}ms exceeded`)), timeoutMs))),
      ]);
      return pending.length ? indicator.down({ pending }) : indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
