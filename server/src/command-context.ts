import { Global, Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClockModule } from './common/clock/clock';
import { MaskingLogger } from './common/logging/masking-logger';
import { RateLimiter, RateLimitGuard } from './common/rate-limit/rate-limiter';
import { PeriodicTasks } from './common/tasks/periodic-tasks';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { runMigrations } from './database/migrate';
import { ENTITIES } from './entities';
import { PrivacyModule } from './privacy/privacy.module';
import type { ObjectStore } from './storage/object-store';
import { StorageModule } from './storage/storage.module';

/** The modules a command uses register their periodic work as in the server; a command does its one job and exits, so none of it starts. */
class CommandTasks extends PeriodicTasks {
  override async onApplicationBootstrap(): Promise<void> {}
}

/**
 * What a command has instead of the server's: periodic work that never starts, and, for the rate
 * limit guard of controllers Nest still builds (nothing serves them: there is no HTTP server), a
 * limiter without Fastify's plugin behind it.
 */
@Global()
@Module({
  providers: [{ provide: PeriodicTasks, useClass: CommandTasks }, { provide: RateLimiter, useValue: {} }, RateLimitGuard],
  exports: [PeriodicTasks, RateLimiter, RateLimitGuard],
})
class CommandOnlyModule {}

@Module({})
class CommandModule {}

/**
 * A Nest application context for a CLI command that needs the server's services (the legacy
 * import): configuration, the system clock, the database (migrated), privacy and storage as the
 * app has them, and `feature`; no HTTP server and no periodic work. Listeners of in-process events
 * are only those of the modules loaded: the running server hears of the command's changes through
 * the database (content version, change log), as a second instance would.
 */
export function createCommandContext(config: AppConfig, objects: ObjectStore, feature: Type<unknown>): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    {
      module: CommandModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(),
        CommandOnlyModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, ENTITIES),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        DatabaseModule,
        PrivacyModule,
        StorageModule.forRoot(objects),
        feature,
      ],
    },
    { logger: new MaskingLogger({ json: config.logJson, logLevels: ['warn', 'error', 'fatal'] }), abortOnError: false },
  );
}
