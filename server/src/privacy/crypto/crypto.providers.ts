import type { Provider } from '@nestjs/common';
import { DataCipher } from './data-cipher';
import { DataHasher } from './data-hasher';
import { installedCipher, installedHasher } from './data-keys';
import { EncryptedColumnsRepository } from './encrypted-columns.repository';
import { ReencryptService } from './reencrypt.service';

/**
 * The privacy module's encryption providers. DataCipher and DataHasher are the instances
 * `installDataKeys` made at start-up (the ones the entities' transformers use), so there is one
 * set of keys per process. Export DataCipher, DataHasher and ReencryptService.
 */
export const CRYPTO_PROVIDERS: Provider[] = [
  { provide: DataCipher, useFactory: installedCipher },
  { provide: DataHasher, useFactory: installedHasher },
  EncryptedColumnsRepository,
  ReencryptService,
];

export const CRYPTO_EXPORTS = [DataCipher, DataHasher, ReencryptService];
