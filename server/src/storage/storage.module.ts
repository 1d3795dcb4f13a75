import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { ObjectStore } from './object-store';
import { StorageCleanup } from './storage-cleanup';

/**
 * Files (issue 13): the object store of configuration (DATA_DIR/files or S3-compatible), stored
 * files' metadata, and their clean-up. Global, like privacy: features inject FilesService.
 */
@Global()
@Module({})
export class StorageModule {
  /** `objects`: the store the app made at start from configuration (migrations write to the same one). */
  static forRoot(objects: ObjectStore): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: ObjectStore, useValue: objects },
        FilesRepository,
        FilesService,
        StorageCleanup,
      ],
      exports: [FilesService],
    };
  }
}
