import { createCipheriv, createSign, createVerify, randomBytes, randomUUID, type KeyObject } from 'node:crypto';

/** The Wechatpay-* headers over `timestamp\nnonce\nbody\n`, signed with the platform's private key. */
export function platformHeaders(body: string, key: KeyObject, serial: string, timestampSeconds: number): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  const timestamp = String(timestampSeconds);
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(key, 'base64');
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': serial,
    'request-id': randomUUID(),
  };
}

/** The merchant's `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`. */
export interface MerchantAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export function parseAuthorization(header: string | undefined): MerchantAuthorization | null {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header ?? '');
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const part of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) fields[part[1]!] = part[2]!;
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** Checks the merchant's signature over `METHOD\nURL\ntimestamp\nnonce\nbody\n` (WeChat Pay v3's 请求签名). */
export function merchantSignatureValid(auth: MerchantAuthorization, method: string, pathAndQuery: string, body: Buffer, key: KeyObject): boolean {
  const verify = createVerify('RSA-SHA256');
  verify.update(`${method}\n${pathAndQuery}\n${auth.timestamp}\n${auth.nonce_str}\n`);
  verify.update(body);
  verify.update('\n');
  try {
    return verify.verify(key, auth.signature, 'base64');
  } catch {
    return false;
  }
}

/** AEAD_AES_256_GCM as WeChat Pay encrypts a notification's resource: base64(ciphertext ‖ 16-byte tag). */
export function encryptResource(plain: string, apiV3Key: string, associatedData: string): { ciphertext: string; nonce: string; associated_data: string } {
  const nonce = randomBytes(6).toString('hex'); // 12 characters, as WeChat's
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const bytes = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: bytes.toString('base64'), nonce, associated_data: associatedData };
}
