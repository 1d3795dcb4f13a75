import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Block size of WeChat's PKCS#7 padding (not AES's 16: WeChat pads to 32). */
const PAD_BLOCK = 32;

/** A message that does not decrypt, is malformed, or was meant for another AppID. */
export class OaCryptoError extends Error {
  constructor(problem: string) {
    super(`official-account message: ${problem}`);
    this.name = 'OaCryptoError';
  }
}

/** WeChat's signature: sha1 of the parts sorted as strings and joined (signature: token, timestamp, nonce; msg_signature: + Encrypt). */
export function oaSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of two signatures (hex strings). */
export function signatureMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A 43-character EncodingAESKey: letters and digits, decoding to 32 bytes. */
export function isEncodingAesKey(value: string): boolean {
  return /^[A-Za-z0-9]{43}$/.test(value) && Buffer.from(`${value}=`, 'base64').length === 32;
}

/**
 * The official account's safe mode: AES-256-CBC, key = base64(EncodingAESKey + "="), IV = the
 * key's first 16 bytes; plaintext = random(16) + length(4, big-endian) + message + AppID, padded
 * PKCS#7-style to 32-byte blocks by hand.
 */
export class OaMessageCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    if (!isEncodingAesKey(encodingAesKey)) throw new OaCryptoError('the EncodingAESKey must be 43 letters or digits');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
  }

  /** Base64 of the encrypted message; `random` is for tests (16 bytes). */
  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    if (random.length !== 16) throw new OaCryptoError('the random prefix must be 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]);
    const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** The message inside `encrypted`; throws OaCryptoError when it does not decrypt or names another AppID. */
  decrypt(encrypted: string): string {
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % PAD_BLOCK !== 0) throw new OaCryptoError('bad ciphertext length');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new OaCryptoError('does not decrypt');
    }
    const pad = plain[plain.length - 1]!;
    if (pad < 1 || pad > PAD_BLOCK || !plain.subarray(plain.length - pad).every((b) => b === pad)) throw new OaCryptoError('bad padding');
    const content = plain.subarray(16, plain.length - pad);
    if (content.length < 4) throw new OaCryptoError('too short');
    const length = content.readUInt32BE(0);
    if (4 + length > content.length) throw new OaCryptoError('bad length');
    const appId = content.subarray(4 + length).toString('utf8');
    if (appId !== this.appId) throw new OaCryptoError('meant for another AppID');
    return content.subarray(4, 4 + length).toString('utf8');
  }
}
