import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from '../../config/app-config';

/** Marks a sealed value and its format version; anything else in an encrypted column is legacy plaintext. */
export const SEALED_PREFIX = 'gk1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A value that cannot be opened. The message names the key id, never the value. */
export class DataCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataCipherError';
  }
}

/**
 * Encryption at rest: AES-256-GCM with a fresh random 12-byte IV per value, sealed as
 * `gk1:<keyId>:<base64url(iv | ciphertext | tag)>`. New values use the first (current) key; a
 * value names the key that sealed it, so values sealed before a rotation stay readable while the
 * old key is still listed. The tag makes any change to a sealed value fail to open.
 */
export class DataCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  /** `iv`: only for tests that compare against a fixed ciphertext; production draws a random IV each time. */
  constructor(keys: readonly DataKey[], private readonly iv: () => Buffer = () => randomBytes(IV_BYTES)) {
    const first = keys[0];
    if (!first) throw new DataCipherError('no data keys: DATA_KEYS must hold at least one key');
    for (const k of keys) {
      if (!KEY_ID.test(k.id)) throw new DataCipherError(`data key id "${k.id}" must be 1–16 letters, digits, _ or -`);
      if (k.key.length !== 32) throw new DataCipherError(`data key "${k.id}" must be 32 bytes`);
    }
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = first.id;
  }

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
  }

  /** The id of the key a sealed value names; null for plaintext. */
  static keyIdOf(value: string): string | null {
    if (!DataCipher.isSealed(value)) return null;
    const end = value.indexOf(':', SEALED_PREFIX.length);
    return end > SEALED_PREFIX.length ? value.slice(SEALED_PREFIX.length, end) : null;
  }

  isSealed(value: unknown): value is string {
    return DataCipher.isSealed(value);
  }

  keyIdOf(value: string): string | null {
    return DataCipher.keyIdOf(value);
  }

  /** Whether the value is sealed with the current key (nothing for a re-encryption to do). */
  isCurrent(value: string): boolean {
    return this.keyIdOf(value) === this.currentKeyId;
  }

  seal(plain: string): string {
    const iv = this.iv();
    if (iv.length !== IV_BYTES) throw new DataCipherError(`the IV must be ${IV_BYTES} bytes`);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${this.currentKeyId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The plaintext of a sealed value; a value not starting with `gk1:` is legacy plaintext and comes back as it is. */
  open(value: string): string {
    if (!DataCipher.isSealed(value)) return value;
    const id = DataCipher.keyIdOf(value);
    if (id === null || !KEY_ID.test(id)) throw new DataCipherError('a sealed value is malformed (no key id)');
    const key = this.keys.get(id);
    if (!key) {
      throw new DataCipherError(`a value is sealed with data key "${id}", which DATA_KEYS does not hold (it holds ${[...this.keys.keys()].join(', ')}): put the old key back into DATA_KEYS`);
    }
    const payload = value.slice(SEALED_PREFIX.length + id.length + 1);
    const bytes = BASE64URL.test(payload) ? Buffer.from(payload, 'base64url') : null;
    if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) throw new DataCipherError(`a value sealed with data key "${id}" is malformed`);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new DataCipherError(`a value sealed with data key "${id}" failed its integrity check: it was changed, or DATA_KEYS holds a different key under that id`);
    }
  }
}
