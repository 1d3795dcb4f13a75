import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InitialSchema1764403200000 } from './migrations/1764403200000-initial-schema';
import { ParentsAndWechatToken1795910400000 } from './migrations/1795910400000-parents-and-wechat-token';
import { ReviewChain1796515200000 } from './migrations/1796515200000-review-chain';
import { OfficialAccount1797120000000 } from './migrations/1797120000000-official-account';
import { Push1797724800000 } from './migrations/1797724800000-push';
import { AutoPush1798329600000 } from './migrations/1798329600000-auto-push';
import { OaFollowerLookup1798934400000 } from './migrations/1798934400000-oa-follower-lookup';
import { PushWorkers1799539200000 } from './migrations/1799539200000-push-workers';
import { Calendar1800144000000 } from './migrations/1800144000000-calendar';
import { Inquiries1800748800000 } from './migrations/1800748800000-inquiries';
import { InquiryNotices1801353600000 } from './migrations/1801353600000-inquiry-notices';
import { OaReplayGuard1801958400000 } from './migrations/1801958400000-oa-replay-guard';
import { StaffTokenVersion1802044800000 } from './migrations/1802044800000-staff-token-version';
import { FourEyes1802131200000 } from './migrations/1802131200000-four-eyes';
import { PushAutoSetting1802217600000 } from './migrations/1802217600000-push-auto-setting';
import { EncryptInquiryPhone1802304000000 } from './migrations/1802304000000-encrypt-inquiry-phone';
import { Privacy1802390400000 } from './migrations/1802390400000-privacy';
import { ParentCancellation1802476800000 } from './migrations/1802476800000-parent-cancellation';
import { InquiryChildConsent1802563200000 } from './migrations/1802563200000-inquiry-child-consent';
import { StoredFiles1802736000000 } from './migrations/1802736000000-stored-files';
import { InquiryPhotosToStorage1802822400000 } from './migrations/1802822400000-inquiry-photos-to-storage';
import { NoticeChangeLog1802908800000 } from './migrations/1802908800000-notice-change-log';
import { NoticeCorrections1802995200000 } from './migrations/1802995200000-notice-corrections';
import { NoticeViewDaily1803081600000 } from './migrations/1803081600000-notice-view-daily';
import { PortalClients1803168000000 } from './migrations/1803168000000-portal-clients';
import { PortalPush1803254400000 } from './migrations/1803254400000-portal-push';
import { LegacyImport1803340800000 } from './migrations/1803340800000-legacy-import';
import { Zoning1803427200000 } from './migrations/1803427200000-zoning';
import { ZoningEditors1803513600000 } from './migrations/1803513600000-zoning-editors';
import { Disclosure1803600000000 } from './migrations/1803600000000-disclosure';
import { AnnualReport1803700000000 } from './migrations/1803700000000-annual-report';
import { Search1803800000000 } from './migrations/1803800000000-search';
import { CatalogVersion1803900000000 } from './migrations/1803900000000-catalog-version';
import { TopicFeed1804000000000 } from './migrations/1804000000000-topic-feed';
import { PrivacyRecords1802649600000 } from './migrations/1802649600000-privacy-records';
import { QueryLogger } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Listed in order; a released migration is never edited, only followed by a new one (one import, one line). */
export const MIGRATIONS = [
  InitialSchema1764403200000,
  ParentsAndWechatToken1795910400000,
  ReviewChain1796515200000,
  OfficialAccount1797120000000,
  Push1797724800000,
  AutoPush1798329600000,
  OaFollowerLookup1798934400000,
  PushWorkers1799539200000,
  Calendar1800144000000,
  Inquiries1800748800000,
  InquiryNotices1801353600000,
  OaReplayGuard1801958400000,
  StaffTokenVersion1802044800000,
  FourEyes1802131200000,
  PushAutoSetting1802217600000,
  EncryptInquiryPhone1802304000000,
  Privacy1802390400000,
  ParentCancellation1802476800000,
  InquiryChildConsent1802563200000,
  PrivacyRecords1802649600000,
  StoredFiles1802736000000,
  InquiryPhotosToStorage1802822400000,
  NoticeChangeLog1802908800000,
  NoticeCorrections1802995200000,
  NoticeViewDaily1803081600000,
  PortalClients1803168000000,
  PortalPush1803254400000,
  LegacyImport1803340800000,
  Zoning1803427200000,
  ZoningEditors1803513600000,
  Disclosure1803600000000,
  AnnualReport1803700000000,
  Search1803800000000,
  CatalogVersion1803900000000,
  TopicFeed1804000000000,
];

/**
 * The schema always comes from migrations; `synchronize` stays off on every database. `entities`
 * comes from the composition root (server/src/entities.ts): the database module knows no feature.
 */
export function dataSourceOptions(config: AppConfig, entities: NonNullable<DataSourceOptions['entities']>): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    // Run by runMigrations() under a lock, not by TypeORM on connect.
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    // Failed queries by shape and error code only: their parameters carry personal data.
    logger: new QueryLogger(),
  };
  if (config.database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      connectorPackage: 'mysql2',
      url: config.database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: config.database.poolSize,
      supportBigNumbers: true,
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    // WAL lets readers go on while one writer commits.
    enableWAL: true,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
