import type { AppConfig } from '../../server/src/config/app-config';
import { createObjectStore } from '../../server/src/storage/create-object-store';
import { S3ObjectStore } from '../../server/src/storage/s3-object-store';
import type { StoredFile } from '../../server/src/storage/entities/stored-file.entity';
import type { FilesService } from '../../server/src/storage/files.service';

/**
 * Every storage key the server's object store holds, sorted, whatever the storage (DATA_DIR/files
 * or the S3 bucket of TEST_STORAGE=s3): for "the bytes are gone" checks. Reads the store itself,
 * not the stored_file table. Keys are `ab/<file id>` (FilesService), so
 * `keys.some((k) => k.endsWith(fileId))` tells whether a file's bytes are there.
 */
export async function storedKeys(server: { config: Pick<AppConfig, 'storage'> }): Promise<string[]> {
  const store = createObjectStore(server.config.storage);
  try {
    return await listKeys(store);
  } finally {
    if (store instanceof S3ObjectStore) store.destroy();
  }
}

/** Every key an object store holds, sorted. */
export async function listKeys(store: { list(): AsyncIterable<{ key: string }> }): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list()) keys.push(object.key);
  return keys.sort();
}

/** A stored file's bytes, whole (the server itself only streams them). */
export async function readStored(files: Pick<FilesService, 'open'>, file: Pick<StoredFile, 'storageKey'>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
