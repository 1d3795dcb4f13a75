import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { WechatModule } from '../wechat/wechat.module';
import { AutoPushService } from './auto-push.service';
import { PushCampaignsController } from './push-campaigns.controller';
import { PushCampaignsService } from './push-campaigns.service';
import { PushTemplates } from './push-templates';
import { PushOutboxRepository } from './push-outbox.repository';
import { PushWorker } from './push-worker';
import { PushTemplatesController, SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** Announcement pushes: subscriptions and quotas, campaigns and their outbox, the workers, automatic pushes on publish. */
@Module({
  imports: [CommonModule, WechatModule],
  controllers: [SubscriptionsController, PushTemplatesController, PushCampaignsController],
  providers: [PushTemplates, SubscriptionsService, PushCampaignsService, PushOutboxRepository, PushWorker, AutoPushService],
  // The catalog admin checks a category's auto push setting as a campaign is checked; inquiry notices use the quotas.
  exports: [PushCampaignsService, SubscriptionsService],
})
export class PushModule {}
