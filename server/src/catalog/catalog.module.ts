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
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { PublicCatalogController } from './public-catalog.controller';
import { PublicUrls } from './public-urls';
import { ReviewLogPort } from './review-log.port';
import { StaffNoticesController } from './staff-notices.controller';
import { StaffNoticesRepository } from './staff-notices.repository';
import { StaffNoticesService } from './staff-notices.service';
import { ViewCounter } from './views/view-counter.service';
import { WordImportController } from './word-import/word-import.controller';
import { WordImportService } from './word-import/word-import.service';

/** Notices, drafts, categories and topics, and the public read API; publishing moves notices through the chain. */
@Module({
  imports: [CommonModule, IdentityModule],
  controllers: [PublicCatalogController, StaffNoticesController, CatalogAdminController, StaffAttachmentsController, AttachmentDownloadController, WordImportController],
  providers: [NoticesRepository, NoticesService, StaffNoticesRepository, StaffNoticesService, CatalogAdminRepository, CatalogAdminService, ViewCounter, ReviewLogPort, AttachmentLinks, AttachmentsRepository, AttachmentsService, WordImportService, PublicUrls],
  exports: [NoticesService, StaffNoticesService, ReviewLogPort, AttachmentsService, PublicUrls],
})
export class CatalogModule {}
