import type { StorageConfig } from '../config/app-config';
import { DiskObjectStore } from './disk-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

export function createObjectStore(config: StorageConfig): ObjectStore {
  return config.kind === 's3' ? new S3ObjectStore(config) : new DiskObjectStore(config.dir);
}
