import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from '../common/common.module';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { PushModule } from '../push/push.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { Notice } from './entities/notice.entity';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { PublicCatalogController } from './public-catalog.controller';
import { StaffNoticesController } from './staff-notices.controller';
import { StaffNoticesService } from './staff-notices.service';
import { ViewCounter } from './views/view-counter.service';

@Module({
  imports: [CommonModule, TypeOrmModule.forFeature([Notice, StaffAccount]), PushModule],
  controllers: [PublicCatalogController, StaffNoticesController, CatalogAdminController],
  providers: [NoticesRepository, NoticesService, StaffNoticesService, CatalogAdminService, ViewCounter],
  exports: [NoticesService, StaffNoticesService],
})
export class CatalogModule {}
