import type { ValueTransformer } from 'typeorm';
import type { HashPurpose } from './data-hasher';
import { installedCipher } from './data-keys';

/** The keyed-hash column kept beside an encrypted one (its entity property name), and the hash's purpose. */
export interface KeyedHashCompanion {
  purpose: HashPurpose;
  property: string;
}

/**
 * The transformer of an encrypted column (a nullable string): sealed on the way in (insert, save,
 * update, QueryBuilder `.update().set()`), opened on the way out. Never filter on such a column:
 * every seal differs, so `where: { phone }` matches nothing; match its keyed hash instead.
 * The re-encryption finds encrypted columns by this class in TypeORM's metadata.
 */
export class EncryptedColumn implements ValueTransformer {
  constructor(readonly hash: KeyedHashCompanion | null = null) {}

  to(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string') throw new TypeError('an encrypted column holds text only');
    return installedCipher().seal(value);
  }

  from(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return installedCipher().open(String(value));
  }
}

/** An encrypted column with no keyed hash beside it. */
export const encryptedColumn = new EncryptedColumn();

/**
 * An encrypted column with a keyed hash beside it in `property` (the writer stores both; the
 * start-up pass fills the hash of rows that lack one, e.g. rows from before the hash existed).
 */
export function encryptedColumnHashedAs(purpose: HashPurpose, property: string): EncryptedColumn {
  return new EncryptedColumn({ purpose, property });
}
