import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { IdentityModule } from '../../identity/identity.module';
import { PublishingModule } from '../../publishing/publishing.module';
import { LegacyImportRepository } from './legacy-import.repository';
import { LegacyImporter } from './legacy-importer.service';

/**
 * The import of the portal's legacy columns (`portal import`). Booted by the command, not by the
 * server (it has no route and no periodic work): see server/src/command-context.ts.
 */
@Module({
  imports: [CommonModule, IdentityModule, CatalogModule, PublishingModule],
  providers: [LegacyImportRepository, LegacyImporter],
  exports: [LegacyImporter],
})
export class LegacyImportModule {}
