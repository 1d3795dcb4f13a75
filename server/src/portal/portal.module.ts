import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { PublishingModule } from '../publishing/publishing.module';
import { SyncDocuments } from './sync/sync-documents';

/**
 * Sync with the county portal: the change feed and its API keys, the portal's own addresses of
 * our notices, signed pushes to its endpoints from a durable outbox, and the import of its legacy
 * columns (`portal import`).
 */
@Module({
  imports: [CommonModule, CatalogModule, PublishingModule],
  controllers: [],
  providers: [SyncDocuments],
  exports: [],
})
export class PortalModule {}
