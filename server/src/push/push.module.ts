import { Module } from '@nestjs/common';
import { PushYearFigures } from './push-year-figures.service';
import { PushYearFiguresRepository } from './push-year-figures.repository';
import { CommonModule } from '../common/common.module';
import { WechatModule } from '../wechat/wechat.module';
import { AutoPushSettingsController } from './auto-push-settings.controller';
import { AutoPushSettingsRepository } from './auto-push-settings.repository';
import { AutoPushSettingsService } from './auto-push-settings.service';
import { AutoPushService } from './auto-push.service';
import { PushCampaignsController } from './push-campaigns.controller';
import { PushCampaignsRepository } from './push-campaigns.repository';
import { PushCampaignsService } from './push-campaigns.service';
import { PushOutboxRepository } from './push-outbox.repository';
import { PushPersonalData } from './push-personal-data';
import { PushTemplates } from './push-templates';
import { PushWorker } from './push-worker';
import { PushTemplatesController, SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Announcement pushes: subscriptions and quotas, campaigns and their outbox, the workers, the
 * categories' automatic push settings and the automatic pushes on publish ('notice.published').
 */
@Module({
  imports: [CommonModule, WechatModule],
  controllers: [SubscriptionsController, PushTemplatesController, PushCampaignsController, AutoPushSettingsController],
  providers: [
    PushTemplates,
    SubscriptionsRepository,
    SubscriptionsService,
    PushCampaignsRepository,
    PushCampaignsService,
    PushOutboxRepository,
    PushWorker,
    AutoPushSettingsRepository,
    AutoPushSettingsService,
    AutoPushService,
    PushPersonalData,
    PushYearFigures,
    PushYearFiguresRepository,
  ],
  // Inquiry notices use the quotas.
  exports: [SubscriptionsService, PushYearFigures],
})
export class PushModule {}
