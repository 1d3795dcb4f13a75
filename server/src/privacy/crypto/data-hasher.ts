import { createHmac } from 'node:crypto';

/**
 * What a keyed hash is for, and how its value is normalised first, so that the ways people write
 * one value (spaces, dashes, a lower-case x) hash the same.
 */
const NORMALISE = {
  /** Phone numbers: digits only (`0536-6212345` and `05366212345` are one number). */
  phone: (value: string) => value.replace(/\D/g, ''),
  /** Resident ID numbers: no spaces, the check letter upper-case. */
  id_number: (value: string) => value.replace(/\s/g, '').toUpperCase(),
  /** 统一社会信用代码: no spaces, upper-case (an organisation's identity for the fee's monthly count). */
  credit_code: (value: string) => value.replace(/\s/g, '').toUpperCase(),
  /** A 依申请公开 request's verification code, as the applicant types it (any case, spaces ignored). */
  disclosure_code: (value: string) => value.replace(/\s/g, '').toUpperCase(),
  /** An erased 公众号 follower's pseudonym: later events from the same openid still find its row. */
  oa_openid: (value: string) => value,
} as const;

export type HashPurpose = keyof typeof NORMALISE;

/**
 * Keyed hashes (HMAC-SHA256 with DATA_HASH_KEY): a column beside an encrypted value that lets the
 * app find rows with that value without decrypting anything. Without the key nobody can test a
 * guessed phone number against the column (a plain hash of an 11-digit number is guessed in
 * seconds). Each purpose hashes under a key of its own, derived from DATA_HASH_KEY, so one value
 * gives unrelated hashes in different columns. 64 hex characters.
 */
export class DataHasher {
  private readonly keys = new Map<HashPurpose, Buffer>();

  constructor(private readonly hashKey: Buffer) {
    if (hashKey.length < 32) throw new Error('DATA_HASH_KEY must be at least 32 bytes');
  }

  hash(purpose: HashPurpose, value: string): string {
    const normalised = NORMALISE[purpose](value);
    // An empty value would make every empty input match every other.
    if (!normalised) throw new Error(`nothing to hash for ${purpose}`);
    return createHmac('sha256', this.purposeKey(purpose)).update(normalised, 'utf8').digest('hex');
  }

  private purposeKey(purpose: HashPurpose): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.hashKey).update(`gongkai/keyed-hash/${purpose}`, 'utf8').digest();
      this.keys.set(purpose, key);
    }
    return key;
  }
}
