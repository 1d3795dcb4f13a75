import type { PrivacyConfig } from '../../config/app-config';
import { DataCipher } from './data-cipher';
import { DataHasher } from './data-hasher';

let cipher: DataCipher | null = null;
let hasher: DataHasher | null = null;

/**
 * Installs the keys process-wide, once at start-up (createApp, the CLI): TypeORM's value
 * transformers are static objects on the entities, so `encryptedColumn` reaches the keys here
 * rather than through dependency injection. Installing again replaces them (tests restart a
 * server with rotated keys in one process).
 */
export function installDataKeys(privacy: Pick<PrivacyConfig, 'dataKeys' | 'hashKey'>): { cipher: DataCipher; hasher: DataHasher } {
  cipher = new DataCipher(privacy.dataKeys);
  hasher = new DataHasher(privacy.hashKey);
  return { cipher, hasher };
}

export function installedCipher(): DataCipher {
  if (!cipher) throw new Error('data keys are not installed: call installDataKeys(config.privacy) at start-up');
  return cipher;
}

export function installedHasher(): DataHasher {
  if (!hasher) throw new Error('data keys are not installed: call installDataKeys(config.privacy) at start-up');
  return hasher;
}
