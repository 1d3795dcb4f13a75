import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { WechatModule } from '../wechat/wechat.module';
import { PushCampaignsController } from './push-campaigns.controller';
import { PushCampaignsService } from './push-campaigns.service';
import { PushTemplates } from './push-templates';
import { PushWorker } from './push-worker';
import { PushTemplatesController, SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** Announcement pushes: subscriptions and quotas, campaigns and their outbox, the workers. */
@Module({
  imports: [CommonModule, WechatModule],
  controllers: [SubscriptionsController, PushTemplatesController, PushCampaignsController],
  providers: [PushTemplates, SubscriptionsService, PushCampaignsService, PushWorker],
})
export class PushModule {}
