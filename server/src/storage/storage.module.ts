import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { createObjectStore } from './create-object-store';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { ObjectStore } from './object-store';
import { StorageCleanup } from './storage-cleanup';

/**
 * Files (issue 13): the object store of configuration (DATA_DIR/files or S3-compatible), stored
 * files' metadata, and their clean-up. Global, like privacy: features inject FilesService.
 */
@Global()
@Module({
  providers: [
    { provide: ObjectStore, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createObjectStore(config.storage) },
    FilesRepository,
    FilesService,
    StorageCleanup,
  ],
  exports: [FilesService],
})
export class StorageModule {}


