import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { ParentAuthGuard } from './auth/parent-auth.guard';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { Tokens } from './auth/tokens';
import { ContentVersionRepository } from './cache/content-version.repository';
import { PublicCache } from './cache/public-cache';
import { EventBus } from './events/event-bus';

/**
 * Cross-cutting pieces every feature module uses: tokens and the guards, audit log, public cache,
 * event bus. The guards' account checks (`StaffSessions`, `ParentSessions`) are declared in
 * common and provided app-wide by identity, so common imports no feature.
 */
@Module({
  imports: [
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
  providers: [AuditService, AuditRepository, Tokens, StaffAuthGuard, ParentAuthGuard, PublicCache, ContentVersionRepository, EventBus],
  exports: [AuditService, Tokens, StaffAuthGuard, ParentAuthGuard, PublicCache, EventBus, JwtModule],
})
export class CommonModule {}
