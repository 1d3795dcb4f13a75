import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { KeywordRepliesController } from './keyword-replies.controller';
import { KeywordRepliesService } from './keyword-replies.service';
import { OaCallbackController } from './oa-callback.controller';
import { OaCallbackService } from './oa-callback.service';
import { OaDemoSeed } from './oa-demo-seed';
import { OaFollowersRepository } from './oa-followers.repository';
import { OaInboxService } from './oa-inbox.service';

/**
 * The WeChat official account (公众号): its server callback (followers, keyword replies, template
 * delivery results) and the admin routes for keyword replies. Exports the followers for pushes.
 */
@Module({
  imports: [CommonModule],
  controllers: [OaCallbackController, KeywordRepliesController],
  providers: [OaCallbackService, OaInboxService, OaFollowersRepository, KeywordRepliesService, OaDemoSeed],
  exports: [OaFollowersRepository],
})
export class OfficialAccountModule {}
