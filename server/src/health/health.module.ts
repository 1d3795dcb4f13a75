import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MigrationsHealthIndicator } from './migrations.health';
import { MigrationsRepository } from './migrations.repository';

/** `/health/live` and `/health/ready` for load balancers (no auth, not cached). */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [MigrationsHealthIndicator, MigrationsRepository],
})
export class HealthModule {}
