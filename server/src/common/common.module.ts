import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { AuditLog } from './audit/audit-log.entity';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { ParentAuthGuard } from './auth/parent-auth.guard';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { PublicCache } from './cache/public-cache';
import { EventBus } from './events/event-bus';

/** Cross-cutting pieces every feature module uses: tokens and the guards, audit log, public cache, event bus. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AuditLog, StaffAccount, ParentAccount]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.tokenTtlSeconds, issuer: 'gongkai' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'gongkai' },
      }),
    }),
  ],
  controllers: [AuditController],
  providers: [AuditService, StaffAuthGuard, ParentAuthGuard, PublicCache, EventBus],
  exports: [AuditService, StaffAuthGuard, ParentAuthGuard, PublicCache, EventBus, JwtModule, TypeOrmModule],
})
export class CommonModule {}
