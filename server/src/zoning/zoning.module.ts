import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { ZoningController } from './lookup/zoning.controller';
import { ZoningLookupRepository } from './lookup/zoning-lookup.repository';
import { ZoningLookupRoute } from './lookup/zoning-lookup.route';
import { ZoningLookupService } from './lookup/zoning-lookup.service';
import { ZoningMissesController } from './lookup/zoning-misses.controller';
import { ZoningMissesRepository } from './lookup/zoning-misses.repository';
import { ZoningMisses } from './lookup/zoning-misses.service';
import { ZoningPersonalData } from './lookup/zoning-personal-data';
import { ZoningEditsService } from './tables/zoning-edits.service';
import { ZoningFilesService } from './tables/zoning-files.service';
import { ZoningStaffController } from './tables/zoning-staff.controller';
import { ZoningTablesRepository } from './tables/zoning-tables.repository';
import { ZoningTablesService } from './tables/zoning-tables.service';

/**
 * 学区查询: school zoning tables per school year (import, corrections, review through the year's
 * 划片 notice, comparison of years) and the parents' address lookup with its cascade picker.
 */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [ZoningController, ZoningMissesController, ZoningStaffController],
  providers: [ZoningTablesService, ZoningTablesRepository, ZoningEditsService, ZoningFilesService, ZoningLookupRepository, ZoningLookupService, ZoningLookupRoute, ZoningMissesRepository, ZoningMisses, ZoningPersonalData],
  exports: [ZoningTablesService, ZoningLookupService],
})
export class ZoningModule {}
