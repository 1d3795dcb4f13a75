import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { WechatModule } from '../wechat.module';
import { KeywordRepliesController } from './keyword-replies.controller';
import { KeywordRepliesRepository } from './keyword-replies.repository';
import { KeywordRepliesService } from './keyword-replies.service';
import { OaCallbackController } from './oa-callback.controller';
import { OaBindThrottleRepository } from './oa-bind-throttle.repository';
import { OaCallbackNoncesRepository } from './oa-callback-nonces.repository';
import { OaCallbackService } from './oa-callback.service';
import { OaFollowersRepository } from './oa-followers.repository';
import { OaInboxRepository } from './oa-inbox.repository';
import { OaInboxService } from './oa-inbox.service';
import { OaPersonalData } from './oa-personal-data';
import { OaReplayGuard } from './oa-replay-guard';
import { OaUnionids } from './oa-unionids.service';
import { StaffOaBindingController } from './staff-oa-binding.controller';
import { StaffOaBindingsRepository } from './staff-oa-bindings.repository';
import { StaffOaBindings } from './staff-oa-bindings.service';

/**
 * The WeChat official account (公众号): its server callback (followers, keyword replies, template
 * delivery results, staff linking themselves for reminders), the lookup of followers' unionids,
 * and the admin routes for keyword replies. Exports the staff links (reminders) and the keyword
 * replies (the demo seeds one).
 */
@Module({
  imports: [CommonModule, WechatModule],
  controllers: [OaCallbackController, KeywordRepliesController, StaffOaBindingController],
  providers: [
    OaCallbackService,
    OaInboxService,
    OaInboxRepository,
    OaReplayGuard,
    OaFollowersRepository,
    OaUnionids,
    KeywordRepliesRepository,
    KeywordRepliesService,
    StaffOaBindings,
    StaffOaBindingsRepository,
    OaBindThrottleRepository,
    OaCallbackNoncesRepository,
    OaPersonalData,
  ],
  exports: [StaffOaBindings, KeywordRepliesService],
})
export class OfficialAccountModule {}
