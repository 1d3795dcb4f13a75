import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { CalendarDay } from '../calendar/entities/calendar-day.entity';
import { CalendarYear } from '../calendar/entities/calendar-year.entity';
import { AuditLog } from '../common/audit/audit-log.entity';
import { Category } from '../catalog/entities/category.entity';
import { IndexSequence } from '../catalog/entities/index-sequence.entity';
import { NoticeAttachment } from '../catalog/entities/notice-attachment.entity';
import { NoticeTopic } from '../catalog/entities/notice-topic.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';
import { LoginThrottle } from '../identity/entities/login-throttle.entity';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { NoticeReview } from '../publishing/entities/notice-review.entity';
import { NoticeRevision } from '../publishing/entities/notice-revision.entity';
import { NoticeEditor } from '../catalog/entities/notice-editor.entity';
import { FourEyes1802131200000 } from './migrations/1802131200000-four-eyes';
import { WechatAccessToken } from '../wechat/entities/wechat-access-token.entity';
import { OaFollower } from '../wechat/official-account/entities/oa-follower.entity';
import { OaInboundMessage } from '../wechat/official-account/entities/oa-inbound-message.entity';
import { OaKeywordReply } from '../wechat/official-account/entities/oa-keyword-reply.entity';
import { OaTemplateJobResult } from '../wechat/official-account/entities/oa-template-job-result.entity';
import { AppState } from './app-state.entity';
import { InitialSchema1764403200000 } from './migrations/1764403200000-initial-schema';
import { ParentsAndWechatToken1795910400000 } from './migrations/1795910400000-parents-and-wechat-token';
import { ReviewChain1796515200000 } from './migrations/1796515200000-review-chain';
import { OfficialAccount1797120000000 } from './migrations/1797120000000-official-account';
import { Push1797724800000 } from './migrations/1797724800000-push';
import { AutoPush1798329600000 } from './migrations/1798329600000-auto-push';
import { OaFollowerLookup1798934400000 } from './migrations/1798934400000-oa-follower-lookup';
import { PushWorkers1799539200000 } from './migrations/1799539200000-push-workers';
import { Calendar1800144000000 } from './migrations/1800144000000-calendar';
import { InquiryNotices1801353600000 } from './migrations/1801353600000-inquiry-notices';
import { OaReplayGuard1801958400000 } from './migrations/1801958400000-oa-replay-guard';
import { OaCallbackNonce } from '../wechat/official-account/entities/oa-callback-nonce.entity';
import { OaBindThrottle } from '../wechat/official-account/entities/oa-bind-throttle.entity';
import { StaffTokenVersion1802044800000 } from './migrations/1802044800000-staff-token-version';
import { StaffOaBinding } from '../wechat/official-account/entities/staff-oa-binding.entity';
import { InquiryNotice } from '../inquiries/entities/inquiry-notice.entity';
import { Inquiries1800748800000 } from './migrations/1800748800000-inquiries';
import { Inquiry } from '../inquiries/entities/inquiry.entity';
import { InquiryCheckCount } from '../inquiries/entities/inquiry-check-count.entity';
import { InquiryEvent } from '../inquiries/entities/inquiry-event.entity';
import { InquiryPhoto } from '../inquiries/entities/inquiry-photo.entity';
import { InquiryQa } from '../inquiries/entities/inquiry-qa.entity';
import { PushCampaign } from '../push/entities/push-campaign.entity';
import { PushDelivery } from '../push/entities/push-delivery.entity';
import { PushDryRun } from '../push/entities/push-dry-run.entity';
import { PushQuota } from '../push/entities/push-quota.entity';
import { PushSubscription } from '../push/entities/push-subscription.entity';
import { PushWorkerHeartbeat } from '../push/entities/push-worker-heartbeat.entity';
import { QueryLogger } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const ENTITIES = [Category, Topic, Unit, Notice, NoticeTopic, NoticeAttachment, IndexSequence, StaffAccount, LoginThrottle, AuditLog, AppState, ParentAccount, WechatAccessToken, NoticeReview, NoticeRevision, OaFollower, OaKeywordReply, OaTemplateJobResult, OaInboundMessage, PushSubscription, PushQuota, PushCampaign, PushDelivery, PushDryRun, PushWorkerHeartbeat, CalendarDay, CalendarYear, Inquiry, InquiryEvent, InquiryPhoto, InquiryQa, InquiryCheckCount, StaffOaBinding, InquiryNotice, OaCallbackNonce, OaBindThrottle, NoticeEditor];

/** Listed in order; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS = [InitialSchema1764403200000, ParentsAndWechatToken1795910400000, ReviewChain1796515200000, OfficialAccount1797120000000, Push1797724800000, AutoPush1798329600000, OaFollowerLookup1798934400000, PushWorkers1799539200000, Calendar1800144000000, Inquiries1800748800000, InquiryNotices1801353600000, OaReplayGuard1801958400000, StaffTokenVersion1802044800000, FourEyes1802131200000];

/** The schema always comes from migrations; `synchronize` stays off on every database. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
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
