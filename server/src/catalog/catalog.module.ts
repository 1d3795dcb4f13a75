import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { IdentityModule } from '../identity/identity.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogAdminRepository } from './catalog-admin.repository';
import { CatalogAdminService } from './catalog-admin.service';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { PublicCatalogController } from './public-catalog.controller';
import { ReviewLogPort } from './review-log.port';
import { StaffNoticesController } from './staff-notices.controller';
import { StaffNoticesRepository } from './staff-notices.repository';
import { StaffNoticesService } from './staff-notices.service';
import { ViewCounter } from './views/view-counter.service';

/** Notices, drafts, categories and topics, and the public read API; publishing moves notices through the chain. */
@Module({
  imports: [CommonModule, IdentityModule],
  controllers: [PublicCatalogController, StaffNoticesController, CatalogAdminController],
  providers: [NoticesRepository, NoticesService, StaffNoticesRepository, StaffNoticesService, CatalogAdminRepository, CatalogAdminService, ViewCounter, ReviewLogPort],
  exports: [NoticesService, StaffNoticesService, ReviewLogPort],
})
export class CatalogModule {}
