import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { PublishingModule } from '../publishing/publishing.module';
import { PortalClientsController } from './clients/portal-clients.controller';
import { PortalClientsRepository } from './clients/portal-clients.repository';
import { PortalClientsService } from './clients/portal-clients.service';
import { PortalKeyGuard } from './clients/portal-key.guard';
import { NoticePortalSyncController, PortalEndpointsController } from './push/portal-endpoints.controller';
import { PortalEndpointsRepository } from './push/portal-endpoints.repository';
import { PortalEndpointsService } from './push/portal-endpoints.service';
import { PortalOutboxRepository } from './push/portal-outbox.repository';
import { PortalPushWorker } from './push/portal-push-worker';
import { SyncController } from './sync/sync.controller';
import { SyncDocuments } from './sync/sync-documents';
import { SyncService } from './sync/sync.service';

/**
 * Sync with the county portal: the change feed and its API keys, the portal's own addresses of
 * our notices, signed pushes to its endpoints from a durable outbox, and the import of its legacy
 * columns (`portal import`).
 */
@Module({
  imports: [CommonModule, CatalogModule, PublishingModule],
  controllers: [PortalClientsController, SyncController, PortalEndpointsController, NoticePortalSyncController],
  providers: [SyncDocuments, PortalClientsRepository, PortalClientsService, PortalKeyGuard, SyncService, PortalEndpointsRepository, PortalOutboxRepository, PortalEndpointsService, PortalPushWorker],
  exports: [],
})
export class PortalModule {}
