import type { Readable } from 'node:stream';

/**
 * The object store as a migration sees it: a migration that moves bytes out of the database (the
 * inquiry photos) writes them here. The root installs the configured store before migrations run
 * (createApp, the CLI); the database module itself knows no storage.
 */
export interface MigrationObjectStore {
  put(key: string, body: Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

let installed: MigrationObjectStore | null = null;

export function installMigrationObjectStore(store: MigrationObjectStore): void {
  installed = store;
}

export function migrationObjectStore(): MigrationObjectStore {
  if (!installed) throw new Error('no object store for migrations: call installMigrationObjectStore(createObjectStore(config.storage)) before running them');
  return installed;
}
