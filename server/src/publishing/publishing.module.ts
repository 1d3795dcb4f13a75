import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { ChangeLogRepository } from './changes/change-log.repository';
import { ChangeLog } from './changes/change-log.service';
import { CorrectionFlowController } from './corrections/correction-flow.controller';
import { CorrectionFlowService } from './corrections/correction-flow.service';
import { LegacyPublishRepository } from './legacy/legacy-publish.repository';
import { LegacyPublish } from './legacy/legacy-publish.service';
import { PublishStepRepository } from './publish-step.repository';
import { PublishStep } from './publish-step.service';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';
import { ScheduledPublisher } from './scheduled-publisher';

/** The review chain (先审查，后公开), its log and revisions, the publish step (索引号), scheduled publishing and withdrawal, corrections' (更正) steps, and the change log of what the public sees. */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [ReviewController, CorrectionFlowController],
  providers: [ReviewRepository, ReviewService, CorrectionFlowService, PublishStepRepository, PublishStep, ScheduledPublisher, ChangeLogRepository, ChangeLog, LegacyPublishRepository, LegacyPublish],
  exports: [ReviewService, PublishStep, ChangeLog, LegacyPublish],
})
export class PublishingModule {}
