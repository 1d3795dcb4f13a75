import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { ZoningTablesService } from './tables/zoning-tables.service';

/**
 * 学区查询: school zoning tables per school year (import, corrections, review through the year's
 * 划片 notice, comparison of years) and the parents' address lookup with its cascade picker.
 */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [],
  providers: [ZoningTablesService],
  exports: [ZoningTablesService],
})
export class ZoningModule {}
