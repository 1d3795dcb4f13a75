import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarModule } from './calendar/calendar.module';
import { CatalogModule } from './catalog/catalog.module';
import { Clock, ClockModule } from './common/clock/clock';
import { TasksModule } from './common/tasks/periodic-tasks';
import { RateLimitModule } from './common/rate-limit/rate-limiter';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { runMigrations } from './database/migrate';
import { ENTITIES } from './entities';
import { DemoModule } from './demo/demo.module';
import { IdentityModule } from './identity/identity.module';
import { HealthModule } from './health/health.module';
import { InquiriesModule } from './inquiries/inquiries.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { ReportsModule } from './reports/reports.module';
import { SearchModule } from './search/search.module';
import { PaymentsModule } from './payments/payments.module';
import { PushModule } from './push/push.module';
import { PortalModule } from './portal/portal.module';
import { ZoningModule } from './zoning/zoning.module';
import { PublicWebModule } from './public-web/public-web.module';
import { PrivacyModule } from './privacy/privacy.module';
import { StorageModule } from './storage/storage.module';
import type { ObjectStore } from './storage/object-store';
import { PublishingModule } from './publishing/publishing.module';
import { OfficialAccountModule } from './wechat/official-account/official-account.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock | undefined, objects: ObjectStore): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        TasksModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config, ENTITIES), retryAttempts: config.database.type === 'mysql' ? 5 : 0, retryDelay: 2000 }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        DatabaseModule,
        RateLimitModule,
        PrivacyModule,
        StorageModule.forRoot(objects),
        IdentityModule,
        CatalogModule,
        PublishingModule,
        OfficialAccountModule,
        PushModule,
        PublicWebModule,
        PortalModule,
        ZoningModule,
        CalendarModule,
        InquiriesModule,
        PaymentsModule,
        DisclosureModule,
        ReportsModule,
        SearchModule,
        HealthModule,
        ...(config.demo.enabled ? [DemoModule] : []),
      ],
    };
  }
}
