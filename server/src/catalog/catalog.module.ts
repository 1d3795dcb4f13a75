import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { AttachmentDownloadController, StaffAttachmentsController } from './attachments/attachments.controller';
import { AttachmentLinks } from './attachments/attachment-links';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { IdentityModule } from '../identity/identity.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogAdminRepository } from './catalog-admin.repository';
import { CatalogAdminService } from './catalog-admin.service';
import { CorrectionSummaries } from './corrections/correction-summaries';
import { CorrectionsRepository } from './corrections/corrections.repository';
import { StaffCorrectionsController } from './corrections/staff-corrections.controller';
import { StaffCorrectionsService } from './corrections/staff-corrections.service';
import { NormativeRegisterRepository } from './normative/normative-register.repository';
import { NormativeRegisterService } from './normative/normative-register.service';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { PublicCatalogController } from './public-catalog.controller';
import { PublicUrls } from './public-urls';
import { PortalUrlRepository } from './portal-url/portal-url.repository';
import { NoticePortalUrls } from './portal-url/portal-url.service';
import { ReviewLogPort } from './review-log.port';
import { PublicationStatisticsRepository } from './statistics/publication-statistics.repository';
import { PublicationStatisticsService } from './statistics/publication-statistics.service';
import { StaffNoticesController } from './staff-notices.controller';
import { StaffNoticesRepository } from './staff-notices.repository';
import { StaffNoticesService } from './staff-notices.service';
import { TopicFeedRepository } from './topic-feed/topic-feed.repository';
import { TopicFeed } from './topic-feed/topic-feed.service';
import { ViewCounter } from './views/view-counter.service';
import { ViewStatsService } from './views/view-stats.service';
import { NoticeViewsController } from './views/views.controller';
import { ViewsRepository } from './views/views.repository';
import { WordImportController } from './word-import/word-import.controller';
import { WordImportService } from './word-import/word-import.service';

/** Notices, drafts, categories and topics, and the public read API; publishing moves notices through the chain. */
@Module({
  imports: [CommonModule, IdentityModule],
  controllers: [PublicCatalogController, StaffNoticesController, StaffCorrectionsController, CatalogAdminController, StaffAttachmentsController, AttachmentDownloadController, WordImportController, NoticeViewsController],
  providers: [NoticesRepository, NoticesService, StaffNoticesRepository, StaffNoticesService, CorrectionsRepository, CorrectionSummaries, StaffCorrectionsService, CatalogAdminRepository, CatalogAdminService, ViewCounter, ViewsRepository, ViewStatsService, ReviewLogPort, AttachmentLinks, AttachmentsRepository, AttachmentsService, WordImportService, PublicUrls, PortalUrlRepository, NoticePortalUrls, PublicationStatisticsService, PublicationStatisticsRepository, NormativeRegisterService, NormativeRegisterRepository, TopicFeedRepository, TopicFeed],
  exports: [NoticesService, StaffCorrectionsService, ViewCounter, ViewStatsService, StaffNoticesService, ReviewLogPort, AttachmentsService, PublicUrls, NoticePortalUrls, PublicationStatisticsService, NormativeRegisterService, TopicFeed],
})
export class CatalogModule {}
